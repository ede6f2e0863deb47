package games.analytics.clickhouse;

import games.analytics.problem.ApiProblem;
import io.micronaut.http.HttpStatus;

/** A call to ClickHouse failed; {@link #problem} is what the client is told ({@link ClickHouseProblems}). */
public final class ClickHouseFailure extends RuntimeException {

    private final transient ApiProblem problem;

    private ClickHouseFailure(ApiProblem problem, Throwable cause) {
        super(problem.getDetail(), cause, false, false);
        this.problem = problem;
    }

    public ApiProblem problem() {
        return problem;
    }

    /** {@code e} as a ClickHouse failure when it is one, else {@code e} itself (a bug of ours stays a bug, a 500). */
    public static Throwable ifClickHouse(Throwable e) {
        return e instanceof ClickHouseFailure ? e : ClickHouseProblems.of(e).<Throwable>map(p -> new ClickHouseFailure(p, e)).orElse(e);
    }

    /** {@code e} as a ClickHouse failure in any case: a call that only talks to ClickHouse failed, whatever the cause. */
    public static ClickHouseFailure of(Throwable e) {
        return e instanceof ClickHouseFailure failure ? failure : new ClickHouseFailure(ClickHouseProblems.of(e).orElseGet(() ->
                ApiProblem.of(HttpStatus.BAD_GATEWAY, "ClickHouse error", "the call to ClickHouse failed; try again shortly")), e);
    }
}
