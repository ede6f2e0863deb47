package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import games.analytics.security.testing.TestTokens.Case;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint of both services, through the gateway and directly, with every kind of token: none,
 * expired, tampered, unsigned (alg none), signed with another key, the wrong role, the right role and admin.
 */
class AccessMatrixIT {

    /** One endpoint: which service, which roles, what a permitted call answers. */
    record Endpoint(String method, String path, String body, boolean ingest, int permittedStatus) {
        String rightRole() {
            return ingest ? Roles.INGEST : Roles.ANALYST;
        }

        String wrongRole() {
            return ingest ? Roles.ANALYST : Roles.INGEST;
        }
    }

    static Stack stack;
    static String jobId;

    @BeforeAll
    static void ingestTheSample() throws Exception {
        stack = Stack.get();
        String admin = "Bearer " + TestTokens.valid(Roles.ADMIN);
        HttpResponse<String> accepted = Stack.send(Stack.client(1), "POST", stack.ingest.url() + "/api/v1/ingestions", admin,
                "{\"url\": \"" + stack.sampleUrl + "\"}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        jobId = accepted.body().replaceFirst("^\\{\"id\":\"([^\"]+)\".*", "$1");
        Awaitility.await().until(() -> Stack.send(Stack.client(1), "GET", stack.ingest.url() + "/api/v1/ingestions/" + jobId, admin, null)
                .body().contains("\"status\":\"succeeded\""));
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", "/api/v1/ingestions", "{}", true, 400),
                new Endpoint("GET", "/api/v1/ingestions", null, true, 200),
                new Endpoint("GET", "/api/v1/ingestions/" + jobId, null, true, 200),
                new Endpoint("DELETE", "/api/v1/ingestions/" + jobId, null, true, 409),
                new Endpoint("GET", "/api/v1/ingestions/" + jobId + "/events", null, true, 200),
                new Endpoint("GET", "/api/v1/ingestions/" + jobId + "/rejects", null, true, 200),
                new Endpoint("POST", "/api/v1/schedules", "{}", true, 400),
                new Endpoint("GET", "/api/v1/schedules", null, true, 200),
                new Endpoint("GET", "/api/v1/schedules/none", null, true, 404),
                new Endpoint("DELETE", "/api/v1/schedules/none", null, true, 404),
                new Endpoint("POST", "/api/v1/schedules/none/run", null, true, 404),
                new Endpoint("GET", "/swagger/games-ingest-service-0.1.0.yml", null, true, 200),
                new Endpoint("GET", "/api/v1/games?name=galactic", null, false, 200),
                new Endpoint("GET", "/api/v1/games/aggregate?metrics=count,avg:price&group_by=release_year", null, false, 200),
                new Endpoint("GET", "/api/v1/games/describe?columns=price,positive&genres=indie", null, false, 200),
                new Endpoint("GET", "/api/v1/games/20200/similar?limit=5", null, false, 200),
                new Endpoint("GET", "/api/v1/games/1/similar", null, false, 404),
                new Endpoint("GET", "/api/v1/schema", null, false, 200),
                new Endpoint("GET", "/swagger/games-query-service-0.1.0.yml", null, false, 200),
                new Endpoint("GET", "/swagger-ui/index.html", null, false, 200),
                new Endpoint("GET", "/auth/check", null, false, 204));
    }

    @TestFactory
    Stream<DynamicTest> throughTheGateway() {
        return matrix(true);
    }

    @TestFactory
    Stream<DynamicTest> directlyAgainstEachService() {
        List<DynamicTest> tests = new ArrayList<>(matrix(false).toList());
        // the ingest-service's own token check, which the gateway asks for /api/v1/ingestions*
        Endpoint check = new Endpoint("GET", "/auth/check", null, true, 204);
        for (Case c : Case.values()) {
            tests.add(DynamicTest.dynamicTest("ingest-service GET /auth/check with " + c, () -> expect(check, stack.ingest.url(), 200, c)));
        }
        return tests.stream();
    }

    private Stream<DynamicTest> matrix(boolean viaGateway) {
        List<DynamicTest> tests = new ArrayList<>();
        List<Endpoint> endpoints = endpoints();
        for (int e = 0; e < endpoints.size(); e++) {
            Endpoint endpoint = endpoints.get(e);
            String base = viaGateway ? stack.gateway.url() : endpoint.ingest() ? stack.ingest.url() : stack.query.url();
            String where = viaGateway ? "gateway" : endpoint.ingest() ? "ingest-service" : "query-service";
            for (Case c : Case.values()) {
                int client = 10 + e * 10 + c.ordinal(); // a client address of its own: rate limits stay out of the way
                tests.add(DynamicTest.dynamicTest(where + " " + endpoint.method() + " " + endpoint.path() + " with " + c,
                        () -> expect(endpoint, base, client, c)));
            }
            int client = 10 + e * 10 + Case.values().length;
            tests.add(DynamicTest.dynamicTest(where + " " + endpoint.method() + " " + endpoint.path() + " with ADMIN", () -> {
                HttpResponse<String> response = Stack.send(Stack.client(client), endpoint.method(), base + endpoint.path(),
                        "Bearer " + TestTokens.valid(Roles.ADMIN), endpoint.body());
                assertEquals(endpoint.permittedStatus(), response.statusCode(), response.body());
            }));
        }
        return tests.stream();
    }

    private static void expect(Endpoint endpoint, String base, int client, Case c) throws Exception {
        HttpResponse<String> response = Stack.send(Stack.client(client), endpoint.method(), base + endpoint.path(),
                c.header(endpoint.rightRole(), endpoint.wrongRole()), endpoint.body());
        int expected = c == Case.RIGHT_ROLE ? endpoint.permittedStatus() : c.expectedStatus;
        assertEquals(expected, response.statusCode(), response.body());
        if (expected == 401 || expected == 403) {
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(response.body().contains("\"status\":" + expected), response.body());
        }
        if (expected == 401) {
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), response.headers().toString());
        }
    }

    @Test
    void healthStaysPublic() throws Exception {
        for (String url : List.of(stack.gateway.url() + "/health", stack.gateway.url() + "/health/ingest",
                stack.gateway.url() + "/health/query", stack.ingest.url() + "/health", stack.query.url() + "/health")) {
            HttpResponse<String> response = Stack.send(Stack.client(2), "GET", url, null, null);
            assertEquals(200, response.statusCode(), url + ": " + response.body());
            assertTrue(response.body().contains("\"status\":\"UP\""), response.body());
        }
    }
}
