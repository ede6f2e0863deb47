package games.analytics.query.web;

import games.analytics.problem.ApiProblem;
import games.analytics.problem.ProblemResponses;
import games.analytics.query.clickhouse.QueryProblem;
import games.analytics.query.grammar.BadParameterException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * The query side's own exceptions in the services' one error shape. The grammar and ClickHouse packages know
 * nothing of HTTP responses; here each of their exceptions becomes an {@link ApiProblem}.
 */
final class ProblemHandlers {

    private ProblemHandlers() {
    }

    @Singleton
    @Produces("application/problem+json")
    static final class BadParameter implements ExceptionHandler<BadParameterException, HttpResponse<?>> {
        private final ProblemResponses problems;

        BadParameter(ProblemResponses problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, BadParameterException e) {
            return problems.respond(request, ApiProblem.badParameter("Invalid parameter", e.getMessage(), e.parameter()));
        }
    }

    @Singleton
    @Produces("application/problem+json")
    static final class NoData implements ExceptionHandler<NoDataException, HttpResponse<?>> {
        private final ProblemResponses problems;

        NoData(ProblemResponses problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, NoDataException e) {
            return problems.respond(request, ApiProblem.of(HttpStatus.CONFLICT, "No data", e.getMessage()));
        }
    }

    @Singleton
    @Produces("application/problem+json")
    static final class Query implements ExceptionHandler<QueryProblem, HttpResponse<?>> {
        private final ProblemResponses problems;
        private final MeterRegistry metrics;

        Query(ProblemResponses problems, MeterRegistry metrics) {
            this.problems = problems;
            this.metrics = metrics;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, QueryProblem e) {
            metrics.counter("clickhouse.errors", "service", "query", "status", Integer.toString(e.status.getCode())).increment();
            return problems.respond(request, ApiProblem.of(e.status, e.title, e.getMessage()));
        }
    }
}
