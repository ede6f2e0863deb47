package games.analytics.query.login;

import games.analytics.security.Roles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The users file behind {@code POST /auth/login}: one {@code name:role[,role]:pbkdf2-sha256$...} line per
 * user, {@code #} comments. Read on every login, so edits apply without a restart.
 */
final class LoginUsers {

    record User(String name, List<String> roles, String passwordHash) {
    }

    private final Path file;

    LoginUsers(Path file) {
        this.file = file;
    }

    /**
     * Whether the password is the found user's; for no user it costs the same (no timing difference to probe
     * names with) and is false.
     */
    static boolean matches(Optional<User> user, char[] password) {
        if (user.isEmpty()) {
            PasswordHash.burn(password);
            return false;
        }
        return PasswordHash.matches(password, user.get().passwordHash());
    }

    /** The user of that name in the file as it is now (a small file, read in well under a millisecond). */
    Optional<User> find(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the users file " + file + " cannot be read", e);
        }
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split(":", 3);
            if (parts.length == 3 && parts[0].equals(name)) {
                List<String> roles = Arrays.stream(parts[1].split(",")).map(String::strip).filter(Roles.ALL::contains).toList();
                return Optional.of(new User(parts[0], roles, parts[2]));
            }
        }
        return Optional.empty();
    }

    /** The line for a new user, as {@code AddLoginUser} prints it. */
    static String line(String name, List<String> roles, char[] password) {
        if (!name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("user names are 1-64 letters, digits or . _ @ -");
        }
        return name + ":" + String.join(",", roles) + ":" + PasswordHash.hash(password);
    }
}
