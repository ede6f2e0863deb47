package games.analytics.security;

import games.analytics.problem.ApiProblem;
import games.analytics.problem.ProblemResponses;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import java.util.List;

/** 401 and 403 as problem+json that say what was wrong, with the RFC 6750 challenge on 401. */
@Singleton
@Produces("application/problem+json")
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class AuthorizationProblems implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private final ProblemResponses problems;

    AuthorizationProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException e) {
        if (e.isForbidden()) {
            List<String> needed = RouteAttributes.getRouteMatch(request)
                    .map(match -> List.of(match.getAnnotationMetadata().stringValues(Secured.class)))
                    .orElse(List.of());
            String detail = "the token's roles " + e.getAuthentication().getRoles() + " do not allow " + target(request)
                    + (needed.isEmpty() ? "" : "; it needs one of " + needed);
            return problems.respond(request, ApiProblem.of(HttpStatus.FORBIDDEN, "Forbidden", detail));
        }
        boolean sent = request.getHeaders().contains(HttpHeaders.AUTHORIZATION);
        String detail = sent
                ? "the bearer token was refused: it is expired, tampered with, unsigned (alg none), signed with an unknown key or malformed"
                : "a token is required: send Authorization: Bearer <JWT>";
        return problems.respond(request, ApiProblem.of(HttpStatus.UNAUTHORIZED, "Unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, sent ? "Bearer error=\"invalid_token\"" : "Bearer");
    }

    /** The request the client made; behind the gateway, the one /auth/check was asked about. */
    private static String target(HttpRequest<?> request) {
        String method = request.getHeaders().get("X-Original-Method");
        String uri = request.getHeaders().get("X-Original-URI");
        if (method == null || uri == null) {
            return request.getMethodName() + " " + request.getPath();
        }
        int query = uri.indexOf('?');
        return method + " " + (query < 0 ? uri : uri.substring(0, query));
    }
}
