package games.analytics.system;

import games.analytics.security.testing.TestTokens;
import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.CsvFileServer;
import games.analytics.testing.Gateway;
import games.analytics.testing.ServiceJar;
import games.analytics.testing.TestData;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/**
 * The deployed shape, once per test JVM: both packaged jars on the deployment's least-privilege ClickHouse
 * users, the nginx gateway in front, and a file server with the sample CSV.
 */
final class Stack {

    static final Path INGEST_JAR = Path.of("../ingest-service/target/ingest-service.jar");
    static final Path QUERY_JAR = Path.of("../query-service/target/query-service.jar");
    /** A login user of the query-service's users file, with the analyst role. */
    static final String LOGIN_USER = "carol";
    static final String LOGIN_PASSWORD = "a long test password";
    private static Stack instance;

    final ClickHouseServer clickHouse;
    final CsvFileServer files;
    final ServiceJar ingest;
    final ServiceJar query;
    final Gateway gateway;
    final String sampleUrl;

    private Stack() throws Exception {
        clickHouse = ClickHouseServer.get();
        files = new CsvFileServer();
        sampleUrl = files.serve("/sample.csv", TestData.bytes(TestData.SAMPLE));
        String db = ClickHouseServer.SERVICE_DATABASE;
        Path users = loginUsersFile();
        ingest = ServiceJar.start(INGEST_JAR, clickHouse, db, Map.of("JWT_SECRET", TestTokens.SECRET, "LOGIN_USERS_FILE", users.toString(),
                "CLICKHOUSE_USER", clickHouse.ingestUser().user(), "CLICKHOUSE_PASSWORD", clickHouse.ingestUser().password(),
                // as the local run does: the strict URL policy, with only the file server allowed on loopback
                "INGEST_URL_POLICY_ALLOW", URI.create(sampleUrl).getAuthority()));
        query = ServiceJar.start(QUERY_JAR, clickHouse, db, Map.of("JWT_SECRET", TestTokens.SECRET,
                "CLICKHOUSE_USER", clickHouse.queryUser().user(), "CLICKHOUSE_PASSWORD", clickHouse.queryUser().password(),
                "LOGIN_USERS_FILE", users.toString()));
        gateway = Gateway.start(ingest.url(), query.url());
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    /** A users file written by the operators' tool in the jar, the password given on stdin. */
    private static Path loginUsersFile() throws Exception {
        Process add = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", QUERY_JAR.toString(),
                "games.analytics.query.login.AddLoginUser", "--user", LOGIN_USER, "--roles", "analyst").start();
        add.getOutputStream().write((LOGIN_PASSWORD + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        add.getOutputStream().close();
        String line = new String(add.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (add.waitFor() != 0) {
            throw new IllegalStateException("AddLoginUser failed: " + new String(add.getErrorStream().readAllBytes()));
        }
        Path file = java.nio.file.Files.createTempFile("login-users", ".txt");
        java.nio.file.Files.writeString(file, "# written by AddLoginUser\n" + line);
        return file;
    }

    static synchronized Stack get() throws Exception {
        if (instance == null) {
            instance = new Stack();
        }
        return instance;
    }

    private void close() {
        for (AutoCloseable c : new AutoCloseable[]{gateway, query, ingest, files}) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort at JVM exit
            }
        }
    }

    /**
     * A client that connects from its own loopback address (127.0.0.0/8): the gateway limits request rates
     * per client address, so each test is a client of its own.
     */
    static HttpClient client(int lastOctet) {
        return clientBuilder(lastOctet).build();
    }

    /** {@link #client(int)}'s builder, for clients that build their own (the generated OpenAPI clients). */
    static HttpClient.Builder clientBuilder(int lastOctet) {
        try {
            return HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0." + lastOctet));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes the sample through the gateway, so the tests that query have data whichever ran first. */
    void ingestSample() throws Exception {
        ingest(gateway.url(), "{\"url\": \"" + sampleUrl + "\"}");
    }

    /** POSTs an ingestion body to {@code baseUrl} (the gateway or a service) as an admin, waits until it succeeded; its id. */
    static String ingest(String baseUrl, String jsonBody) throws Exception {
        return ingest(baseUrl, jsonBody, java.time.Duration.ofSeconds(120));
    }

    /** {@link #ingest(String, String)}, waiting up to {@code atMost}. */
    static String ingest(String baseUrl, String jsonBody, java.time.Duration atMost) throws Exception {
        String admin = "Bearer " + TestTokens.valid(games.analytics.security.Roles.ADMIN);
        HttpResponse<String> accepted = send(client(91), "POST", baseUrl + "/api/v1/ingestions", admin, jsonBody);
        if (accepted.statusCode() != 202) {
            throw new AssertionError("ingestion refused: " + accepted.statusCode() + " " + accepted.body());
        }
        String id = accepted.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        org.awaitility.Awaitility.await().atMost(atMost).until(() -> send(client(91), "GET",
                baseUrl + "/api/v1/ingestions/" + id, admin, null).body().contains("\"status\":\"succeeded\""));
        return id;
    }

    static HttpResponse<String> send(HttpClient client, String method, String url, String authorization, String jsonBody)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (jsonBody != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
