package games.analytics.query.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.clickhouse.client.api.ServerException;
import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;

/** Guard failures in both servers' error formats map to the documented statuses. */
class ClickHouseErrorsTest {

    static ServerException fromServer(int code, String message) {
        return new ServerException(code, message, 500, "q1");
    }

    @Test
    void guardsBecomeClientErrorsAndTimeouts() {
        // 18.16: the client cannot read the code, the message starts with it
        assertEquals(HttpStatus.GATEWAY_TIMEOUT, ((QueryProblem) ClickHouseErrors.toProblem(fromServer(0,
                "Code: 159, e.displayText() = DB::Exception: Timeout exceeded: elapsed 1.0 seconds, maximum: 1, e.what() = DB::Exception"))).status);
        // current releases: the code is known
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, ((QueryProblem) ClickHouseErrors.toProblem(fromServer(396,
                "Code: 396. DB::Exception: Limit for result exceeded, max rows: 5.00. (TOO_MANY_ROWS_OR_BYTES)"))).status);
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, ((QueryProblem) ClickHouseErrors.toProblem(fromServer(241, "memory"))).status);
        assertEquals(HttpStatus.BAD_GATEWAY, ((QueryProblem) ClickHouseErrors.toProblem(fromServer(0, "Code: 999, e.displayText() = x"))).status);
        // 18.16's words when the games_query quota ran out under a load benchmark (it was a bare 502 before)
        QueryProblem quota = (QueryProblem) ClickHouseErrors.toProblem(fromServer(0, "Code: 201, e.displayText() = DB::Exception: Quota for"
                + " user 'games_query' for 1 hour has been exceeded. Queries: 210136, max: 20000. Interval will end at 2026-11-23 02:00:00."));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, quota.status);
        ServerException unknownTable = fromServer(0, "Code: 60, e.displayText() = DB::Exception: Table x doesn't exist.");
        assertSame(unknownTable, ClickHouseErrors.toProblem(unknownTable));
        assertEquals(60, ClickHouseErrors.code(new RuntimeException(unknownTable)));
    }
}
