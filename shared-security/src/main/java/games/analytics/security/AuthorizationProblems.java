package games.analytics.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 401 and 403 as problem+json that say what was wrong, with the RFC 6750 challenge on 401. */
@Singleton
@Produces(AuthorizationProblems.PROBLEM_JSON)
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class AuthorizationProblems implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException e) {
        if (e.isForbidden()) {
            List<String> needed = RouteAttributes.getRouteMatch(request)
                    .map(match -> List.of(match.getAnnotationMetadata().stringValues(Secured.class)))
                    .orElse(List.of());
            String detail = "the token's roles " + e.getAuthentication().getRoles() + " do not allow " + target(request)
                    + (needed.isEmpty() ? "" : "; it needs one of " + needed);
            return problem(HttpStatus.FORBIDDEN, "Forbidden", detail);
        }
        boolean sent = request.getHeaders().contains(HttpHeaders.AUTHORIZATION);
        String detail = sent
                ? "the bearer token was refused: it is expired, tampered with, unsigned (alg none), signed with an unknown key or malformed"
                : "a token is required: send Authorization: Bearer <JWT>";
        return problem(HttpStatus.UNAUTHORIZED, "Unauthorized", detail)
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

    static MutableHttpResponse<Map<String, Object>> problem(HttpStatus status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.getCode());
        body.put("detail", detail);
        return HttpResponse.<Map<String, Object>>status(status).contentType(PROBLEM_JSON).body(body);
    }
}
