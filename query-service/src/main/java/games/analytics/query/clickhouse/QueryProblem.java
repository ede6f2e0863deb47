package games.analytics.query.clickhouse;

import io.micronaut.http.HttpStatus;

/** A failed query with the status and words the client should get. */
public final class QueryProblem extends RuntimeException {
    public final HttpStatus status;
    public final String title;

    QueryProblem(HttpStatus status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }
}
