package games.analytics.query.openapi;

import static games.analytics.openapi.Schemas.array;
import static games.analytics.openapi.Schemas.int64;
import static games.analytics.openapi.Schemas.map;
import static games.analytics.openapi.Schemas.nullable;
import static games.analytics.openapi.Schemas.object;
import static games.analytics.openapi.Schemas.ref;
import static games.analytics.openapi.Schemas.string;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import games.analytics.query.grammar.Reserved;
import games.analytics.query.sql.DescribeSql;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers' shapes: a game row from the column registry (every property optional, as {@code fields} picks them), the
 * describe row from the statistics' list, the json envelopes. Each names the one place its properties come from.
 */
final class ResponseSchemas {

    static final String GAME = "Game";
    static final String GAMES_PAGE = "GamesPage";
    static final String AGGREGATE_ROW = "AggregateRow";
    static final String AGGREGATE_PAGE = "AggregatePage";
    static final String DESCRIBE_ROW = "DescribeRow";
    static final String DESCRIBE_PAGE = "DescribePage";
    static final String SIMILAR_GAME = "SimilarGame";
    static final String SIMILAR_PAGE = "SimilarPage";

    private ResponseSchemas() {
    }

    static Map<String, Object> all() {
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put(GAME, object("A game: the columns asked for with fields (all by default), in registry order.", gameProperties(),
                List.of()));
        schemas.put(GAMES_PAGE, object("A json page of games.", map("data", array(ref(GAME)),
                "nextCursor", nullable(string("pass as cursor for the next page (same filters and sort); null on the last page")),
                "totalCount", int64("matching rows, with count=exact")), List.of("data", "nextCursor")));
        schemas.put(AGGREGATE_ROW, map("type", "object", "description", "One group: each group key under its name (a list column"
                + " gives one group per element; release_year a number, release_month YYYY-MM) and each metric under its name"
                + " (count, avg_price, p90_price, distinct_developers). Counts are whole numbers; sums, minima, maxima and modes"
                + " keep the column's type; averages, deviations, quantiles and shape statistics are numbers rounded to 6 places.",
                "additionalProperties", map()));
        schemas.put(AGGREGATE_PAGE, envelope("Groups in the requested order.", AGGREGATE_ROW));
        Map<String, Object> statistics = describeProperties();
        schemas.put(DESCRIBE_ROW, object("describe() of one column under the filters: every statistic, null where undefined.",
                statistics, List.copyOf(statistics.keySet())));
        schemas.put(DESCRIBE_PAGE, envelope("One row per described column, in the order asked.", DESCRIBE_ROW));
        Map<String, Object> similar = gameProperties();
        similar.put("similarity", map("type", "number", "description", "|A ∩ B| / |A ∪ B| of the two games' tags and genres, 6 places"));
        schemas.put(SIMILAR_GAME, object("A game like the one asked about: its columns (or fields) and similarity.", similar,
                List.of("similarity")));
        schemas.put(SIMILAR_PAGE, envelope("The most similar games, most similar first.", SIMILAR_GAME));
        return schemas;
    }

    private static Map<String, Object> envelope(String description, String row) {
        return object(description, map("data", array(ref(row))), List.of("data"));
    }

    private static Map<String, Object> gameProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Column column : GameColumns.ALL) {
            Map<String, Object> schema = switch (column.kind()) {
                case INTEGER -> map("type", "integer", "format", "int64");
                case DECIMAL -> map("type", "number", "description", "an exact decimal (at most 2 places in the file)");
                case DATE -> map("type", "string", "format", "date");
                case BOOLEAN -> map("type", "boolean");
                case TEXT -> map("type", "string");
                case LIST -> array(map("type", "string"));
            };
            if (column.equals(GameColumns.SOURCE_ROW)) {
                schema.put("description", "the row's line in the file (the service's, not the file's column)");
            }
            properties.put(column.name(), column.nullable() ? nullable(schema) : schema);
        }
        return properties;
    }

    private static Map<String, Object> describeProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(DescribeSql.COLUMN, string("the column described (" + Reserved.COLUMNS + ")"));
        for (DescribeSql.Statistic statistic : DescribeSql.STATISTICS) {
            properties.put(statistic.name(), statistic.whole() ? int64(null)
                    : nullable(map("type", "number", "description", "rounded to 6 places; null where undefined")));
        }
        return properties;
    }
}
