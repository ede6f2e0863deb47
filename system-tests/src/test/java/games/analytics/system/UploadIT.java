package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import games.analytics.testing.GamesCsvGenerator;
import games.analytics.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Uploads through the real gateway: a file far above the 16 KiB body cap streams through to the ingest-service and the
 * query-service serves what the file holds (counted from the file in plain code); an analyst may not upload; a declared
 * body above INGEST_MAX_UPLOAD_BYTES is refused by the gateway with a problem naming the limit.
 */
class UploadIT {

    static Stack stack;
    static final String INGEST = "Bearer " + TestTokens.valid(Roles.INGEST);
    static final String ANALYST = "Bearer " + TestTokens.valid(Roles.ANALYST);

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.get();
    }

    static HttpResponse<String> upload(HttpClient client, String token, String query, byte[] file) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(stack.gateway.url() + "/api/v1/ingestions" + query))
                .header("Authorization", token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFileFarAboveTheBodyCapStreamsThroughAndIsServed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GamesCsvGenerator(TestData.bytes(TestData.SAMPLE), 31).write(out, 40_000_000);
        byte[] file = out.toByteArray();
        SampleOracle oracle = new SampleOracle(file);
        long positive = oracle.rows.stream().mapToLong(SampleOracle.Game::positive).sum();

        HttpClient client = Stack.client(41);
        HttpResponse<String> accepted = upload(client, INGEST, "?filename=big.csv", file);
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertTrue(accepted.body().contains("\"url\":\"upload:big.csv\""), accepted.body());
        assertTrue(accepted.body().contains("\"bytesRead\":" + file.length), "answered once the body was read: " + accepted.body());
        String location = accepted.headers().firstValue("Location").orElseThrow();
        Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                .until(() -> Stack.send(client, "GET", stack.gateway.url() + location, INGEST, null).body().contains("\"status\":\"succeeded\""));

        HttpResponse<String> counted = Stack.send(client, "GET", stack.gateway.url() + "/api/v1/games/aggregate?metrics=count,sum:positive", ANALYST, null);
        assertEquals(200, counted.statusCode(), counted.body());
        assertEquals("{\"data\":[{\"count\":" + oracle.rows.size() + ",\"sum_positive\":" + positive + "}]}", counted.body());
        stack.ingestSample(); // the other tests expect the sample
    }

    @Test
    void anAnalystMayNotUpload() throws Exception {
        HttpResponse<String> refused = upload(Stack.client(42), ANALYST, "", TestData.bytes(TestData.SAMPLE));
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void aDeclaredBodyAboveTheLimitIsRefusedAtTheGateway() throws Exception {
        URI gateway = URI.create(stack.gateway.url());
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort(), InetAddress.getByName("127.0.0.43"), 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/ingestions HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + INGEST
                    + "\r\nContent-Type: text/csv\r\nContent-Length: 3000000000\r\nConnection: close\r\n\r\nAppID,Name\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("Content-Type: application/problem+json"), answer);
            assertTrue(answer.contains("an uploaded file is limited to 2147483648 bytes (INGEST_MAX_UPLOAD_BYTES)"), answer);
        }
    }
}
