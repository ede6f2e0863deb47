package games.analytics.security.testing;

import games.analytics.security.Roles;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;

/**
 * Gives every Micronaut test client request without an Authorization header an admin token, so the
 * functional tests read like calls from a trusted user; the security tests use plain java.net.http.
 */
@ClientFilter
public final class AdminTokenFilter {

    @RequestFilter
    public void authorize(MutableHttpRequest<?> request) {
        if (!request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            request.bearerAuth(TestTokens.valid(Roles.ADMIN));
        }
    }
}
