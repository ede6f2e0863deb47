import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What a ClickHouse client adds to one query, one call at a time: sends the service's substring query with the
 * service's settings in a loop for SECONDS through one of three clients, and prints the p50 of the second half of
 * the calls (the first half warms the JIT). bench/client-overhead.sh reads ClickHouse's own time off the wire.
 * Run with the ingest-service jar on the class path (it holds client-v2 and Micronaut's HTTP client):
 * java -cp ingest-service/target/ingest-service.jar bench/ClientLoop.java raw|client-v2|micronaut USER PASSWORD SECONDS < query.sql
 */
public class ClientLoop {

    static final String SETTINGS = "result_overflow_mode=throw&max_execution_time=30&wait_end_of_query=1&max_result_rows=1000001";

    interface Call {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String sql = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        String user = args[1], password = args[2];
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Call call = switch (args[0]) {
            case "raw" -> raw(sql, basic);
            case "client-v2" -> clientV2(sql, user, password);
            case "micronaut" -> micronaut(sql, basic);
            default -> throw new IllegalArgumentException("client: raw, client-v2 or micronaut");
        };
        List<Long> times = new ArrayList<>();
        long end = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            call.run();
            times.add(System.nanoTime() - t0);
        }
        List<Long> half = new ArrayList<>(times.subList(times.size() / 2, times.size()));
        Collections.sort(half);
        System.out.printf("%s %d calls, p50 %.3f ms%n", args[0], times.size(), half.get(half.size() / 2) / 1e6);
        System.exit(0);
    }

    /** HTTP/1.1 by hand on one keep-alive socket: the least a client can do. */
    static Call raw(String sql, String basic) throws Exception {
        byte[] body = sql.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /?" + SETTINGS + " HTTP/1.1\r\nHost: 127.0.0.1:8123\r\nContent-Type: text/plain\r\n"
                + "X-ClickHouse-Format: TabSeparated\r\nX-ClickHouse-Database: games\r\nAuthorization: Basic " + basic
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        Socket socket = new Socket("127.0.0.1", 8123);
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[65536];
        byte[] last = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        return () -> {
            out.write(head);
            out.write(body);
            out.flush();
            byte[] tail = new byte[7];
            boolean first = true;
            do { // to the chunked body's last chunk
                int n = in.read(buffer);
                if (n < 0) {
                    throw new EOFException();
                }
                if (first && !new String(buffer, 0, Math.min(n, 12), StandardCharsets.US_ASCII).equals("HTTP/1.1 200")) {
                    throw new IllegalStateException(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
                first = false;
                for (int i = Math.max(0, n - 7); i < n; i++) {
                    System.arraycopy(tail, 1, tail, 0, 6);
                    tail[6] = buffer[i];
                }
            } while (!Arrays.equals(tail, last));
        };
    }

    /** client-v2 built as the services build it (ClickHouseConnection), read as GamesReader reads. */
    static Call clientV2(String sql, String user, String password) {
        Client client = new Client.Builder().addEndpoint("http://127.0.0.1:8123").setUsername(user).setPassword(password)
                .setDefaultDatabase("games").compressServerResponse(false).compressClientRequest(false)
                .setConnectTimeout(5, ChronoUnit.SECONDS).setSocketTimeout(30, ChronoUnit.SECONDS).setMaxConnections(16)
                .setConnectionRequestTimeout(60, ChronoUnit.SECONDS).setMaxRetries(0).build();
        byte[] buffer = new byte[65536];
        return () -> {
            QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated)
                    .serverSetting("max_execution_time", "30").serverSetting("max_result_rows", "1000001")
                    .serverSetting("result_overflow_mode", "throw").serverSetting("wait_end_of_query", "1");
            try (QueryResponse response = client.query(sql, settings).get(); InputStream in = response.getInputStream()) {
                while (in.read(buffer) >= 0) {
                    // drained, as the service drains it
                }
            }
        };
    }

    /** Micronaut's Netty client: the exchange runs on its event loop while the caller waits for the Mono. */
    static Call micronaut(String sql, String basic) throws Exception {
        HttpClient client = HttpClient.create(URI.create("http://127.0.0.1:8123").toURL());
        return () -> {
            HttpRequest<String> request = HttpRequest.POST("/?" + SETTINGS, sql).contentType(MediaType.TEXT_PLAIN_TYPE)
                    .header("X-ClickHouse-Format", "TabSeparated").header("X-ClickHouse-Database", "games")
                    .header("Authorization", "Basic " + basic);
            HttpResponse<byte[]> response = Mono.from(client.exchange(request, byte[].class)).block();
            if (response == null || response.getStatus().getCode() != 200) {
                throw new IllegalStateException("ClickHouse answered " + (response == null ? "nothing" : response.getStatus()));
            }
        };
    }
}
