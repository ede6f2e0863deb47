package games.analytics.query.grammar;

import games.analytics.model.Column;
import java.util.List;

/**
 * GET /api/v1/games/{app_id}/similar, parsed: the game, the filters its candidates must pass, fields, limit, format.
 *
 * @param appId the game whose tags and genres are compared
 */
public record SimilarRequest(long appId, List<Condition> filters, List<Column> fields, int limit, OutputFormat format) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 1000;
    /** The largest app_id the column holds (UInt32). */
    public static final long MAX_APP_ID = 4_294_967_295L;

    public static SimilarRequest parse(String appId, RequestParameters request) {
        request.refuse("similar games (they are ranked by similarity and have no pages)", Reserved.CURSOR, Reserved.SORT,
                Reserved.COUNT, Reserved.METRICS, Reserved.GROUP_BY, Reserved.HAVING, Reserved.COLUMNS);
        return new SimilarRequest(appId(appId), Filters.parse(request.all()), GamesRequest.fields(request.every(Reserved.FIELDS)),
                GamesRequest.limit(request.first(Reserved.LIMIT), DEFAULT_LIMIT, MAX_LIMIT), OutputFormat.of(request));
    }

    private static long appId(String text) {
        try {
            long id = Long.parseLong(text.strip());
            if (id >= 0 && id <= MAX_APP_ID) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // the message below says what is allowed
        }
        throw new BadParameterException("app_id", "app_id in the path is a whole number from 0 to " + MAX_APP_ID + ", got \"" + text + "\"");
    }
}
