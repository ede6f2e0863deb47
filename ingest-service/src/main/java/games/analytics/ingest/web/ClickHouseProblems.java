package games.analytics.ingest.web;

import games.analytics.clickhouse.ClickHouseFailures;
import games.analytics.ingest.store.StoreFailure;
import games.analytics.problem.ApiProblem;
import games.analytics.problem.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A request that reads jobs or rejects while ClickHouse is down or failing gets a 503 or 502 problem, not a
 * 500 (or a "not found" for a job that exists); counted for /prometheus as the query side counts its own.
 */
@Singleton
@Produces("application/problem+json")
final class ClickHouseProblems implements ExceptionHandler<StoreFailure, HttpResponse<?>> {

    private final ProblemResponses problems;
    private final MeterRegistry metrics;

    ClickHouseProblems(ProblemResponses problems, MeterRegistry metrics) {
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, StoreFailure e) {
        ApiProblem problem = ClickHouseFailures.problem(e);
        if (problem == null) {
            problem = ApiProblem.of(HttpStatus.BAD_GATEWAY, "ClickHouse error", "the call to ClickHouse failed; try again shortly");
        }
        metrics.counter("clickhouse.errors", "service", "ingest", "status", Integer.toString(problem.httpStatus().getCode())).increment();
        return problems.respond(request, problem);
    }
}
