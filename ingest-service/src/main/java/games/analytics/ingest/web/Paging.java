package games.analytics.ingest.web;

import games.analytics.ingest.store.JobCursor;
import games.analytics.problem.ApiProblem;

/** The {@code limit} and {@code cursor} of the job and schedule lists, checked in one place. */
final class Paging {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 1000;
    static final String LIMIT_WORDS = "page size, 1.." + MAX_PAGE + " (default " + DEFAULT_PAGE + ")";
    static final String CURSOR_WORDS = "nextCursor of the previous page";

    private Paging() {
    }

    /** 1..{@link #MAX_PAGE}, {@link #DEFAULT_PAGE} when not given; a 400 otherwise. */
    static int limit(Integer limit) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ApiProblem.badParameter("Invalid limit", "limit must be 1.." + MAX_PAGE + ", got " + size, "limit");
        }
        return size;
    }

    /** A nextCursor a page handed out, or null for the first page; a 400 for anything else. */
    static JobCursor cursor(String cursor) {
        try {
            return cursor == null ? null : JobCursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badParameter("Invalid cursor", "cursor must be a nextCursor from a previous page", "cursor");
        }
    }
}
