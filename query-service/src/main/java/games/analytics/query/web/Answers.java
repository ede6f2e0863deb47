package games.analytics.query.web;

import games.analytics.query.clickhouse.GamesReader;
import games.analytics.query.grammar.OutputFormat;
import games.analytics.query.grammar.RequestParameters;
import games.analytics.query.output.ResultBody;
import games.analytics.query.sql.Source;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** What every games endpoint does alike: read the request for the grammar, query the current table, send the answer. */
final class Answers {

    private Answers() {
    }

    /** The request as the grammar reads it: parameters and accepted media types. */
    static RequestParameters parameters(HttpRequest<?> request) {
        return new RequestParameters(request.getParameters().asMap(), request.accept().stream().map(MediaType::getName).toList());
    }

    /** Runs against the current table; a replace may drop it between reading the pointer and querying: read again. */
    static <T> Mono<T> onCurrentTable(GamesReader reader, Function<Source, Mono<T>> query) {
        Mono<T> once = Mono.defer(() -> reader.currentTable().switchIfEmpty(Mono.error(NoDataException::new)).map(reader::source).flatMap(query));
        // onErrorResume, not retryWhen: the same single retry without retryWhen's per-request machinery (~5% of the event loop)
        return once.onErrorResume(GamesReader::isUnknownTable, e -> {
            reader.forgetCurrentTable();
            return once;
        });
    }

    /**
     * A whole body goes out with its length; a streamed one is a Flux of ready-made chunks. Declaring it as byte[]
     * tells Micronaut not to frame the chunks as elements of a JSON array; at run time it streams any Publisher body
     * chunk by chunk.
     */
    @SuppressWarnings("unchecked")
    static MutableHttpResponse<byte[]> respond(OutputFormat format, String name, ResultBody body) {
        MutableHttpResponse<byte[]> ok = switch (body) {
            case ResultBody.Whole whole -> HttpResponse.ok(whole.bytes());
            case ResultBody.Streamed streamed -> (MutableHttpResponse<byte[]>) (MutableHttpResponse<?>) HttpResponse.ok(streamed.chunks());
        };
        ok.contentType(format.contentType);
        // a CSV is a file to save, never a page to render
        return format == OutputFormat.csv ? ok.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"") : ok;
    }
}
