package games.analytics.clickhouse;

import com.clickhouse.client.api.ServerException;
import games.analytics.problem.ApiProblem;
import io.micronaut.http.HttpStatus;
import java.net.ConnectException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * What a failed ClickHouse call tells a client, for both services: the server's error code, whether the server
 * could not be reached at all, and the problem either one is (503 when it is down, 502 when it answered an error).
 */
public final class ClickHouseFailures {

    // 18.16's error format leaves ServerException.getCode() unset; its message still starts "Code: 60,"
    private static final Pattern CODE = Pattern.compile("^Code: (\\d+)\\D");

    private ClickHouseFailures() {
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

    /** The generic answer to a ClickHouse failure; {@code null} when it is neither unreachable nor an error code. */
    public static ApiProblem problem(Throwable e) {
        if (isUnreachable(e)) {
            return ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "ClickHouse unavailable", "ClickHouse does not answer; try again shortly");
        }
        int code = code(e);
        return code > 0 ? ApiProblem.of(HttpStatus.BAD_GATEWAY, "ClickHouse error", "ClickHouse failed with code " + code) : null;
    }
}
