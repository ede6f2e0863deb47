package games.analytics.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The real nginx gateway from deploy/gateway, rendered by its own script and run as a plain process on a
 * free port in front of the given services. Needs Debian's nginx (./deploy/local/test.sh installs it).
 */
public final class Gateway implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final String url;

    private Gateway(Process process, Path dir, String url) {
        this.process = process;
        this.dir = dir;
        this.url = url;
    }

    public static Gateway start(String ingestUrl, String queryUrl) throws Exception {
        Path nginx = Executables.find("nginx");
        if (nginx == null) {
            throw new IllegalStateException("the gateway tests need nginx: apt-get install -y nginx (./deploy/local/test.sh installs it)");
        }
        Path dir = Files.createTempDirectory("gateway-test");
        int port = Processes.freePort();
        Repository.run(Map.of(), "deploy/gateway/render.sh", dir.toString(), Integer.toString(port),
                hostPort(ingestUrl), hostPort(queryUrl));
        Process process = new ProcessBuilder(nginx.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", dir.resolve("nginx.conf").toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Gateway gateway = new Gateway(process, dir, "http://127.0.0.1:" + port);
        Processes.awaitOk(process, URI.create(gateway.url + "/health"), Duration.ofSeconds(20), "nginx",
                () -> Files.readString(dir.resolve("nginx.out")) + gateway.errorLog());
        return gateway;
    }

    public String url() {
        return url;
    }

    /** What nginx wrote to stdout: the JSON access log, one line per request. */
    public String accessLog() throws IOException {
        Path log = dir.resolve("nginx.out");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public String errorLog() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static String hostPort(String url) {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
    }
}
