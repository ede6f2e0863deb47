package games.analytics.query.login;

import games.analytics.security.Roles;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Prints a users-file line for {@code POST /auth/login}; the password is read from the terminal (or the
 * first line of stdin), never from the arguments:
 * {@code java -cp query-service.jar games.analytics.security.AddLoginUser --user alice --roles analyst >> users.txt}.
 */
public final class AddLoginUser {

    private AddLoginUser() {
    }

    public static void main(String[] args) throws IOException {
        try {
            if (args.length != 4 || !args[0].equals("--user") || !args[2].equals("--roles")) {
                throw new IllegalArgumentException("usage: AddLoginUser --user NAME --roles ROLE[,ROLE] (password from the terminal or stdin)");
            }
            char[] password = readPassword();
            if (password == null || password.length < 12) {
                throw new IllegalArgumentException("the password must have at least 12 characters");
            }
            System.out.println(LoginUsers.line(args[1], Roles.parse(args[3]), password));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    private static char[] readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            return console.readPassword("password for the new user: ");
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }
}
