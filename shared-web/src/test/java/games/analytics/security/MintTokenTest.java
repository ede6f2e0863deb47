package games.analytics.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MintTokenTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!";

    @Test
    void mintsASignedTokenWithSubjectRolesAndExpiry() throws Exception {
        String token = MintToken.run(new String[]{"--sub", "alice", "--roles", "analyst,ingest", "--ttl", "30d"}, SECRET);
        SignedJWT jwt = SignedJWT.parse(token);
        assertTrue(jwt.verify(new MACVerifier(SECRET)));
        assertEquals("HS256", jwt.getHeader().getAlgorithm().getName());
        assertEquals("alice", jwt.getJWTClaimsSet().getSubject());
        assertEquals(List.of("analyst", "ingest"), jwt.getJWTClaimsSet().getStringListClaim("roles"));
        long lifetime = jwt.getJWTClaimsSet().getExpirationTime().getTime() - jwt.getJWTClaimsSet().getIssueTime().getTime();
        assertEquals(Duration.ofDays(30).toMillis(), lifetime);
    }

    @Test
    void lifetimes() {
        assertEquals(Duration.ofSeconds(45), MintToken.ttl("45s"));
        assertEquals(Duration.ofMinutes(15), MintToken.ttl("15m"));
        assertEquals(Duration.ofHours(12), MintToken.ttl("12h"));
        assertEquals(Duration.ofHours(8), MintToken.ttl("PT8H"));
        for (String bad : new String[]{"", "d", "0d", "-1d", "3w", "soon"}) {
            assertThrows(IllegalArgumentException.class, () -> MintToken.ttl(bad), bad);
        }
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> MintToken.run(new String[]{"--roles", "analyst"}, SECRET));
        assertThrows(IllegalArgumentException.class, () -> MintToken.run(new String[]{"--sub", "a"}, SECRET));
        assertThrows(IllegalArgumentException.class, () -> MintToken.run(new String[]{"--sub", "a", "--roles", "root"}, SECRET));
        assertThrows(IllegalArgumentException.class, () -> MintToken.run(new String[]{"--sub", "a", "--roles", "analyst"}, null));
        assertThrows(IllegalArgumentException.class, () -> MintToken.run(new String[]{"--sub", "a", "--roles", "analyst"}, "short"));
        assertThrows(IllegalArgumentException.class, () -> MintToken.run(new String[]{"--sub", "a", "--roles", "analyst", "--bogus"}, SECRET));
    }
}
