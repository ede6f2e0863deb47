package games.analytics.query.web;

import games.analytics.query.clickhouse.GamesReader;
import games.analytics.query.grammar.DescribeRequest;
import games.analytics.query.grammar.OutputFormat;
import games.analytics.query.grammar.SimilarRequest;
import games.analytics.query.output.Layout;
import games.analytics.query.output.OutputColumn;
import games.analytics.query.output.ResultStream;
import games.analytics.query.sql.DescribeSql;
import games.analytics.query.sql.SimilarSql;
import games.analytics.security.Roles;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Analysis over the filtered games: describe() of numeric columns, and the games most like a given one. Parameters and
 * answer schemas of the OpenAPI document come from the grammar ({@code openapi.QueryOpenApi}).
 */
@Controller("/api/v1/games")
@Secured({Roles.ANALYST, Roles.ADMIN})
class AnalysisController {

    private final GamesReader reader;

    AnalysisController(GamesReader reader) {
        this.reader = reader;
    }

    @Get(value = "/describe", produces = {MediaType.APPLICATION_JSON, OutputFormat.NDJSON, OutputFormat.CSV})
    @Operation(summary = "describe() of numeric columns under filters", description = "Takes the same filters as /api/v1/games."
            + " One row per column: count (non-NULL values), nulls, mean, stddev (sample), min, p25, median, p75, max (quantiles"
            + " interpolated linearly, as pandas' describe()), iqr, range, skew (population skewness), kurt (population excess"
            + " kurtosis); Float64 rounded to 6 places, null where undefined (no values; stddev of one value; shape of equal values).")
    @ApiResponse(responseCode = "200", description = "one row per column")
    @ApiResponse(responseCode = "400", description = "a parameter that does not parse or make sense, named in the problem")
    Mono<HttpResponse<byte[]>> describe(@Parameter(hidden = true) HttpRequest<?> request) {
        DescribeRequest describe = DescribeRequest.parse(Answers.parameters(request));
        List<OutputColumn> columns = new ArrayList<>(List.of(new OutputColumn(DescribeSql.COLUMN, OutputColumn.Render.STRING)));
        DescribeSql.STATISTICS.forEach(s -> columns.add(new OutputColumn(s.name(), s.whole() ? OutputColumn.Render.NUMBER
                : OutputColumn.Render.FLOAT)));
        Layout how = Layout.rows(describe.format(), columns, GamesController.WHOLE_BYTES);
        return Answers.onCurrentTable(reader, source -> reader.stream(DescribeSql.describe(source, describe))
                .map(response -> Answers.respond(describe.format(), "games-describe", ResultStream.body(response, how))));
    }

    @Get(value = "/{app_id}/similar", produces = {MediaType.APPLICATION_JSON, OutputFormat.NDJSON, OutputFormat.CSV})
    @Operation(summary = "Games most like one game", description = "Other games ranked by similarity = |A ∩ B| / |A ∪ B|, A and B"
            + " the two games' sets of tags and genres (exact elements); ties by positive (descending), then app_id. Only games"
            + " sharing at least one tag or genre are listed. Takes the filters of /api/v1/games, applied to the candidates."
            + " Each row has the game's columns (or fields) and similarity, rounded to 6 places.")
    @ApiResponse(responseCode = "200", description = "the most similar games, most similar first")
    @ApiResponse(responseCode = "400", description = "a parameter that does not parse or make sense, named in the problem")
    @ApiResponse(responseCode = "404", description = "no game has this app_id")
    Mono<HttpResponse<byte[]>> similar(@PathVariable("app_id") String appId, @Parameter(hidden = true) HttpRequest<?> request) {
        SimilarRequest similar = SimilarRequest.parse(appId, Answers.parameters(request));
        List<OutputColumn> columns = new ArrayList<>(similar.fields().stream().map(OutputColumn::of).toList());
        columns.add(new OutputColumn("similarity", OutputColumn.Render.FLOAT));
        Layout how = Layout.rows(similar.format(), columns, GamesController.WHOLE_BYTES);
        return Answers.onCurrentTable(reader, source -> reader.lines(SimilarSql.set(source, similar.appId())).flatMap(lines -> {
            if (lines.isEmpty()) {
                return Mono.error(new UnknownGameException(similar.appId()));
            }
            return reader.readsLazily().flatMap(lazy -> reader.stream(SimilarSql.similar(source, similar, set(lines.getFirst()), lazy)));
        }).map(response -> Answers.respond(similar.format(), "similar-games", ResultStream.body(response, how))));
    }

    /** The set's line from {@link SimilarSql#set}: hex-encoded UTF-8 elements, comma-separated. */
    private static List<String> set(String line) {
        return line.isEmpty() ? List.of() : Arrays.stream(line.split(","))
                .map(hex -> new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8)).toList();
    }
}
