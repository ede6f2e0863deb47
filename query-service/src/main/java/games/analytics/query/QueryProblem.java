package games.analytics.query;

import io.micronaut.http.HttpStatus;

/** A failed query with the status and words the client should get. */
final class QueryProblem extends RuntimeException {
    final HttpStatus status;
    final String title;

    QueryProblem(HttpStatus status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }
}
