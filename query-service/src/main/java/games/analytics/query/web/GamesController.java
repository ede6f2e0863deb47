package games.analytics.query.web;

import games.analytics.query.clickhouse.GamesReader;
import games.analytics.query.clickhouse.QueryLimits;
import games.analytics.query.grammar.AggregateRequest;
import games.analytics.query.grammar.Cursor;
import games.analytics.query.grammar.GamesRequest;
import games.analytics.query.grammar.OutputFormat;
import games.analytics.query.output.ClickHouseFailedLate;
import games.analytics.query.output.Layout;
import games.analytics.query.output.OutputColumn;
import games.analytics.query.output.ResultStream;
import games.analytics.query.sql.GamesSql;
import games.analytics.query.sql.Statement;
import games.analytics.security.Roles;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Pages of games and aggregates over them. The OpenAPI document takes each operation's words and statuses from the
 * annotations here; its parameters and answer schemas come from the grammar ({@code openapi.QueryOpenApi}).
 */
@Controller("/api/v1/games")
@Secured({Roles.ANALYST, Roles.ADMIN})
class GamesController {

    static final String TOTAL_COUNT = "X-Total-Count";
    /**
     * Answers ClickHouse has finished (pages, aggregates) up to this size are rendered on the thread that read them
     * and sent whole; beyond it they stream (16 query threads hold at most ~16 MiB of these).
     */
    static final int WHOLE_BYTES = 512 * 1024;

    private final GamesReader reader;
    private final QueryLimits limits;

    GamesController(GamesReader reader, QueryLimits limits) {
        this.reader = reader;
        this.limits = limits;
    }

    /**
     * Games matching the filters, in the requested order; json pages carry a nextCursor, ndjson and csv
     * stream up to the limit. Bad parameters (400) and a missing dataset (409) are answered before any
     * byte is sent; the rows then stream from ClickHouse.
     */
    @Get(produces = {MediaType.APPLICATION_JSON, OutputFormat.NDJSON, OutputFormat.CSV})
    @Operation(summary = "Games matching filters", description = "Any column is a filter: column=value (text and lists:"
            + " case-insensitive substring; numbers, decimals, booleans, dates: exact) or column__op=value; the operators each"
            + " column takes are listed by GET /api/v1/schema. Dates accept"
            + " YYYY-MM-DD, YYYY-MM and YYYY. Filters are ANDed; or=(cond,cond,...) ORs a group. json answers"
            + " {\"data\": [...], \"nextCursor\": ...}; ndjson and csv stream up to limit rows.")
    @ApiResponse(responseCode = "200", description = "the rows")
    @ApiResponse(responseCode = "400", description = "a parameter that does not parse or make sense, named in the problem")
    Mono<HttpResponse<byte[]>> games(@Parameter(hidden = true) HttpRequest<?> request) {
        GamesRequest games = GamesRequest.parse(Answers.parameters(request), limits.maxExportRows());
        List<OutputColumn> columns = games.fields().stream().map(OutputColumn::of).toList();
        int pageSize = games.format().paged() ? games.limit() : 0;
        Layout.Page page = pageSize > 0 ? new Layout.Page(pageSize, values -> new Cursor(games.sort().signature(), values)) : null;
        return Answers.onCurrentTable(reader, source -> (games.count() ? reader.number(GamesSql.count(source, games.filters())) : Mono.just(-1L))
                .zipWith(reader.readsLazily())
                .flatMap(countAndLazy -> {
                    long total = countAndLazy.getT1();
                    Statement rows = GamesSql.rows(source, games, countAndLazy.getT2());
                    Long count = total < 0 ? null : total;
                    Layout how = new Layout(games.format(), columns, rows.hiddenColumns(), page, count, page != null ? WHOLE_BYTES : 0);
                    return reader.stream(rows).map(response -> {
                        MutableHttpResponse<byte[]> ok = Answers.respond(games.format(), "games", ResultStream.body(response, how));
                        return count == null ? ok : ok.header(TOTAL_COUNT, Long.toString(count));
                    }).onErrorMap(ClickHouseFailedLate.class, e -> GamesReader.failedLate(e.getMessage()));
                }));
    }

    /** Metrics over the filtered games, optionally per group (list columns are exploded per element). */
    @Get(value = "/aggregate", produces = {MediaType.APPLICATION_JSON, OutputFormat.NDJSON, OutputFormat.CSV})
    @Operation(summary = "Aggregates over filtered games", description = "Takes the same filters as /api/v1/games. Each row"
            + " has the group keys under their names and each metric under a stable name (count, avg_price, p90_price,"
            + " distinct_developers).")
    @ApiResponse(responseCode = "200", description = "one row per group")
    @ApiResponse(responseCode = "400", description = "a parameter that does not parse or make sense, named in the problem")
    Mono<HttpResponse<byte[]>> aggregate(@Parameter(hidden = true) HttpRequest<?> request) {
        AggregateRequest aggregate = AggregateRequest.parse(Answers.parameters(request));
        List<OutputColumn> columns = new java.util.ArrayList<>(aggregate.groups().stream().map(OutputColumn::of).toList());
        aggregate.metrics().forEach(metric -> columns.add(OutputColumn.of(metric)));
        Layout how = Layout.rows(aggregate.format(), columns, WHOLE_BYTES);
        return Answers.onCurrentTable(reader, source -> reader.stream(GamesSql.aggregate(source, aggregate))
                .map(response -> Answers.respond(aggregate.format(), "games-aggregate", ResultStream.body(response, how))));
    }
}
