package games.analytics.query.web;

/** Nothing has been ingested yet: there is no table to query. */
public final class NoDataException extends RuntimeException {
    public NoDataException() {
        super("no data ingested yet: POST a CSV link to /api/v1/ingestions first", null, false, false);
    }
}
