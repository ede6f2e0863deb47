package games.analytics.query.web;

import games.analytics.query.clickhouse.QueryProblem;
import games.analytics.query.grammar.BadParameterException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** Our own exceptions as problem+json, with the offending parameter named. */
final class ProblemHandlers {

    static final String PROBLEM_JSON = "application/problem+json";
    private ProblemHandlers() {
    }

    /** The same RFC 9457 fields micronaut-problem-json writes, plus the offending parameter. */
    static HttpResponse<Map<String, Object>> problem(HttpStatus status, String title, String detail, String parameter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.getCode());
        body.put("detail", detail);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        return HttpResponse.<Map<String, Object>>status(status).contentType(PROBLEM_JSON).body(body);
    }

    @Singleton
    @Produces(PROBLEM_JSON)
    @Requires(classes = {BadParameterException.class, ExceptionHandler.class})
    static final class BadParameter implements ExceptionHandler<BadParameterException, HttpResponse<Map<String, Object>>> {
        @Override
        public HttpResponse<Map<String, Object>> handle(HttpRequest request, BadParameterException e) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid parameter", e.getMessage(), e.parameter());
        }
    }

    @Singleton
    @Produces(PROBLEM_JSON)
    @Requires(classes = {NoDataException.class, ExceptionHandler.class})
    static final class NoData implements ExceptionHandler<NoDataException, HttpResponse<Map<String, Object>>> {
        @Override
        public HttpResponse<Map<String, Object>> handle(HttpRequest request, NoDataException e) {
            return problem(HttpStatus.CONFLICT, "No data", e.getMessage(), null);
        }
    }

    @Singleton
    @Produces(PROBLEM_JSON)
    @Requires(classes = {QueryProblem.class, ExceptionHandler.class})
    static final class Query implements ExceptionHandler<QueryProblem, HttpResponse<Map<String, Object>>> {
        @Override
        public HttpResponse<Map<String, Object>> handle(HttpRequest request, QueryProblem e) {
            return problem(e.status, e.title, e.getMessage(), null);
        }
    }
}
