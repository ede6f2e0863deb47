package games.analytics.query.clickhouse;

import games.analytics.clickhouse.ClickHouseFailures;
import games.analytics.problem.ApiProblem;
import io.micronaut.http.HttpStatus;

/** ClickHouse failures as the client should see them: a guard that fired is the caller's business, not a 500. */
final class ClickHouseErrors {

    static final int TOO_MANY_ROWS = 158;
    static final int TIMEOUT_EXCEEDED = 159;
    static final int QUOTA_EXPIRED = 201;
    static final int TOO_SLOW = 160;
    static final int MEMORY_LIMIT_EXCEEDED = 241;
    static final int TOO_MANY_ROWS_OR_BYTES = 396;

    private ClickHouseErrors() {
    }

    static int code(Throwable e) {
        return ClickHouseFailures.code(e);
    }

    static Throwable toProblem(Throwable e) {
        int code = code(e);
        return switch (code) {
            case TIMEOUT_EXCEEDED, TOO_SLOW -> new QueryProblem(HttpStatus.GATEWAY_TIMEOUT, "Query timeout",
                    "the query ran longer than the configured max_execution_time; narrow the filters");
            case TOO_MANY_ROWS, TOO_MANY_ROWS_OR_BYTES -> new QueryProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Result too large",
                    "the result has more rows than the configured max_result_rows; narrow the filters or lower limit");
            case MEMORY_LIMIT_EXCEEDED -> new QueryProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Query too large",
                    "the query needs more memory than ClickHouse allows; narrow the filters or group by fewer keys");
            case QUOTA_EXPIRED -> new QueryProblem(HttpStatus.SERVICE_UNAVAILABLE, "Query quota used up",
                    "the service's ClickHouse user has used up its query quota for the current interval (the games_query quota in"
                    + " deploy/clickhouse/games-users.xml.template); try again when the interval ends");
            case GamesReader.UNKNOWN_TABLE -> e; // handled by the caller (no data yet, or a replace in between)
            default -> {
                ApiProblem generic = ClickHouseFailures.problem(e);
                yield generic == null ? e : new QueryProblem(generic.httpStatus(), generic.getTitle(), generic.getDetail());
            }
        };
    }
}
