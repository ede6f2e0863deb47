package games.analytics.query.grammar;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * GET /api/v1/games, parsed: filters, fields, sort, page position and size, format, count.
 *
 * @param after the cursor's typed values, or null on the first page
 */
public record GamesRequest(List<Condition> filters, List<Column> fields, Sort sort, List<Value> after, int limit,
                           OutputFormat format, boolean count) {

    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 1000;

    /** @param maxExportRows the largest (and default) limit of ndjson and csv */
    public static GamesRequest parse(RequestParameters request, int maxExportRows) {
        rejectAggregateParameters(request);
        OutputFormat format = OutputFormat.of(request);
        int max = format.paged() ? MAX_PAGE : maxExportRows;
        int limit = limit(request.first(Reserved.LIMIT), format.paged() ? DEFAULT_PAGE : max, max);
        Sort sort = Sort.parse(request.first(Reserved.SORT));
        String cursor = request.first(Reserved.CURSOR);
        return new GamesRequest(Filters.parse(request.all()), fields(request.every(Reserved.FIELDS)), sort,
                cursor == null ? null : sort.after(Cursor.decode(cursor)), limit, format, count(request.first(Reserved.COUNT)));
    }

    static int limit(String value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // the message below says what is allowed
        }
        throw new BadParameterException(Reserved.LIMIT, "limit must be a whole number from 1 to " + max + ", got \"" + value + "\"");
    }

    private static boolean count(String value) {
        if (value == null) {
            return false;
        }
        if (value.strip().toLowerCase(Locale.ROOT).equals("exact")) {
            return true;
        }
        throw new BadParameterException(Reserved.COUNT, "count takes the value exact, got \"" + value + "\"");
    }

    /** Every column when {@code fields} is absent; given, it must name at least one (rows of {} answer nothing). */
    static List<Column> fields(List<String> values) {
        if (values.isEmpty()) {
            return GameColumns.ALL;
        }
        Set<Column> fields = new LinkedHashSet<>();
        for (String name : String.join(",", values).split(",")) {
            if (!name.isBlank()) {
                fields.add(GameColumns.byName(name.strip()).orElseThrow(() -> new BadParameterException(Reserved.FIELDS,
                        "fields takes column names: " + Filters.columnNames() + "; unknown \"" + name.strip() + "\"")));
            }
        }
        if (fields.isEmpty()) {
            throw new BadParameterException(Reserved.FIELDS, "fields names no column; leave it out for every column, or name some: "
                    + Filters.columnNames());
        }
        return new ArrayList<>(fields);
    }

    private static void rejectAggregateParameters(RequestParameters request) {
        for (String name : List.of(Reserved.METRICS, Reserved.GROUP_BY, Reserved.HAVING)) {
            if (request.has(name)) {
                throw new BadParameterException(name, name + " belongs to /api/v1/games/aggregate");
            }
        }
        if (request.has(Reserved.COLUMNS)) {
            throw new BadParameterException(Reserved.COLUMNS, "columns belongs to /api/v1/games/describe; pages take fields");
        }
    }
}
