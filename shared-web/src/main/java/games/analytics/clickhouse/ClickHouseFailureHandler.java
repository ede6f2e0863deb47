package games.analytics.clickhouse;

import games.analytics.problem.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers a failed ClickHouse call with its problem (never a 500, a shortened list or a "not found" for what may exist)
 * and counts it for /prometheus as {@code clickhouse_errors_total{service, status}}, in both services.
 */
@Singleton
@Produces("application/problem+json")
final class ClickHouseFailureHandler implements ExceptionHandler<ClickHouseFailure, HttpResponse<?>> {

    private final ProblemResponses problems;
    private final MeterRegistry metrics;
    private final String service;

    ClickHouseFailureHandler(ProblemResponses problems, MeterRegistry metrics, @Value("${micronaut.application.name}") String application) {
        this.problems = problems;
        this.metrics = metrics;
        this.service = application.replaceFirst("-service$", "");
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ClickHouseFailure failure) {
        metrics.counter("clickhouse.errors", "service", service, "status", Integer.toString(failure.problem().httpStatus().getCode())).increment();
        return problems.respond(request, failure.problem());
    }
}
