package games.analytics.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A current ClickHouse release next to the 18.16 server the other tests use: chDB (ClickHouse as a library, from the
 * npm registry) in a Node process, which no Docker engine and no ClickHouse repository is needed for. It runs SQL,
 * not the HTTP interface, so it checks what the services send ClickHouse, not how they send it.
 * Found at {@code CHDB_NODE_MODULES} (deploy/local/test.sh installs it), else at {@link #DEFAULT_HOME}; if neither
 * holds chdb the test fails with how to get it, never skips.
 */
public final class CurrentClickHouse implements AutoCloseable {

    public static final String DEFAULT_HOME = System.getProperty("user.home") + "/.cache/games-analytics/chdb/node_modules";

    private final Process node;
    private final Writer requests;
    private final BufferedReader answers;
    private final Path dataDir;

    private CurrentClickHouse(Process node, Path dataDir) {
        this.node = node;
        this.dataDir = dataDir;
        this.requests = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.US_ASCII);
        this.answers = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.US_ASCII));
    }

    public static CurrentClickHouse start() throws IOException {
        String env = System.getenv("CHDB_NODE_MODULES");
        Path modules = Path.of(env == null || env.isBlank() ? DEFAULT_HOME : env);
        if (!Files.isRegularFile(modules.resolve("chdb/package.json"))) {
            throw new IllegalStateException("no chdb in " + modules + ": run deploy/local/test.sh (it installs it), or "
                    + "npm install --prefix <dir> chdb@3.4.0 and set CHDB_NODE_MODULES=<dir>/node_modules");
        }
        Path node = Executables.find("node");
        if (node == null) {
            throw new IllegalStateException("no node on the PATH: install Node.js (Debian: apt-get install nodejs)");
        }
        Path dataDir = Files.createTempDirectory("chdb");
        Path script = dataDir.resolve("serve.js");
        try (InputStream in = CurrentClickHouse.class.getResourceAsStream("/chdb/serve.js")) {
            Files.copy(in, script);
        }
        ProcessBuilder builder = new ProcessBuilder(node.toString(), script.toString(), dataDir.resolve("data").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("NODE_PATH", modules.toString());
        return new CurrentClickHouse(builder.start(), dataDir);
    }

    /** Runs SQL; returns its output (TabSeparated unless the SQL names a FORMAT), or throws with ClickHouse's message. */
    public String sql(String sql) {
        Answer answer = ask(sql);
        if (!answer.ok()) {
            throw new IllegalStateException("chDB: " + answer.body() + "\n" + sql);
        }
        return answer.body();
    }

    /** What ClickHouse answered: the output, or its error message. */
    public record Answer(boolean ok, String body) {
    }

    public synchronized Answer ask(String sql) {
        try {
            requests.write(Base64.getEncoder().encodeToString(sql.getBytes(StandardCharsets.UTF_8)));
            requests.write('\n');
            requests.flush();
            String line = answers.readLine();
            if (line == null) {
                throw new IllegalStateException("chDB's process ended (exit " + node.waitFor() + ")");
            }
            String body = new String(Base64.getDecoder().decode(line.substring(line.indexOf(' ') + 1)), StandardCharsets.UTF_8);
            return new Answer(line.startsWith("OK "), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try (OutputStream ignored = node.getOutputStream()) {
            // closing stdin ends serve.js's input
        }
        node.destroy();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
