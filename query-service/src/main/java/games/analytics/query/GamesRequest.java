package games.analytics.query;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** GET /api/v1/games parameters, validated: column filters (ANDed), page size and position. */
record GamesRequest(List<String> conditions, int limit, Cursor after) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    static final String LIMIT = "limit";

    static GamesRequest parse(Map<String, List<String>> parameters) {
        List<String> conditions = new ArrayList<>();
        int limit = DEFAULT_LIMIT;
        Cursor after = null;
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String last = parameter.getValue().isEmpty() ? "" : parameter.getValue().getLast();
            if (name.equals(LIMIT)) {
                limit = limit(last);
            } else if (name.equals(Cursor.PARAMETER)) {
                after = Cursor.decode(last);
            } else {
                Column column = GameColumns.byName(name).orElseThrow(() -> new BadParameterException(name,
                        "unknown parameter \"" + name + "\"; filter on one of: " + columnNames() + ", or use limit, cursor"));
                for (String value : parameter.getValue()) {
                    conditions.add(Filters.matches(column, value));
                }
            }
        }
        return new GamesRequest(List.copyOf(conditions), limit, after);
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // the message below says what is allowed
        }
        throw new BadParameterException(LIMIT, "limit must be a whole number from 1 to " + MAX_LIMIT + ", got \"" + value + "\"");
    }

    private static String columnNames() {
        return GameColumns.ALL.stream().map(Column::name).collect(Collectors.joining(", "));
    }
}
