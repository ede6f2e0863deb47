package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hostile review's findings against the deployed shape: gateway, both jars, least-privilege users. */
class HardeningIT {

    static Stack stack;
    static final String ADMIN = "Bearer " + TestTokens.valid(Roles.ADMIN);

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.get();
        ensureData();
    }

    static void ensureData() throws Exception {
        HttpClient client = Stack.client(60);
        HttpResponse<String> accepted = Stack.send(client, "POST", stack.gateway.url() + "/api/v1/ingestions", ADMIN,
                "{\"url\": \"" + stack.sampleUrl + "\"}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        String location = accepted.headers().firstValue("Location").orElseThrow();
        Awaitility.await().until(() -> Stack.send(client, "GET", stack.gateway.url() + location, ADMIN, null).body().contains("\"status\":\"succeeded\""));
    }

    @Test
    void anIngestTokenCannotMakeTheServiceFetchClickHouseOrOtherLoopbackPorts() throws Exception {
        String clickHouse = stack.clickHouse.url() + "/?query=" + URLEncoder.encode("SELECT name FROM system.tables FORMAT CSVWithNames", StandardCharsets.UTF_8);
        for (String url : List.of(clickHouse, "http://127.0.0.1:" + URI.create(stack.gateway.url()).getPort() + "/health",
                "http://[::ffff:127.0.0.1]:" + URI.create(stack.clickHouse.url()).getPort() + "/", "http://localhost:" + URI.create(stack.sampleUrl).getPort() + "/sample.csv")) {
            HttpResponse<String> refused = Stack.send(Stack.client(61), "POST", stack.gateway.url() + "/api/v1/ingestions", ADMIN,
                    "{\"url\": \"" + url + "\"}");
            assertEquals(400, refused.statusCode(), url + ": " + refused.body());
            assertTrue(refused.body().contains("not a public (global unicast) address"), refused.body());
        }
    }

    @Test
    void theClientsAcceptHeaderNeverBreaksTheTokenCheck() throws Exception {
        for (String accept : List.of("text/csv", "application/x-ndjson", "text/event-stream", "image/png", "*/*")) {
            HttpResponse<String> answer = get(stack.gateway.url() + "/api/v1/games?limit=2&fields=app_id", accept, ADMIN);
            assertTrue(answer.statusCode() == 200 || answer.statusCode() == 406, accept + ": " + answer.statusCode() + " " + answer.body());
            assertFalse(answer.body().contains("Bad Gateway"), accept + ": " + answer.body());
        }
        assertEquals("text/csv; charset=utf-8", get(stack.gateway.url() + "/api/v1/games?limit=2", "text/csv", ADMIN)
                .headers().firstValue("Content-Type").orElse(""));
        assertEquals(3, get(stack.gateway.url() + "/api/v1/games?limit=3", "application/x-ndjson", ADMIN).body().lines().count());
        String jobs = get(stack.gateway.url() + "/api/v1/ingestions", "application/json", ADMIN).body();
        String id = jobs.substring(jobs.indexOf("\"id\":\"") + 6, jobs.indexOf("\"", jobs.indexOf("\"id\":\"") + 6));
        HttpResponse<String> events = get(stack.gateway.url() + "/api/v1/ingestions/" + id + "/events", "text/event-stream", ADMIN);
        assertEquals(200, events.statusCode(), events.body());
        assertTrue(events.body().contains("event: job") && events.body().contains("\"status\":\"succeeded\""), events.body());
        HttpResponse<String> refused = get(stack.gateway.url() + "/api/v1/games", "text/csv", "Bearer not-a-token");
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void longTokensPassAndTooLongOnesGetAClearAnswer() throws Exception {
        Instant now = Instant.now();
        String padded = TestTokens.signed(new JWTClaimsSet.Builder().subject("long").claim("roles", List.of(Roles.ADMIN))
                .claim("groups", "g".repeat(6 * 1024)).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build());
        assertTrue(padded.length() > 8 * 1024, "a token longer than 8 KiB: " + padded.length());
        assertEquals(200, get(stack.gateway.url() + "/api/v1/games?limit=1", "application/json", "Bearer " + padded).statusCode());
        HttpResponse<String> huge = get(stack.gateway.url() + "/api/v1/games?limit=1", "application/json", "Bearer " + "x".repeat(40 * 1024));
        assertEquals(400, huge.statusCode(), huge.body());
        assertTrue(huge.body().contains("headers are too large"), huge.body());
    }

    @Test
    void answersCarrySecurityHeaders() throws Exception {
        for (String path : List.of("/api/v1/games?limit=1", "/api/v1/ingestions", "/health", "/api/v1/nothing-here")) {
            HttpResponse<String> answer = get(stack.gateway.url() + path, "application/json", ADMIN);
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""), path);
            assertEquals("default-src 'none'; frame-ancestors 'none'", answer.headers().firstValue("Content-Security-Policy").orElse(""), path);
        }
        HttpResponse<String> swagger = get(stack.gateway.url() + "/swagger-ui/index.html", "text/html", ADMIN);
        assertEquals(200, swagger.statusCode());
        assertTrue(swagger.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        assertEquals("DENY", swagger.headers().firstValue("X-Frame-Options").orElse(""));
    }

    @Test
    void healthShowsDetailsOnlyToTokenHolders() throws Exception {
        for (String url : List.of(stack.gateway.url() + "/health/query", stack.gateway.url() + "/health/ingest", stack.query.url() + "/health")) {
            HttpResponse<String> anonymous = get(url, "application/json", null);
            assertEquals(200, anonymous.statusCode(), anonymous.body());
            assertFalse(anonymous.body().contains("clickhouse") || anonymous.body().contains("8123") || anonymous.body().contains("games"),
                    url + ": " + anonymous.body());
        }
        HttpResponse<String> detailed = get(stack.query.url() + "/health", "application/json", ADMIN);
        assertTrue(detailed.body().contains("\"clickhouse\""), detailed.body());
    }

    @Test
    void managementEndpointsOtherThanHealthAreOff() throws Exception {
        for (String base : List.of(stack.query.url(), stack.ingest.url(), stack.gateway.url())) {
            for (String path : List.of("/routes", "/beans", "/info", "/threaddump", "/env", "/loggers", "/refresh", "/stop")) {
                HttpResponse<String> answer = get(base + path, "application/json", ADMIN);
                assertEquals(404, answer.statusCode(), base + path + ": " + answer.body());
            }
        }
        assertFalse(stack.query.log().contains("threaddump"), "a refused management call leaves no stack trace in the log");
    }

    @Test
    void loginsAreLimitedInsideTheServiceToo() throws Exception {
        int limited = 0;
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> answer = Stack.send(Stack.client(62), "POST", stack.query.url() + "/auth/login", null,
                    "{\"username\": \"mallory\", \"password\": \"guess-" + i + "\"}");
            if (answer.statusCode() == 429) {
                limited++;
                assertTrue(answer.body().contains("too many failed logins for this user name from this address"), answer.body());
                assertEquals("900", answer.headers().firstValue("Retry-After").orElse(""));
            } else {
                assertEquals(401, answer.statusCode(), answer.body());
            }
        }
        assertEquals(2, limited, "10 failed tries per user name and address in 15 minutes, straight at the service");
    }

    private static HttpResponse<String> get(String url, String accept, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).timeout(java.time.Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Stack.client(63).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
