package games.analytics.query.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginUsersTest {

    @Test
    void aWrittenLineLogsInWithItsPasswordOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.txt");
        Files.writeString(file, "# people\n" + LoginUsers.line("alice", List.of("analyst", "ingest"), "correct horse battery".toCharArray()) + "\n"
                + LoginUsers.line("bob", List.of("admin"), "another long secret".toCharArray()) + "\n");
        LoginUsers users = new LoginUsers(file);
        assertTrue(LoginUsers.matches(users.find("alice"), "correct horse battery".toCharArray()));
        assertEquals(List.of("analyst", "ingest"), users.find("alice").orElseThrow().roles());
        assertFalse(LoginUsers.matches(users.find("alice"), "correct horse batterY".toCharArray()));
        assertFalse(LoginUsers.matches(users.find("bob"), "correct horse battery".toCharArray()), "another user's password");
        assertTrue(users.find("carol").isEmpty());
        assertFalse(LoginUsers.matches(users.find("carol"), "correct horse battery".toCharArray()));
        assertFalse(Files.readString(file).contains("correct horse"), "only hashes are stored");
    }

    @Test
    void hashesAreSaltedAndMalformedOnesNeverMatch() {
        String a = PasswordHash.hash("same password".toCharArray());
        String b = PasswordHash.hash("same password".toCharArray());
        assertTrue(a.startsWith("pbkdf2-sha256$600000$"), a);
        assertFalse(a.equals(b), "salted");
        assertTrue(PasswordHash.matches("same password".toCharArray(), b));
        for (String bad : new String[]{"", "plain", "md5$1$x$y", "pbkdf2-sha256$x$y$z", "pbkdf2-sha256$1000$!!$??"}) {
            assertFalse(PasswordHash.matches("same password".toCharArray(), bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> LoginUsers.line("al:ice", List.of("admin"), "x".toCharArray()));
    }
}
