package games.analytics.problem;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.problem.HttpStatusType;
import java.net.URI;
import org.zalando.problem.AbstractThrowableProblem;
import org.zalando.problem.StatusType;

/**
 * The one error shape of every service: an RFC 9457 problem (type, title, status, detail) with an optional
 * {@code parameter} naming the request parameter or body field at fault. Throw it from a controller, or hand it
 * to {@link ProblemResponses} where a response needs extra headers; micronaut-problem-json writes it, and
 * because the class is introspected the {@code parameter} property lands at the top level of the JSON.
 */
@Introspected
public final class ApiProblem extends AbstractThrowableProblem {

    private final String parameter;

    private ApiProblem(HttpStatus status, String title, String detail, String parameter) {
        super(URI.create("about:blank"), title, new HttpStatusType(status), detail);
        this.parameter = parameter;
    }

    public static ApiProblem of(HttpStatus status, String title, String detail) {
        return new ApiProblem(status, title, detail, null);
    }

    /** A 400 for one request parameter or body field, named in {@code parameter}. */
    public static ApiProblem badParameter(String title, String detail, String parameter) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, title, detail, parameter);
    }

    @Nullable
    public String getParameter() {
        return parameter;
    }

    public HttpStatus httpStatus() {
        StatusType status = getStatus();
        return HttpStatus.valueOf(status == null ? 500 : status.getStatusCode());
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an answer to a client, not a fault: no stack to capture
    }
}
