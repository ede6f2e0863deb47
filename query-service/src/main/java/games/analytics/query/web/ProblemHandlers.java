package games.analytics.query.web;

import games.analytics.problem.ApiProblem;
import games.analytics.problem.ProblemResponses;
import games.analytics.query.grammar.BadParameterException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * The query side's own exceptions in the services' one error shape. The grammar knows nothing of HTTP responses;
 * here each of its exceptions becomes an {@link ApiProblem} (ClickHouse's failures have shared-web's one path).
 */
final class ProblemHandlers {

    private ProblemHandlers() {
    }

    /** One exception type to one problem; the response is made by the shared {@link ProblemResponses}. */
    @Produces("application/problem+json")
    abstract static class ToProblem<E extends Throwable> implements ExceptionHandler<E, HttpResponse<?>> {
        private final ProblemResponses problems;

        ToProblem(ProblemResponses problems) {
            this.problems = problems;
        }

        abstract ApiProblem problem(E e);

        @Override
        public HttpResponse<?> handle(HttpRequest request, E e) {
            return problems.respond(request, problem(e));
        }
    }

    @Singleton
    static final class BadParameter extends ToProblem<BadParameterException> {
        BadParameter(ProblemResponses problems) {
            super(problems);
        }

        @Override
        ApiProblem problem(BadParameterException e) {
            return ApiProblem.badParameter("Invalid parameter", e.getMessage(), e.parameter());
        }
    }

    @Singleton
    static final class NoData extends ToProblem<NoDataException> {
        NoData(ProblemResponses problems) {
            super(problems);
        }

        @Override
        ApiProblem problem(NoDataException e) {
            return ApiProblem.of(HttpStatus.CONFLICT, "No data", e.getMessage());
        }
    }

    @Singleton
    static final class UnknownGame extends ToProblem<UnknownGameException> {
        UnknownGame(ProblemResponses problems) {
            super(problems);
        }

        @Override
        ApiProblem problem(UnknownGameException e) {
            return ApiProblem.of(HttpStatus.NOT_FOUND, "Unknown game", e.getMessage());
        }
    }
}
