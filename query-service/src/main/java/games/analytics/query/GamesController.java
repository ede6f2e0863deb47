package games.analytics.query;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

@Controller("/api/v1/games")
class GamesController {

    static final String TOTAL_COUNT = "X-Total-Count";

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
    Mono<HttpResponse<byte[]>> games(HttpRequest<?> request) {
        GamesRequest games = GamesRequest.parse(request, limits);
        List<OutputColumn> columns = games.fields().stream().map(OutputColumn::of).toList();
        int pageSize = games.format().paged() ? games.limit() : 0;
        Function<List<String>, Cursor> cursors = values -> new Cursor(games.sort().signature(), values);
        return onCurrentTable(table -> (games.count()
                        ? reader.number(GamesSql.count(reader.database(), table, games.filters())).map(n -> (Long) n)
                        : Mono.just(-1L))
                .flatMap(total -> reader.stream(GamesSql.rows(reader.database(), table, games), games.format().paged())
                        .map(response -> {
                            Long count = total < 0 ? null : total;
                            MutableHttpResponse<byte[]> ok = streamed(games.format(), ResultStream.stream(response, games.format(),
                                    columns, games.sort().keys().size(), pageSize, cursors, count));
                            return count == null ? ok : ok.header(TOTAL_COUNT, Long.toString(count));
                        })));
    }

    /** Metrics over the filtered games, optionally per group (list columns are exploded per element). */
    @Get(value = "/aggregate", produces = {MediaType.APPLICATION_JSON, OutputFormat.NDJSON, OutputFormat.CSV})
    Mono<HttpResponse<byte[]>> aggregate(HttpRequest<?> request) {
        AggregateRequest aggregate = AggregateRequest.parse(request);
        return onCurrentTable(table -> reader.stream(AggregateSql.of(reader.database(), table, aggregate), true)
                .map(response -> streamed(aggregate.format(),
                        ResultStream.stream(response, aggregate.format(), aggregate.columns(), 0, 0, null, null))));
    }

    /** Runs against the current table; a replace may drop it between reading the pointer and querying: read again. */
    private <T> Mono<T> onCurrentTable(Function<String, Mono<T>> query) {
        return Mono.defer(() -> reader.currentTable().switchIfEmpty(Mono.error(NoDataException::new)).flatMap(query))
                .retryWhen(Retry.max(1).filter(GamesReader::isUnknownTable));
    }

    /**
     * The body is a Flux of ready-made chunks. Declaring it as byte[] tells Micronaut not to frame the
     * chunks as elements of a JSON array; at run time it streams any Publisher body chunk by chunk.
     */
    @SuppressWarnings("unchecked")
    private static MutableHttpResponse<byte[]> streamed(OutputFormat format, Flux<byte[]> chunks) {
        return ((MutableHttpResponse<byte[]>) (MutableHttpResponse<?>) HttpResponse.ok(chunks)).contentType(format.contentType);
    }
}
