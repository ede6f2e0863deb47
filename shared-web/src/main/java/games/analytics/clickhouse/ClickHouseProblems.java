package games.analytics.clickhouse;

import com.clickhouse.client.api.ServerException;
import games.analytics.problem.ApiProblem;
import io.micronaut.http.HttpStatus;
import java.net.ConnectException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * The one mapping from a failed ClickHouse call to what a client is told, for both services: a guard that fired is
 * the caller's business (a timeout 504, too many rows or too much memory 422, a used-up quota 503), a server that
 * cannot be reached is a 503, any other error code a 502. {@link ClickHouseFailure} carries the result to
 * {@link ClickHouseFailureHandler}, which answers and counts it.
 */
public final class ClickHouseProblems {

    public static final int UNKNOWN_TABLE = 60;
    static final int TOO_MANY_ROWS = 158;
    static final int TIMEOUT_EXCEEDED = 159;
    static final int TOO_SLOW = 160;
    static final int QUOTA_EXPIRED = 201;
    static final int MEMORY_LIMIT_EXCEEDED = 241;
    static final int TOO_MANY_ROWS_OR_BYTES = 396;
    // a server of the cluster that the one asked could not reach: a shard down is said, never answered for in part
    static final int SOCKET_TIMEOUT = 209;
    static final int NETWORK_ERROR = 210;
    static final int ALL_CONNECTION_TRIES_FAILED = 279;
    // replicated tables without their ZooKeeper or Keeper: no session, read-only, a coordination error
    static final int NO_ZOOKEEPER = 225;
    static final int TABLE_IS_READ_ONLY = 242;
    static final int KEEPER_EXCEPTION = 999;

    // 18.16's error format leaves ServerException.getCode() unset; its message still starts "Code: 60,"
    private static final Pattern CODE = Pattern.compile("^Code: (\\d+)\\D");

    private ClickHouseProblems() {
    }

    /** The problem a failure is for the client; empty when it is no ClickHouse failure (neither unreachable nor a code). */
    public static Optional<ApiProblem> of(Throwable e) {
        if (isUnreachable(e)) {
            return Optional.of(ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "ClickHouse unavailable", "ClickHouse does not answer; try again shortly"));
        }
        int code = code(e);
        return Optional.ofNullable(switch (code) {
            case -1 -> null;
            case TIMEOUT_EXCEEDED, TOO_SLOW -> ApiProblem.of(HttpStatus.GATEWAY_TIMEOUT, "Query timeout",
                    "the query ran longer than the configured max_execution_time; narrow the filters");
            case TOO_MANY_ROWS, TOO_MANY_ROWS_OR_BYTES -> ApiProblem.of(HttpStatus.UNPROCESSABLE_ENTITY, "Result too large",
                    "the result has more rows than the configured max_result_rows; narrow the filters or lower limit");
            case MEMORY_LIMIT_EXCEEDED -> ApiProblem.of(HttpStatus.UNPROCESSABLE_ENTITY, "Query too large",
                    "the query needs more memory than ClickHouse allows; narrow the filters or group by fewer keys");
            case QUOTA_EXPIRED -> ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "Query quota used up",
                    "the service's ClickHouse user has used up its query quota for the current interval (the games_query quota in"
                    + " deploy/clickhouse/games-users.xml.template); try again when the interval ends");
            case SOCKET_TIMEOUT, NETWORK_ERROR, ALL_CONNECTION_TRIES_FAILED -> ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE,
                    "ClickHouse shard unavailable", "a server of the ClickHouse cluster holding part of the data does not answer"
                    + " (code " + code + "); no partial answer is given; try again shortly");
            default -> ApiProblem.of(HttpStatus.BAD_GATEWAY, "ClickHouse error", "ClickHouse failed with code " + code);
        });
    }

    /** True when ClickHouse answered that another server of its cluster, holding a shard, could not be reached. */
    public static boolean isShardUnreachable(Throwable e) {
        int code = code(e);
        return code == SOCKET_TIMEOUT || code == NETWORK_ERROR || code == ALL_CONNECTION_TRIES_FAILED;
    }

    /** True when ClickHouse answered that replicated tables cannot be written: ZooKeeper or Keeper is out of reach. */
    public static boolean isCoordinationDown(Throwable e) {
        int code = code(e);
        return code == NO_ZOOKEEPER || code == TABLE_IS_READ_ONLY || code == KEEPER_EXCEPTION;
    }

    /** ClickHouse's error code somewhere among the causes, or -1 when the failure is not ClickHouse's answer. */
    public static int code(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ServerException server) {
                if (server.getCode() > 0) {
                    return server.getCode();
                }
                Matcher m = CODE.matcher(String.valueOf(server.getMessage()));
                return m.find() ? Integer.parseInt(m.group(1)) : -1;
            }
        }
        return -1;
    }

    /**
     * True when no connection to ClickHouse could be made (stopped, restarting, wrong address), or the one used closed
     * without an answer (a restart, a proxy's idle timeout).
     */
    public static boolean isUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoHttpResponseException) {
                return true;
            }
        }
        return false;
    }
}
