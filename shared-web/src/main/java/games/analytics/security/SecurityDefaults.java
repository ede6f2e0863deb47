package games.analytics.security;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.core.io.scan.ClassPathResourceLoader;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds {@code games-security.yml} to both services' configuration, below their own application.yml.
 * Micronaut 4 reads only the first {@code application.yml} on the classpath, so the shared settings
 * need a file name of their own.
 */
@ContextConfigurer
public final class SecurityDefaults implements ApplicationContextConfigurer {

    /** application.yml sits at -300; higher wins. */
    private static final int BELOW_APPLICATION_YML = -1000;
    static final String JWKS_URL_PROPERTY = "micronaut.security.token.jwt.signatures.jwks.identity-provider.url";
    static final String ISSUER_PROPERTY = "micronaut.security.token.jwt.claims-validators.issuer";
    static final String AUDIENCE_PROPERTY = "micronaut.security.token.jwt.claims-validators.audience";

    @Override
    public void configure(ApplicationContextBuilder builder) {
        ClassPathResourceLoader resources = ClassPathResourceLoader.defaultLoader(SecurityDefaults.class.getClassLoader());
        Map<String, Object> values = new HashMap<>();
        new YamlPropertySourceLoader().load("games-security", resources)
                .ifPresent(source -> source.forEach(key -> values.put(key, source.get(key))));
        // an external identity provider's keys (RS256 and others) as an alternative to the shared secret
        putIfSet(values, JWKS_URL_PROPERTY, System.getenv("JWT_JWKS_URL"));
        // tokens must name this service's issuer and audience (required with JWKS: a provider signs for many applications)
        putIfSet(values, ISSUER_PROPERTY, System.getenv("JWT_ISSUER"));
        putIfSet(values, AUDIENCE_PROPERTY, System.getenv("JWT_AUDIENCE"));
        builder.propertySources(PropertySource.of("games-security", values, BELOW_APPLICATION_YML));
    }

    private static void putIfSet(Map<String, Object> values, String property, String value) {
        if (value != null && !value.isBlank()) {
            values.put(property, value.strip());
        }
    }
}
