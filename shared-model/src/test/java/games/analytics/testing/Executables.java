package games.analytics.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds server binaries on the PATH or where Debian puts them. */
final class Executables {
    private Executables() {
    }

    static Path find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/usr/local/bin";
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
