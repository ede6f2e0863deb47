package games.analytics.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Starts a packaged service jar as its own process, the way users run it, and waits for /health. */
public final class ServiceJar implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String url;

    private ServiceJar(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    public static ServiceJar start(Path jar, ClickHouseServer ch, String database, Map<String, String> env) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the package phase first (mvn verify does)");
        }
        int port = Processes.freePort();
        Path log = Files.createTempFile("service-jar", ".log");
        // the images' own start command and JVM flags (deploy/docker/entrypoint.sh), with this JVM's java first on the PATH
        Path javaBin = Path.of(ProcessHandle.current().info().command().orElse("java")).toAbsolutePath().getParent();
        ProcessBuilder builder = new ProcessBuilder("sh", Repository.root().resolve("deploy/docker/entrypoint.sh").toString(),
                jar.toAbsolutePath().toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PATH", javaBin + java.io.File.pathSeparator + System.getenv("PATH"));
        builder.environment().remove("JAVA_OPTS"); // the profile's flags (PROFILE=small runs the suite small)
        Map<String, String> environment = new HashMap<>();
        environment.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        environment.put("CLICKHOUSE_URL", ch.url());
        environment.put("CLICKHOUSE_USER", ch.user());
        environment.put("CLICKHOUSE_PASSWORD", ch.password());
        environment.put("CLICKHOUSE_DATABASE", database);
        environment.putAll(env); // the caller's settings win (another ClickHouse user, say)
        builder.environment().putAll(environment);
        ServiceJar service = new ServiceJar(builder.start(), log, "http://127.0.0.1:" + port);
        Processes.awaitOk(service.process, URI.create(service.url + "/health"), Duration.ofSeconds(60), "the service", service::log);
        return service;
    }

    public String url() {
        return url;
    }

    /** The JVM's process id (the start command execs java): for a benchmark's memory figures. */
    public long pid() {
        return process.pid();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
        Files.deleteIfExists(log);
    }
}
