package games.analytics.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * {@code GET /prometheus} only for admins, in both services: the figures name tables, users and error rates. A rule
 * rather than an intercept-url-map entry, because a service's own map would replace a shared list.
 */
@Singleton
final class MetricsAccessRule implements SecurityRule<HttpRequest<?>> {

    static final String PATH = "/prometheus";

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null || !PATH.equals(request.getPath())) {
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        boolean admin = authentication != null && authentication.getRoles().contains(Roles.ADMIN);
        return Mono.just(admin ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }

    @Override
    public int getOrder() {
        return -200; // before the endpoint and annotation rules
    }
}
