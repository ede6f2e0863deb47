package games.analytics.query.openapi;

import static games.analytics.openapi.Schemas.array;
import static games.analytics.openapi.Schemas.map;
import static games.analytics.openapi.Schemas.ref;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import games.analytics.openapi.OpenApiDocument;
import games.analytics.query.grammar.AggregateRequest;
import games.analytics.query.grammar.DescribeRequest;
import games.analytics.query.grammar.GamesRequest;
import games.analytics.query.grammar.GroupKey;
import games.analytics.query.grammar.Metric;
import games.analytics.query.grammar.Operator;
import games.analytics.query.grammar.OutputFormat;
import games.analytics.query.grammar.Reserved;
import games.analytics.query.grammar.SimilarRequest;
import games.analytics.query.grammar.Sort;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Completes the query-service's OpenAPI document at build time (see {@link OpenApiDocument}): the controllers' annotations
 * give each operation's summary, description and statuses; this adds what comes from the grammar, so the description cannot
 * drift from the parser: typed parameters with the grammar's bounds, every column as filters ({@link FilterParameters}), and
 * the answers' schemas ({@link ResponseSchemas}).
 */
public final class QueryOpenApi {

    static final String GAMES = "/api/v1/games";

    private QueryOpenApi() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        OpenApiDocument document = OpenApiDocument.read(file);
        complete(document);
        document.write(file);
    }

    static void complete(OpenApiDocument document) {
        document.schemas().putAll(ResponseSchemas.all());
        Map<String, Object> filterParameters = FilterParameters.all();
        document.parameters().putAll(filterParameters);
        List<Object> filters = Stream.concat(Stream.of(or()), filterParameters.keySet().stream()
                .map(name -> map("$ref", "#/components/parameters/" + name))).map(Object.class::cast).toList();

        Map<String, Object> games = operation(document, GAMES, ResponseSchemas.GAMES_PAGE, "one Game per line", filters,
                limit("page size: json 1.." + GamesRequest.MAX_PAGE + " (default " + GamesRequest.DEFAULT_PAGE + "); ndjson and csv"
                        + " up to query.max-export-rows (also their default)", null),
                query(Reserved.CURSOR, "nextCursor of the previous json page, with the same filters and sort", map("type", "string")),
                fields(), sort(), format(),
                query(Reserved.COUNT, "exact: the matching rows in X-Total-Count (and totalCount in json)", map("type", "string", "enum", List.of("exact"))));
        games.put("headers", map("X-Total-Count",
                map("description", "the matching rows, with count=exact", "schema", map("type", "integer", "format", "int64"))));

        operation(document, GAMES + "/aggregate", ResponseSchemas.AGGREGATE_PAGE, "one AggregateRow per line", filters,
                metrics(), groupBy(),
                listOf(Reserved.HAVING, "metric__op=value on a requested metric, e.g. count__gt=100; operators "
                        + Operator.names(Operator.forMetrics()) + "; repeat for more", map("type", "string", "pattern",
                        "^[a-z0-9_]+__(" + Operator.forMetrics().stream().map(Enum::name).collect(Collectors.joining("|")) + ")=.+$"),
                        AggregateRequest.MAX_HAVING, true),
                listOf(Reserved.SORT, "group keys and metric names, - for descending, e.g. -count; ties broken by the group keys",
                        map("type", "string", "pattern", "^-?[a-z0-9_]+$"), null, false),
                limit("groups to return, 1.." + AggregateRequest.MAX_LIMIT + " (default " + AggregateRequest.DEFAULT_LIMIT
                        + "); limit times metrics is at most " + AggregateRequest.MAX_CELLS, AggregateRequest.MAX_LIMIT),
                format());

        operation(document, GAMES + "/describe", ResponseSchemas.DESCRIBE_PAGE, "one DescribeRow per line", filters,
                listOf(Reserved.COLUMNS, "numeric columns (integers, decimals, booleans as 0/1); default "
                        + DescribeRequest.DEFAULT_COLUMNS.stream().map(Column::name).collect(Collectors.joining(",")),
                        map("type", "string", "enum", GameColumns.ALL.stream().filter(DescribeRequest::describable).map(Column::name).toList()),
                        null, false),
                format());

        operation(document, GAMES + "/{app_id}/similar", ResponseSchemas.SIMILAR_PAGE, "one SimilarGame per line", filters,
                map("name", "app_id", "in", "path", "required", true, "description", "the game to compare with",
                        "schema", map("type", "integer", "format", "int64", "minimum", 0, "maximum", SimilarRequest.MAX_APP_ID)),
                limit("games to return, 1.." + SimilarRequest.MAX_LIMIT + " (default " + SimilarRequest.DEFAULT_LIMIT + ")",
                        SimilarRequest.MAX_LIMIT),
                fields(), format());
        // the one operation without a token: micronaut-openapi writes no empty security list for @Secured(IS_ANONYMOUS)
        document.operation("/auth/login", "post").put("security", List.of());
        document.complete();
    }

    /**
     * The operation's parameters (its own, then or, then every filter), its 200 in the three formats, and the failures every
     * read of the games table can meet.
     *
     * @return the operation's 200 response
     */
    private static Map<String, Object> operation(OpenApiDocument document, String path, String page, String lines, List<Object> filters,
                                  Map<?, ?>... own) {
        Map<String, Object> operation = document.operation(path, "get");
        List<Object> parameters = new ArrayList<>(Arrays.asList((Object[]) own));
        parameters.addAll(filters);
        operation.put("parameters", parameters);
        OpenApiDocument.moveLast(operation, "responses");
        Map<String, Object> responses = OpenApiDocument.child(operation, "responses");
        responses.putIfAbsent("409", map("description", "no data ingested yet"));
        responses.putIfAbsent("422", map("description", "a ClickHouse guard fired (max_result_rows, memory)"));
        responses.putIfAbsent("504", map("description", "the query ran longer than max_execution_time"));
        Map<String, Object> ok = OpenApiDocument.child(responses, "200");
        ok.put("content", map("application/json", map("schema", ref(page)),
                OutputFormat.NDJSON, map("schema", map("type", "string", "description", lines)),
                OutputFormat.CSV, map("schema", map("type", "string", "description", "a header line, then one line per row (RFC 4180)"))));
        return ok;
    }

    private static Map<String, Object> query(String name, String description, Map<String, Object> schema) {
        return map("name", name, "in", "query", "description", description, "schema", schema);
    }

    /** A comma list ({@code a,b}) or, with {@code explode}, a repeated parameter ({@code having=..&having=..}). */
    private static Map<String, Object> listOf(String name, String description, Map<String, Object> items, Integer maxItems,
                                              boolean explode) {
        return map("name", name, "in", "query", "description", description, "style", "form", "explode", explode,
                "schema", map("type", "array", "items", items, "minItems", 1, "maxItems", maxItems));
    }

    private static Map<String, Object> limit(String description, Integer maximum) {
        return query(Reserved.LIMIT, description, map("type", "integer", "format", "int32", "minimum", 1, "maximum", maximum));
    }

    private static Map<String, Object> format() {
        return query(Reserved.FORMAT, "json (default: a page), ndjson or csv (streamed); else chosen by the Accept header",
                map("type", "string", "enum", Arrays.stream(OutputFormat.values()).map(Enum::name).toList()));
    }

    private static Map<String, Object> or() {
        return map("name", Reserved.OR, "in", "query", "description", "(cond,cond,...): the conditions ORed, e.g."
                + " (price__lt=1,positive__gt=10000); conditions are written as the filters; repeat for more groups (groups are"
                + " ANDed with each other and the filters)", "style", "form", "explode", true,
                "schema", array(map("type", "string", "pattern", "^\\(.+\\)$")));
    }

    private static Map<String, Object> fields() {
        return listOf(Reserved.FIELDS, "the columns to return, in this order (default all)",
                map("type", "string", "enum", GameColumns.ALL.stream().map(Column::name).toList()), null, false);
    }

    private static Map<String, Object> sort() {
        return listOf(Reserved.SORT, "columns, - for descending, e.g. -positive,name; ties broken by app_id, source_row",
                map("type", "string", "pattern", "^-?(" + GameColumns.ALL.stream().filter(Sort::sortable).map(Column::name)
                        .collect(Collectors.joining("|")) + ")$"), null, false);
    }

    private static Map<String, Object> metrics() {
        String functions = Arrays.stream(Metric.Function.values()).filter(f -> f != Metric.Function.count && f != Metric.Function.p)
                .map(Enum::name).collect(Collectors.joining("|"));
        return listOf(Reserved.METRICS, Metric.HELP + "; default count. Each row holds a metric under its name: count,"
                + " avg_price, p90_price. GET /api/v1/schema lists the functions each column takes",
                map("type", "string", "pattern", "^(count|(" + functions + "|p[1-9][0-9]?):[a-z_]+)$"), AggregateRequest.MAX_METRICS, false);
    }

    private static Map<String, Object> groupBy() {
        List<String> keys = new ArrayList<>(GameColumns.ALL.stream().map(Column::name).toList());
        keys.addAll(GroupKey.BUCKETS);
        return listOf(Reserved.GROUP_BY, "group keys: columns (a list column gives a group per element), release_year,"
                + " release_month", map("type", "string", "enum", keys), AggregateRequest.MAX_GROUP_KEYS, false);
    }
}
