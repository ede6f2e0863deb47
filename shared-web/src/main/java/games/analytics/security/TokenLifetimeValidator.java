package games.analytics.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Every token must expire, and not too far ahead: {@code exp} is required, and neither {@code exp - iat} nor
 * {@code exp - now} may exceed {@code JWT_MAX_TTL} (90 days by default), so a leaked token cannot live for
 * centuries. ({@code nbf} is checked by Micronaut's own validator, switched on in games-security.yml.)
 */
@Singleton
final class TokenLifetimeValidator implements GenericJwtClaimsValidator<Object> {

    static final Duration DEFAULT_MAX_TTL = Duration.ofDays(90);
    private static final Duration SKEW = Duration.ofMinutes(1);

    private final Duration maxTtl;

    TokenLifetimeValidator(@Value("${jwt.max-ttl:90d}") String maxTtl) {
        this.maxTtl = MintToken.ttl(maxTtl);
    }

    @Override
    public boolean validate(Claims claims, Object request) {
        Instant expires = instant(claims.get("exp"));
        if (expires == null) {
            return false;
        }
        Instant issued = instant(claims.get("iat"));
        Instant from = issued == null ? Instant.now() : issued;
        return !expires.isAfter(from.plus(maxTtl).plus(SKEW)) && !expires.isAfter(Instant.now().plus(maxTtl).plus(SKEW));
    }

    static Instant instant(Object value) {
        return switch (value) {
            case Date date -> date.toInstant();
            case Instant instant -> instant;
            case Number seconds -> Instant.ofEpochSecond(seconds.longValue());
            case null, default -> null;
        };
    }
}
