package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import games.analytics.testing.GamesCsvGenerator;
import games.analytics.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * More concurrent exports than pooled ClickHouse connections: they wait their turn and all succeed, and the service
 * keeps answering meanwhile. (The load benchmark found the opposite: queries waited for a connection on the event
 * loops that the connections' holders needed to finish, so 64 exports stalled every request for minutes.)
 */
class ConcurrentExportsTest {

    private static final int EXPORTS = 48;

    @Test
    void moreExportsThanConnectionsAllSucceedWhileTheServiceStaysResponsive() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        new GamesCsvGenerator(TestData.bytes(TestData.SAMPLE), 3).write(csv, 6_000_000);
        try (QueryServiceUnderTest service = QueryServiceUnderTest.start("exports", csv.toByteArray());
             ExecutorService clients = Executors.newFixedThreadPool(EXPORTS)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = "Bearer " + TestTokens.valid(Roles.ANALYST);
            HttpRequest export = HttpRequest.newBuilder(URI.create(service.server.getURI()
                    + "/api/v1/games?format=csv&limit=3000&fields=app_id,name,about_game,tags")).header("Authorization", token)
                    .timeout(Duration.ofSeconds(90)).build();
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < EXPORTS; i++) {
                answers.add(clients.submit(() -> http.send(export, HttpResponse.BodyHandlers.ofByteArray())));
            }
            // while they run (some still are when each check is answered), a request that needs no ClickHouse is answered
            // within its own timeout
            HttpRequest check = HttpRequest.newBuilder(URI.create(service.server.getURI() + "/auth/check"))
                    .header("Authorization", token).timeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < 5; i++) {
                assertEquals(204, http.send(check, HttpResponse.BodyHandlers.discarding()).statusCode());
                assertTrue(answers.stream().anyMatch(answer -> !answer.isDone()), "exports were still running");
            }
            int expectedBytes = -1;
            for (Future<HttpResponse<byte[]>> answer : answers) {
                HttpResponse<byte[]> response = answer.get();
                assertEquals(200, response.statusCode(), () -> new String(response.body()));
                if (expectedBytes < 0) {
                    expectedBytes = response.body().length;
                    assertTrue(expectedBytes > 1_000_000, "an export of 3,000 rows with their texts: " + expectedBytes + " bytes");
                }
                assertEquals(expectedBytes, response.body().length, "every export is the same whole file");
            }
        }
    }
}
