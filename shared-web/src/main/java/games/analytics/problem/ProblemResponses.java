package games.analytics.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Turns an {@link ApiProblem} into a response through micronaut-problem-json, for handlers that add headers. */
@Singleton
public final class ProblemResponses {

    private final ErrorResponseProcessor<?> processor;

    ProblemResponses(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    public MutableHttpResponse<?> respond(HttpRequest<?> request, ApiProblem problem) {
        ErrorContext context = ErrorContext.builder(request).cause(problem).errorMessage(problem.getMessage()).build();
        return processor.processResponse(context, HttpResponse.status(problem.httpStatus()));
    }
}
