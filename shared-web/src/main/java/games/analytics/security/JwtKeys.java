package games.analytics.security;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HS256 key tokens are checked with: {@code JWT_SECRET}, or a fixed key in the {@code dev} environment only. */
@Factory
final class JwtKeys {

    /** Public on purpose: anyone can mint tokens for a service running with it. */
    static final String DEV_SECRET = "dev-only-secret-anyone-can-mint-tokens-with-this";
    private static final Logger LOG = LoggerFactory.getLogger(JwtKeys.class);

    @Singleton
    @Named("jwt-secret")
    @Requires(property = "jwt.secret")
    SignatureConfiguration fromSecret(@Value("${jwt.secret}") String secret) {
        return hs256(HmacSecret.require(secret, "JWT_SECRET"));
    }

    @Singleton
    @Named("jwt-secret")
    @Requires(env = Environment.DEVELOPMENT)
    @Requires(missingProperty = "jwt.secret")
    SignatureConfiguration devSecret() {
        LOG.warn("JWT_SECRET is not set: the dev environment checks tokens with the public development key; "
                + "never run it like this where others can reach it");
        return hs256(DEV_SECRET);
    }

    private static SignatureConfiguration hs256(String secret) {
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("jwt-secret");
        configuration.setSecret(secret);
        return new SecretSignature(configuration);
    }

    /** Without any key every request would be refused; say so at start-up instead. */
    @io.micronaut.context.annotation.Context
    static final class RequireKey {
        RequireKey(java.util.List<SignatureConfiguration> keys,
                   java.util.List<io.micronaut.security.token.jwt.signature.ReactiveSignatureConfiguration<?>> remoteKeys,
                   @Value("${" + SecurityDefaults.ISSUER_PROPERTY + ":}") String issuer,
                   @Value("${" + SecurityDefaults.AUDIENCE_PROPERTY + ":}") String audience) {
            if (keys.isEmpty() && remoteKeys.isEmpty()) {
                throw new ConfigurationException("No key to check JWTs with. Set JWT_SECRET (at least 32 bytes, HS256) "
                        + "or JWT_JWKS_URL (an identity provider's JWKS, e.g. RS256), or start with "
                        + "MICRONAUT_ENVIRONMENTS=dev to use the public development key.");
            }
            if (!remoteKeys.isEmpty() && (issuer.isBlank() || audience.isBlank())) {
                throw new ConfigurationException("JWT_JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE too: an identity provider "
                        + "signs tokens for many applications, and only those it issued for this one (iss and aud) may pass.");
            }
        }
    }

    /** Rules for an HS256 secret, shared with the token minting tool. */
    static final class HmacSecret {
        private HmacSecret() {
        }

        static String require(String secret, String name) {
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException(name + " is empty");
            }
            if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new IllegalArgumentException(name + " must be at least 32 bytes for HS256 (e.g. openssl rand -hex 32)");
            }
            return secret;
        }
    }
}
