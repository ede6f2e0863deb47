package games.analytics.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.clickhouse.ClickHouseContainer;

/**
 * A real ClickHouse for tests, one per test JVM, found in the order docs/tests.md gives:
 * CLICKHOUSE_URL, else Testcontainers when a Docker engine answers, else a local
 * {@code clickhouse-server} binary started here on free loopback ports with a temporary data dir.
 * No server at all fails the build with instructions; it never skips.
 */
public final class ClickHouseServer {

    public static final String IMAGE = "clickhouse/clickhouse-server:25.8";
    /** The database the deployment's least-privilege users are limited to (deploy/clickhouse). */
    public static final String SERVICE_DATABASE = "games";
    private static final Credentials TEST_QUERY_USER = new Credentials("games_query", "query-test-password");
    private static final Credentials TEST_INGEST_USER = new Credentials("games_ingest", "ingest-test-password");
    private static ClickHouseServer instance;

    private final String url;
    private final String user;
    private final String password;
    private final Credentials queryUser;
    private final Credentials ingestUser;
    private volatile HttpClient http = HttpClient.newHttpClient(); // new for a restarted server: old connections are dead

    private ClickHouseServer(String url, String user, String password, Credentials queryUser, Credentials ingestUser) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.user = user;
        this.password = password;
        this.queryUser = queryUser;
        this.ingestUser = ingestUser;
    }

    /** A ClickHouse user name and password. */
    public record Credentials(String user, String password) {
    }

    /** A status and body from ClickHouse's HTTP interface. */
    public record Answer(int status, String body) {
    }

    public static synchronized ClickHouseServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The read-only user the deployment gives the query-service (deploy/clickhouse/games-users.xml.template). */
    public Credentials queryUser() {
        return require(queryUser, "CLICKHOUSE_QUERY_USER");
    }

    /** The user the deployment gives the ingest-service, limited to {@link #SERVICE_DATABASE}. */
    public Credentials ingestUser() {
        return require(ingestUser, "CLICKHOUSE_INGEST_USER");
    }

    private static Credentials require(Credentials credentials, String env) {
        if (credentials == null) {
            throw new IllegalStateException("this test needs the deployment's ClickHouse users: install "
                    + "deploy/clickhouse/games-users.xml.template (render-users.sh) on the CLICKHOUSE_URL server and set "
                    + env + " and its _PASSWORD");
        }
        return credentials;
    }

    /** The server's administrative user, as the harness's own statements run. */
    public Credentials admin() {
        return new Credentials(user, password);
    }

    /** Runs SQL over plain HTTP, independent of the code under test; returns the body. */
    public String sql(String sql) {
        return ok(ask(admin(), sql));
    }

    /** Runs SQL with ClickHouse settings given in the URL (the HTTP interface keeps no {@code SET} between requests). */
    public String sql(String sql, java.util.Map<String, String> settings) {
        String query = settings.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(java.util.stream.Collectors.joining("&", "?", ""));
        return ok(post(query, HttpRequest.BodyPublishers.ofString(sql), admin()));
    }

    /** Posts {@code body} as {@code INSERT INTO table FORMAT format}, as an ingestion would. */
    public void insert(String table, String format, byte[] body) {
        ok(post("?query=" + encode("INSERT INTO " + table + " FORMAT " + format), HttpRequest.BodyPublishers.ofByteArray(body), admin()));
    }

    /** The body of a 200 answer; any other is a failure of the test's set-up. */
    private static String ok(Answer answer) {
        if (answer.status() != 200) {
            throw new IllegalStateException("ClickHouse answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    /** Runs SQL as {@code as}, whatever the answer. */
    public Answer ask(Credentials as, String sql) {
        return post("", HttpRequest.BodyPublishers.ofString(sql), as);
    }

    private Answer post(String query, HttpRequest.BodyPublisher body, Credentials as) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/" + query))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (as.user() + ":" + as.password()).getBytes(StandardCharsets.UTF_8)))
                    .POST(body).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Service properties pointing at this server and {@code database}, plus extra key/value pairs. */
    public java.util.Map<String, String> properties(String database, String... extra) {
        java.util.Map<String, String> properties = new java.util.HashMap<>(java.util.Map.of("clickhouse.url", url, "clickhouse.user", user,
                "clickhouse.password", password, "clickhouse.database", database));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            properties.put(extra[i], extra[i + 1]);
        }
        return properties;
    }

    /** A fresh database so test classes never see each other's tables. */
    public String newDatabase(String prefix) {
        String name = prefix + "_" + Long.toHexString(System.nanoTime());
        sql("CREATE DATABASE " + name);
        return name;
    }

    private static ClickHouseServer start() {
        String env = System.getenv("CLICKHOUSE_URL");
        if (env != null && !env.isBlank()) {
            return new ClickHouseServer(env, envOr("CLICKHOUSE_USER", "default"), envOr("CLICKHOUSE_PASSWORD", ""),
                    fromEnv("CLICKHOUSE_QUERY_USER"), fromEnv("CLICKHOUSE_INGEST_USER"));
        }
        if (dockerAvailable()) {
            ClickHouseContainer container = new ClickHouseContainer(IMAGE);
            container.withCopyFileToContainer(org.testcontainers.utility.MountableFile.forHostPath(renderUsers(
                    tempFile("games-users", ".xml"))), "/etc/clickhouse-server/users.d/games-users.xml");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new ClickHouseServer("http://" + container.getHost() + ":" + container.getMappedPort(8123),
                    container.getUsername(), container.getPassword(), TEST_QUERY_USER, TEST_INGEST_USER);
        }
        Path binary = findBinary();
        if (binary == null) {
            throw new IllegalStateException("""
                    No ClickHouse for the tests. Provide one of:
                      - CLICKHOUSE_URL (+ CLICKHOUSE_USER, CLICKHOUSE_PASSWORD) pointing at a running server,
                      - a Docker engine (Testcontainers starts %s),
                      - the clickhouse-server binary: apt-get install -y clickhouse-server
                    (./deploy/local/test.sh installs it for you).""".formatted(IMAGE));
        }
        return startLocal(binary);
    }

    private static Credentials fromEnv(String userVariable) {
        String user = System.getenv(userVariable);
        return user == null || user.isBlank() ? null : new Credentials(user, envOr(userVariable.replace("_USER", "_PASSWORD"), ""));
    }

    /** The deployment's users file, as deploy/clickhouse/render-users.sh writes it, with the test passwords. */
    private static Path renderUsers(Path target) {
        Repository.run(java.util.Map.of("QUERY_PASSWORD", TEST_QUERY_USER.password(), "INGEST_PASSWORD", TEST_INGEST_USER.password()),
                "deploy/clickhouse/render-users.sh", target.toString(), SERVICE_DATABASE);
        return target;
    }

    private static Path tempFile(String prefix, String suffix) {
        try {
            Path file = Files.createTempFile(prefix, suffix);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static Path findBinary() {
        return Executables.find("clickhouse-server");
    }

    private static ClickHouseServer startLocal(Path binary) {
        Dedicated dedicated = new Dedicated(binary);
        dedicated.start();
        return dedicated.server;
    }

    /**
     * A ClickHouse of a test's own that it may stop and start again (same ports, same data), for fault
     * tests. Needs the clickhouse-server binary (./deploy/local/test.sh installs it).
     */
    public static Dedicated dedicated() {
        Dedicated dedicated = prepared();
        dedicated.start();
        return dedicated;
    }

    /** A dedicated server with its ports and config written, not started yet (a cluster adds to its config first). */
    static Dedicated prepared() {
        Path binary = findBinary();
        if (binary == null) {
            throw new IllegalStateException("this test starts ClickHouse servers of its own and needs the "
                    + "clickhouse-server binary: apt-get install -y clickhouse-server");
        }
        return new Dedicated(binary);
    }

    /** One clickhouse-server process on fixed free ports with its own data dir, removed at JVM exit. */
    public static final class Dedicated {
        private final Path binary;
        private final Path dir;
        private final Path config;
        private final int tcpPort;
        private final ClickHouseServer server;
        private Process process;

        private Dedicated(Path binary) {
            try {
                this.binary = binary;
                this.dir = Files.createTempDirectory("clickhouse-test");
                int httpPort = Processes.freePort();
                this.tcpPort = Processes.freePort();
                this.config = dir.resolve("config.xml");
                Files.writeString(config, LocalConfig.xml(dir.resolve("data"), httpPort, tcpPort));
                // 18.16 reads users from config.xml, so the users file is merged in from config.d
                renderUsers(Files.createDirectories(dir.resolve("config.d")).resolve("games-users.xml"));
                // PROFILE=small runs the suite with the small profile's ClickHouse settings, as deploy/local/run.sh does
                String profile = System.getenv().getOrDefault("PROFILE", "default");
                Files.copy(Repository.root().resolve("deploy/clickhouse/" + profile + ".xml"), dir.resolve("config.d/zz-profile.xml"));
                this.server = new ClickHouseServer("http://127.0.0.1:" + httpPort, "default", "", TEST_QUERY_USER, TEST_INGEST_USER);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stop();
                    try {
                        deleteTree(dir);
                    } catch (IOException ignored) {
                        // best effort at JVM exit
                    }
                }));
            } catch (IOException e) {
                throw new IllegalStateException("cannot prepare " + binary, e);
            }
        }

        public ClickHouseServer server() {
            return server;
        }

        /** The native-protocol port, which other servers name in {@code remote_servers}. */
        public int tcpPort() {
            return tcpPort;
        }

        /** The running server's process id: for a benchmark's memory figures. */
        public synchronized long pid() {
            return process.pid();
        }

        /** Adds a file to the server's {@code config.d}; read when it starts. */
        void addConfig(String name, String xml) {
            try {
                Files.writeString(dir.resolve("config.d").resolve(name), xml);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public synchronized void start() {
            try {
                process = new ProcessBuilder(binary.toString(), "--config-file=" + config)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
                server.http = HttpClient.newHttpClient();
                server.awaitReady(process, dir.resolve("server.log"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot start " + binary, e);
            }
        }

        /** Kills the server (SIGKILL), as a crash or a pulled plug would: running queries die with it. */
        public synchronized void kill() {
            if (process != null) {
                process.destroyForcibly();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                process = null;
            }
        }

        public synchronized void stop() {
            if (process != null) {
                process.destroy();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                process = null;
            }
        }
    }

    private void awaitReady(Process process, Path log) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("clickhouse-server exited: " + Files.readString(log));
            }
            try {
                if ("1\n".equals(sql("SELECT 1"))) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // still starting
            }
            try {
                process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("clickhouse-server did not answer within 60 s: " + Files.readString(log));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** For URL query strings in tests. */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> lines(String body) {
        return body.isEmpty() ? List.of() : List.of(body.split("\n"));
    }
}
