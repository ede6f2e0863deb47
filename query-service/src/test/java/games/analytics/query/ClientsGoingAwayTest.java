package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import games.analytics.testing.GamesCsvGenerator;
import games.analytics.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Clients that hang up mid-request, many more of them than the service has ClickHouse connections (2 here): each
 * request's ClickHouse answer must be closed, or its pooled connection stays taken and later queries wait a minute
 * for one and fail. Hung up before any byte of the answer (a page, an aggregate) and in the middle of a streamed export.
 */
class ClientsGoingAwayTest {

    private static final String TOKEN = "Bearer " + TestTokens.valid(Roles.ANALYST);

    @Test
    void connectionsComeBackWhenClientsHangUp() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        new GamesCsvGenerator(TestData.bytes(TestData.SAMPLE), 5).write(csv, 6_000_000);
        try (QueryServiceUnderTest service = QueryServiceUnderTest.start("hangups", csv.toByteArray(),
                Map.of("clickhouse.max-connections", "2"))) {
            int port = service.server.getPort();
            for (int i = 0; i < 8; i++) {
                hangUp(port, "/api/v1/games?about_game=zq" + i + "&fields=app_id,name", 0);
                hangUp(port, "/api/v1/games/aggregate?group_by=tags&metrics=count,p90:price,distinct:developers", 0);
                hangUp(port, "/api/v1/games?format=csv&limit=100000&fields=app_id,name,about_game,tags", 20_000);
                hangUp(port, "/api/v1/games?format=ndjson&limit=100000", 20_000);
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest page = HttpRequest.newBuilder(URI.create(service.server.getURI() + "/api/v1/games?limit=5&fields=app_id"))
                    .header("Authorization", TOKEN).timeout(Duration.ofSeconds(20)).build();
            for (int i = 0; i < 6; i++) { // more than the pool: every connection must have come back
                long start = System.nanoTime();
                HttpResponse<String> answer = http.send(page, HttpResponse.BodyHandlers.ofString());
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(200, answer.statusCode(), answer.body());
                assertTrue(millis < 10_000, "a page took " + millis + " ms after the hang-ups: waiting for a pooled connection");
            }
        }
    }

    /** Sends a GET, reads {@code bytes} of the answer (0: none), and closes the connection. */
    private static void hangUp(int port, String path, int bytes) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + TOKEN + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(20_000);
            int read = 0;
            while (read < bytes) {
                int n = in.read(new byte[8192], 0, Math.min(8192, bytes - read));
                if (n < 0) {
                    break;
                }
                read += n;
            }
        }
    }
}
