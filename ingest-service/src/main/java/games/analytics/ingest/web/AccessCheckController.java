package games.analytics.ingest.web;

import games.analytics.security.AccessVerdict;
import games.analytics.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;

/** The gateway's auth_request target: 204 for a token this service's endpoints accept, else 401/403. */
@Hidden // the gateway's, not the API's
@Controller("/auth/check")
@Secured({Roles.INGEST, Roles.ADMIN})
class AccessCheckController {

    /** The subject for the gateway's access log, and how long the gateway may reuse the verdict ({@link AccessVerdict}). */
    @Get
    HttpResponse<Void> check(Authentication authentication) {
        return AccessVerdict.granted(authentication);
    }
}
