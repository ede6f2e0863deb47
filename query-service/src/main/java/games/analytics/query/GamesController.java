package games.analytics.query;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

@Controller("/api/v1/games")
class GamesController {

    private final GamesReader reader;

    GamesController(GamesReader reader) {
        this.reader = reader;
    }

    /**
     * Games matching every {@code column=value} parameter, a page at a time in (app_id, source_row) order.
     * Parameter errors (400) and a missing dataset (409) are answered before any byte is sent; the body
     * then streams from ClickHouse.
     */
    @Get(produces = MediaType.APPLICATION_JSON)
    Mono<HttpResponse<byte[]>> games(HttpRequest<?> request) {
        GamesRequest games = GamesRequest.parse(request.getParameters().asMap());
        return Mono.defer(() -> reader.currentTable()
                        .switchIfEmpty(Mono.error(NoDataException::new))
                        .flatMap(table -> reader.stream(GamesSql.page(reader.database(), table, games))))
                // a replace may drop the table between reading the pointer and querying it: read the pointer again
                .retryWhen(Retry.max(1).filter(GamesReader::isUnknownTable))
                .map(response -> streamed(JsonPage.stream(response, games.limit())));
    }

    /**
     * The body is a Flux of ready-made chunks. Declaring it as byte[] tells Micronaut not to frame the
     * chunks as elements of a JSON array; at run time it streams any Publisher body chunk by chunk.
     */
    @SuppressWarnings("unchecked")
    static HttpResponse<byte[]> streamed(Flux<byte[]> chunks) {
        return (HttpResponse<byte[]>) (HttpResponse<?>) HttpResponse.ok(chunks);
    }
}
