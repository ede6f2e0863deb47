package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import games.analytics.testing.CsvFileServer.Route;
import games.analytics.testing.GamesCsvGenerator;
import games.analytics.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the gateway adds: one host for the whole API, body and rate limits, streams passed through as they come. */
class GatewayIT {

    static Stack stack;
    static final String INGEST = "Bearer " + TestTokens.valid(Roles.INGEST);
    static final String ANALYST = "Bearer " + TestTokens.valid(Roles.ANALYST);

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.get();
    }

    @Test
    void anAnalystQueriesWhatAnIngesterLoadedThroughOneHost() throws Exception {
        HttpClient client = Stack.client(3);
        String gateway = stack.gateway.url();
        HttpResponse<String> accepted = Stack.send(client, "POST", gateway + "/api/v1/ingestions", INGEST,
                "{\"url\": \"" + stack.sampleUrl + "\"}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        String location = accepted.headers().firstValue("Location").orElseThrow();
        Awaitility.await().until(() -> Stack.send(client, "GET", gateway + location, INGEST, null).body().contains("\"status\":\"succeeded\""));

        HttpResponse<String> games = Stack.send(client, "GET", gateway + "/api/v1/games?name=galactic&fields=app_id,name", ANALYST, null);
        assertEquals(200, games.statusCode(), games.body());
        assertEquals("{\"data\":[{\"app_id\":20200,\"name\":\"Galactic Bowling\"}],\"nextCursor\":null}", games.body());
        HttpResponse<String> csv = Stack.send(client, "GET", gateway + "/api/v1/games?format=csv&fields=app_id", ANALYST, null);
        assertEquals(101, csv.body().lines().count(), "header + the sample's 100 rows");
    }

    @Test
    void aTokensVerdictIsReusedForSecondsNotForTheOtherServiceAndAnExpiredTokenIsRefused() throws Exception {
        stack.ingestSample();
        HttpClient client = Stack.client(23);
        String games = stack.gateway.url() + "/api/v1/games?limit=1&fields=app_id";
        String token = TestTokens.expiringIn(Duration.ofSeconds(4), Roles.ANALYST);
        String shortLived = "Bearer " + token;
        Instant expires = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
        long checksBefore = authChecks();
        for (int i = 0; i < 10; i++) {
            assertEquals(200, Stack.send(client, "GET", games, shortLived, null).statusCode());
        }
        long checks = authChecks() - checksBefore;
        assertTrue(checks >= 1 && checks <= 2, "10 requests with one token, " + checks + " checks by the service");
        // the same token at the ingest-service: its own verdict (a 403 for an analyst), not the query-service's
        assertEquals(403, Stack.send(client, "GET", stack.gateway.url() + "/api/v1/ingestions", shortLived, null).statusCode());
        // the gateway keeps no verdict past the token's expiry (AccessVerdictTest), and the service checks it again anyway;
        // the expiry is a moment on the clock, so the test waits out the token's lifetime
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 700);
        HttpResponse<String> expired = Stack.send(client, "GET", games, shortLived, null);
        assertEquals(401, expired.statusCode(), "a verdict kept past the token's expiry: " + expired.body());
    }

    /** How many times the query-service answered /auth/check (its Prometheus counter for the route). */
    private static long authChecks() throws Exception {
        HttpResponse<String> metrics = Stack.send(Stack.client(24), "GET", stack.query.url() + "/prometheus",
                "Bearer " + TestTokens.valid(Roles.ADMIN), null);
        assertEquals(200, metrics.statusCode());
        return metrics.body().lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{") && line.contains("uri=\"/auth/check\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void bodiesAreCappedAt16KiB() throws Exception {
        HttpResponse<String> response = Stack.send(Stack.client(4), "POST", stack.gateway.url() + "/api/v1/ingestions", INGEST,
                "{\"url\": \"" + "x".repeat(17 * 1024) + "\"}");
        assertEquals(413, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("16 KiB"), response.body());
    }

    @Test
    void eachClientMayStartSixIngestionsAMinute() throws Exception {
        HttpClient client = Stack.client(5);
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 8; i++) {
            last = Stack.send(client, "POST", stack.gateway.url() + "/api/v1/ingestions", INGEST, "{}"); // 400 once it gets through
            statuses.add(last.statusCode());
        }
        assertEquals(List.of(400, 400, 400, 400, 400, 400, 429, 429), statuses);
        assertEquals("application/problem+json", last.headers().firstValue("Content-Type").orElse(""));
        assertTrue(last.headers().firstValue("Retry-After").isPresent());
        // another client is not affected, nor are this client's reads
        assertEquals(400, Stack.send(Stack.client(6), "POST", stack.gateway.url() + "/api/v1/ingestions", INGEST, "{}").statusCode());
        assertEquals(200, Stack.send(client, "GET", stack.gateway.url() + "/api/v1/ingestions", INGEST, null).statusCode());
    }

    @Test
    void eachClientIsLimitedToTwentyRequestsASecond() throws Exception {
        HttpClient client = Stack.client(7);
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.gateway.url() + "/auth/check")).header("Authorization", ANALYST).build();
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> burst = Stream.generate(
                () -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString())).limit(100).toList();
        List<Integer> statuses = burst.stream().map(f -> f.join().statusCode()).toList();
        long limited = statuses.stream().filter(status -> status == 429).count();
        assertTrue(limited >= 30 && statuses.stream().allMatch(s -> s == 204 || s == 429), limited + " of 100 limited: " + statuses);
    }

    @Test
    void progressEventsPassThroughAsTheyHappen() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        new GamesCsvGenerator(TestData.bytes(TestData.SAMPLE), 5).write(csv, 1_500_000);
        String url = stack.files.serve("/slow.csv", Route.csv(csv.toByteArray()).slow(15));
        HttpClient client = Stack.client(8);
        HttpResponse<String> accepted = Stack.send(client, "POST", stack.gateway.url() + "/api/v1/ingestions", INGEST,
                "{\"url\": \"" + url + "\", \"mode\": \"append\"}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        String location = accepted.headers().firstValue("Location").orElseThrow();
        List<Long> arrivals = new ArrayList<>();
        List<String> events = new ArrayList<>();
        long start = System.nanoTime();
        client.send(HttpRequest.newBuilder(URI.create(stack.gateway.url() + location + "/events")).header("Authorization", INGEST).build(),
                HttpResponse.BodyHandlers.ofLines()).body().filter(line -> line.startsWith("data:")).forEach(line -> {
                    arrivals.add((System.nanoTime() - start) / 1_000_000);
                    events.add(line);
                });
        assertTrue(events.size() >= 3, events.size() + " events");
        assertTrue(events.getFirst().contains("\"status\":\"running\"") || events.getFirst().contains("\"status\":\"queued\""), events.getFirst());
        assertTrue(events.getLast().contains("\"status\":\"succeeded\""), events.getLast());
        // buffered output would arrive all at once at the end
        assertTrue(arrivals.getLast() - arrivals.getFirst() >= 1500, "events arrived at " + arrivals + " ms");
    }

    @Test
    void unknownPathsWithAValidTokenAre404ProblemsFromTheService() throws Exception {
        HttpResponse<String> response = Stack.send(Stack.client(9), "GET", stack.gateway.url() + "/api/v1/nothing", ANALYST, null);
        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    }
}
