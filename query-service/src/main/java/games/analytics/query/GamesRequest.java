package games.analytics.query;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import io.micronaut.http.HttpRequest;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** GET /api/v1/games, validated: filters, fields, sort, page position and size, format, count. */
record GamesRequest(List<String> filters, List<Column> fields, Sort sort, @Nullable Cursor after, int limit,
                    OutputFormat format, boolean count) {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 1000;

    static GamesRequest parse(HttpRequest<?> request, QueryLimits limits) {
        var parameters = request.getParameters();
        rejectAggregateParameters(parameters.names());
        OutputFormat format = OutputFormat.of(request);
        int max = format.paged() ? MAX_PAGE : limits.maxExportRows();
        int limit = limit(parameters.get(Parameters.LIMIT), format.paged() ? DEFAULT_PAGE : max, max);
        String cursor = parameters.get(Parameters.CURSOR);
        return new GamesRequest(Filters.parse(parameters.asMap()), fields(String.join(",", parameters.getAll(Parameters.FIELDS))),
                Sort.parse(parameters.get(Parameters.SORT)), cursor == null ? null : Cursor.decode(cursor), limit, format,
                count(parameters.get(Parameters.COUNT)));
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
        throw new BadParameterException(Parameters.LIMIT, "limit must be a whole number from 1 to " + max + ", got \"" + value + "\"");
    }

    static boolean count(String value) {
        if (value == null) {
            return false;
        }
        if (value.strip().toLowerCase(Locale.ROOT).equals("exact")) {
            return true;
        }
        throw new BadParameterException(Parameters.COUNT, "count takes the value exact, got \"" + value + "\"");
    }

    private static List<Column> fields(String value) {
        if (value == null || value.isBlank()) {
            return GameColumns.ALL;
        }
        Set<Column> fields = new LinkedHashSet<>();
        for (String name : value.split(",")) {
            fields.add(GameColumns.byName(name.strip()).orElseThrow(() -> new BadParameterException(Parameters.FIELDS,
                    "fields takes column names: " + Conditions.columnNames() + "; unknown \"" + name.strip() + "\"")));
        }
        return new ArrayList<>(fields);
    }

    private static void rejectAggregateParameters(Set<String> names) {
        for (String name : List.of(Parameters.METRICS, Parameters.GROUP_BY, Parameters.HAVING)) {
            if (names.contains(name)) {
                throw new BadParameterException(name, name + " belongs to /api/v1/games/aggregate");
            }
        }
    }
}
