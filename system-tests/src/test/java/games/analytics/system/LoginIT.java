package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /auth/login through the gateway: a user of the users file gets a token with its roles. */
class LoginIT {

    static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.get();
    }

    static HttpResponse<String> login(HttpClient client, String user, String password) throws Exception {
        return Stack.send(client, "POST", stack.gateway.url() + "/auth/login", null,
                "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}");
    }

    @Test
    void aUserLogsInAndUsesTheTokenWithItsRoles() throws Exception {
        stack.ingestSample(); // data to query, whichever test ran first
        HttpClient client = Stack.client(241);
        HttpResponse<String> response = login(client, Stack.LOGIN_USER, Stack.LOGIN_PASSWORD);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"token_type\":\"Bearer\"") && response.body().contains("\"roles\":[\"analyst\"]"), response.body());
        String token = "Bearer " + response.body().replaceFirst("^\\{\"access_token\":\"([^\"]+)\".*", "$1");
        assertEquals(200, Stack.send(client, "GET", stack.gateway.url() + "/api/v1/games?limit=1", token, null).statusCode());
        assertEquals(403, Stack.send(client, "GET", stack.gateway.url() + "/api/v1/ingestions", token, null).statusCode());
    }

    @Test
    void wrongPasswordsUnknownUsersAndBadBodiesAreRefused() throws Exception {
        HttpClient client = Stack.client(242);
        for (HttpResponse<String> refused : List.of(login(client, Stack.LOGIN_USER, "not the password"),
                login(client, "nobody", Stack.LOGIN_PASSWORD))) {
            assertEquals(401, refused.statusCode(), refused.body());
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
            assertTrue(refused.body().contains("wrong user name or password"), refused.body());
        }
        HttpResponse<String> bad = Stack.send(client, "POST", stack.gateway.url() + "/auth/login", null, "{\"user\": \"carol\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("username must not be blank") && bad.body().contains("\"parameter\":"), bad.body()); // validated body
        HttpResponse<String> huge = Stack.send(client, "POST", stack.gateway.url() + "/auth/login", null,
                "{\"username\": \"carol\", \"password\": \"" + "p".repeat(5000) + "\"}");
        assertEquals(400, huge.statusCode(), huge.body()); // refused before it is hashed
        assertTrue(huge.body().contains("\"parameter\":\"password\""), huge.body());
    }

    @Test
    void eachClientHasSixQuickTriesThenTenAMinute() throws Exception {
        HttpClient client = Stack.client(243);
        List<Integer> statuses = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 12 && !statuses.contains(429); i++) {
            statuses.add(login(client, Stack.LOGIN_USER, "guess " + i).statusCode());
        }
        // 10 a minute is one more every 6 s: slow password checks (a small machine) earn extra tries on the way
        int earned = (int) ((System.nanoTime() - start) / 6_000_000_000L);
        assertEquals(List.of(401, 401, 401, 401, 401, 401), statuses.subList(0, 6), statuses.toString());
        long tried = statuses.stream().filter(status -> status == 401).count();
        assertTrue(statuses.getLast() == 429 && tried <= 6 + earned, earned + " earned: " + statuses);
    }

    @Test
    void guessersElsewhereDoNotLockTheOwnerOut() throws Exception {
        // three addresses guess the user's password, each within the gateway's quick tries: 15 failures for one name
        for (int address = 245; address < 248; address++) {
            HttpClient guesser = Stack.client(address);
            for (int i = 0; i < 5; i++) {
                assertEquals(401, login(guesser, Stack.LOGIN_USER, "guess " + address + "-" + i).statusCode());
            }
        }
        HttpResponse<String> owner = login(Stack.client(248), Stack.LOGIN_USER, Stack.LOGIN_PASSWORD);
        assertEquals(200, owner.statusCode(), "the owner from another address: " + owner.body());
    }

    @Test
    void everySpellingOfTheLoginPathIsLimited() throws Exception {
        HttpClient client = Stack.client(249);
        List<String> spellings = List.of("/auth/login/", "/auth/login/", "/AUTH/LOGIN", "//auth//login/", "/auth/./login/", "/auth/login/?x=1",
                "/auth/%6Cogin/", "/auth/login/");
        List<Integer> statuses = new ArrayList<>();
        for (String path : spellings) {
            statuses.add(Stack.send(client, "POST", stack.gateway.url() + path, null,
                    "{\"username\": \"" + Stack.LOGIN_USER + "\", \"password\": \"guess\"}").statusCode());
        }
        // six quick tries per address, whichever spelling reaches the login handler (the rest answer 404 or 405)
        assertEquals(List.of(429, 429), statuses.subList(6, 8), statuses.toString());
        assertTrue(statuses.subList(0, 6).stream().allMatch(status -> status == 401 || status == 404 || status == 405), statuses.toString());
    }

    @Test
    void aFloodOfLoginsIsRefusedBeyondTheCheckSlotsNotQueued() throws Exception {
        // straight at the service (the gateway would refuse most by rate): 40 at once from one address
        HttpClient flood = Stack.client(250);
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(flood.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.query.url() + "/auth/login"))
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"username\": \"flood-" + i + "\", \"password\": \"x\"}")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        long busy = 0;
        for (var answer : answers) {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() == 429) {
                assertTrue(response.body().contains("too many logins at once"), response.body());
                busy++;
            } else {
                assertEquals(401, response.statusCode(), response.body());
            }
        }
        assertTrue(busy >= 30, "at most 2 hashes at once; the rest refused, not queued: " + busy + " of 40 refused");
        HttpResponse<String> owner = login(Stack.client(251), Stack.LOGIN_USER, Stack.LOGIN_PASSWORD);
        assertEquals(200, owner.statusCode(), "after the flood: " + owner.body());
    }

    @Test
    void theIngestServiceHasNoLoginEvenWithAUsersFile() throws Exception {
        HttpResponse<String> response = Stack.send(Stack.client(244), "POST", stack.ingest.url() + "/auth/login", null,
                "{\"username\": \"carol\", \"password\": \"x\"}");
        assertEquals(404, response.statusCode(), response.body());
    }
}
