package games.analytics.security.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import games.analytics.security.TokenMinter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Good and bad tokens for tests, signed with the secret the services' application-test.yml sets. */
public final class TestTokens {
    /** The subject of every test token. */
    public static final String SUBJECT = "test-user";


    /** Must equal {@code jwt.secret} in the services' src/test/resources/application-test.yml. */
    public static final String SECRET = "test-suite-only-secret-0123456789abcdef";

    private static final TokenMinter MINTER = new TokenMinter(SECRET);

    private TestTokens() {
    }

    public static String valid(String... roles) {
        return MINTER.mint(SUBJECT, List.of(roles), Duration.ofHours(1));
    }

    /** Correctly signed, expiring {@code ttl} from now. */
    public static String expiringIn(Duration ttl, String... roles) {
        return MINTER.mint(SUBJECT, List.of(roles), ttl);
    }

    /** Correctly signed, expired an hour ago. */
    public static String expired(String... roles) {
        return MINTER.mint(SUBJECT, List.of(roles), Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
    }

    /** A valid token whose payload was edited (roles raised to admin) after signing. */
    public static String tampered(String... roles) {
        String[] parts = valid(roles).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"roles\":\\[[^]]*]", "\"roles\":[\"admin\"]");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    /** Unsigned ({@code "alg":"none"}) with the given roles. */
    public static String algNone(String... roles) {
        return new PlainJWT(claims(roles)).serialize();
    }

    /** Well-formed and signed, but with a key the services do not know. */
    public static String otherKey(String... roles) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(roles));
            jwt.sign(new MACSigner("some-other-secret-0123456789abcdefghij"));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with the test secret, with whatever claims the test sets (no exp, nbf ahead, a far expiry...). */
    public static String signed(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet claims(String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(SUBJECT).claim("roles", List.of(roles))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build();
    }

    /** The token cases every protected endpoint is tried with. */
    public enum Case {
        NO_TOKEN(401), EXPIRED(401), TAMPERED(401), ALG_NONE(401), OTHER_KEY(401), WRONG_ROLE(403), RIGHT_ROLE(0);

        /** 0: anything but 401/403. */
        public final int expectedStatus;

        Case(int expectedStatus) {
            this.expectedStatus = expectedStatus;
        }

        /** The Authorization header value, or null for none. */
        public String header(String rightRole, String wrongRole) {
            return switch (this) {
                case NO_TOKEN -> null;
                case EXPIRED -> "Bearer " + expired(rightRole);
                case TAMPERED -> "Bearer " + tampered(wrongRole);
                case ALG_NONE -> "Bearer " + algNone(rightRole);
                case OTHER_KEY -> "Bearer " + otherKey(rightRole);
                case WRONG_ROLE -> "Bearer " + valid(wrongRole);
                case RIGHT_ROLE -> "Bearer " + valid(rightRole);
            };
        }
    }
}
