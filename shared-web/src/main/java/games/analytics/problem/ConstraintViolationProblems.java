package games.analytics.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.problem.violations.ProblemConstraintViolationExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A body that fails its bean-validation constraints answers in the same shape as every other error: a 400 whose
 * {@code detail} lists each field with its rule and whose {@code parameter} names the first field.
 */
@Singleton
@Produces("application/problem+json")
@Replaces(ProblemConstraintViolationExceptionHandler.class)
@Requires(classes = {ConstraintViolationException.class, ExceptionHandler.class})
final class ConstraintViolationProblems implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {

    private final ProblemResponses responses;

    ConstraintViolationProblems(ProblemResponses responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException e) {
        List<ConstraintViolation<?>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(ConstraintViolationProblems::field)).toList();
        String detail = violations.stream().map(v -> field(v) + " " + v.getMessage()).collect(Collectors.joining("; "));
        String first = violations.isEmpty() ? null : field(violations.get(0));
        return responses.respond(request, ApiProblem.badParameter("Invalid request", detail, first));
    }

    /** The body field's name: the last node of {@code start.request.url}. */
    private static String field(ConstraintViolation<?> violation) {
        String name = "";
        for (Path.Node node : violation.getPropertyPath()) {
            name = node.getName() == null ? name : node.getName();
        }
        return name;
    }
}
