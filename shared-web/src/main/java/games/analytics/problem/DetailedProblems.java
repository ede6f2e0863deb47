package games.analytics.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.problem.ProblemErrorResponseProcessor;
import io.micronaut.problem.conf.ProblemConfiguration;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.zalando.problem.ThrowableProblem;

/**
 * Errors the framework raises itself (no route, wrong method, unacceptable Accept, a body that does not bind) in the
 * one problem shape with a {@code detail} that says what to do, instead of a bare status. The framework's own message
 * is kept where it names the fault (the first line, bounded); it never carries a stack trace.
 */
@Singleton
@Replaces(ProblemErrorResponseProcessor.class)
final class DetailedProblems extends ProblemErrorResponseProcessor {

    private static final int MAX_MESSAGE = 300;

    DetailedProblems(ProblemConfiguration config) {
        super(config);
    }

    @Override
    @NonNull
    protected ThrowableProblem defaultProblem(@NonNull ErrorContext context, @NonNull HttpStatus status) {
        HttpRequest<?> request = context.getRequest();
        String what = request.getMethodName() + " " + request.getPath();
        Optional<String> message = context.getErrors().stream().findFirst().map(Error::getMessage).map(DetailedProblems::firstLine);
        String detail = switch (status) {
            case NOT_FOUND -> "nothing at " + what + "; the API is under /api/v1 (GET /swagger-ui lists it)";
            case METHOD_NOT_ALLOWED -> request.getMethodName() + " is not allowed on " + request.getPath()
                    + "; GET /swagger-ui lists each endpoint's methods";
            case NOT_ACCEPTABLE -> what + " cannot answer in the media type the Accept header asks for"
                    + " (application/json; the games endpoints also text/csv and application/x-ndjson)";
            case UNSUPPORTED_MEDIA_TYPE -> what + " takes a body of Content-Type " + message.map(DetailedProblems::allowedTypes).orElse("application/json");
            case REQUEST_ENTITY_TOO_LARGE -> "the request body is too large";
            case BAD_REQUEST -> "the request could not be read" + message.map(m -> ": " + m).orElse("")
                    + "; bodies are JSON objects as GET /swagger-ui describes";
            default -> status.getCode() >= 500 ? "the service failed to answer; the failure is logged, try again shortly"
                    : message.orElse(status.getReason());
        };
        return ApiProblem.of(status, status.getReason(), detail);
    }

    /** The types Micronaut names in "... Allowed types: [a, b]", as "a, b"; application/json when it names none. */
    private static String allowedTypes(String message) {
        int at = message.indexOf("Allowed types: [");
        if (at < 0 || !message.endsWith("]")) {
            return "application/json";
        }
        return message.substring(at + "Allowed types: [".length(), message.length() - 1);
    }

    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line;
    }
}
