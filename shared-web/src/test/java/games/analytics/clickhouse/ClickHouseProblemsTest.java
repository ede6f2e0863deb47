package games.analytics.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickhouse.client.api.ServerException;
import games.analytics.problem.ApiProblem;
import io.micronaut.http.HttpStatus;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** ClickHouse's failures in both servers' error formats map to the documented statuses, in one place for both services. */
class ClickHouseProblemsTest {

    static ServerException fromServer(int code, String message) {
        return new ServerException(code, message, 500, "q1");
    }

    static HttpStatus status(Throwable e) {
        return ClickHouseFailure.of(e).problem().httpStatus();
    }

    @Test
    void guardsBecomeClientErrorsAndTimeouts() {
        // 18.16: the client cannot read the code, the message starts with it
        assertEquals(HttpStatus.GATEWAY_TIMEOUT, status(fromServer(0,
                "Code: 159, e.displayText() = DB::Exception: Timeout exceeded: elapsed 1.0 seconds, maximum: 1, e.what() = DB::Exception")));
        // current releases: the code is known
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, status(fromServer(396,
                "Code: 396. DB::Exception: Limit for result exceeded, max rows: 5.00. (TOO_MANY_ROWS_OR_BYTES)")));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, status(fromServer(241, "memory")));
        assertEquals(HttpStatus.BAD_GATEWAY, status(fromServer(0, "Code: 999, e.displayText() = x")));
        // 18.16's words when the games_query quota ran out under a load benchmark
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, status(fromServer(0, "Code: 201, e.displayText() = DB::Exception: Quota for"
                + " user 'games_query' for 1 hour has been exceeded. Queries: 210136, max: 20000. Interval will end at 2026-11-23 02:00:00.")));
        assertEquals(60, ClickHouseProblems.code(new RuntimeException(fromServer(0, "Code: 60, e.displayText() = DB::Exception: Table x doesn't exist."))));
    }

    @Test
    void aShardDownIsA503NamingIt() {
        // 18.16 through a Distributed table whose other shard is stopped (ClusterIT meets it for real)
        ApiProblem problem = ClickHouseFailure.of(fromServer(0, "Code: 279, e.displayText() = DB::NetException: All connection tries"
                + " failed. Log: \n\nCode: 210, e.displayText() = DB::NetException: Connection refused (127.0.0.1:40411)")).problem();
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, problem.httpStatus());
        assertEquals("ClickHouse shard unavailable", problem.getTitle());
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, status(fromServer(210, "Code: 210. DB::NetException: Connection refused. (NETWORK_ERROR)")));
    }

    @Test
    void unreachableIsA503AndOurOwnBugsStayOurs() {
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, status(new RuntimeException(new ConnectException("refused"))));
        IllegalStateException bug = new IllegalStateException("a bug of ours");
        assertSame(bug, ClickHouseFailure.ifClickHouse(bug), "not ClickHouse's: answered as the bug it is");
        assertEquals(HttpStatus.BAD_GATEWAY, status(bug), "from a call that only talks to ClickHouse: a 502 all the same");
        assertTrue(ClickHouseFailure.ifClickHouse(fromServer(159, "x")) instanceof ClickHouseFailure);
    }
}
