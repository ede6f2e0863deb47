package games.analytics.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The checked-out repository, so tests use the same deploy/ files and scripts users run. */
public final class Repository {
    private Repository() {
    }

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/gateway")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the tests from inside the repository (no deploy/gateway above " + Path.of("").toAbsolutePath() + ")");
    }

    /** Runs a repository script with bash and fails with its output if it fails. */
    static void run(Map<String, String> env, String script, String... args) {
        try {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", root().resolve(script).toString()));
            command.addAll(java.util.List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(script + " failed: " + output);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
