package games.analytics.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signs HS256 tokens the services accept: subject, roles, issued-at, expiry and a unique id. */
public final class TokenMinter {

    private final MACSigner signer;

    public TokenMinter(String secret) {
        try {
            this.signer = new MACSigner(JwtKeys.HmacSecret.require(secret, "the secret"));
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public String mint(String subject, List<String> roles, Duration ttl) {
        return mint(subject, roles, Instant.now(), ttl);
    }

    /** {@code issuedAt} is a parameter so tests can mint tokens that are already expired. */
    public String mint(String subject, List<String> roles, Instant issuedAt, Duration ttl) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("roles", roles)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
