package games.analytics.ingest;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.reactor.http.client.ReactorStreamingHttpClient;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.function.LongConsumer;

/** Streams a CSV link with the Micronaut HTTP client: redirects followed, never the whole body in memory. */
@Singleton
class CsvDownloader {

    /** Chunks requested ahead of the parser; Netty chunks are at most a few tens of KiB. */
    private static final int WINDOW = 32;

    private final ReactorStreamingHttpClient client;

    CsvDownloader(ReactorStreamingHttpClient client) {
        this.client = client;
    }

    /** The body as a stream; {@code onBytes} is told each chunk's size as it arrives. */
    InputStream open(URI url, LongConsumer onBytes) {
        HttpRequest<?> request = HttpRequest.GET(url)
                .header(HttpHeaders.ACCEPT, "text/csv, text/plain;q=0.9, */*;q=0.8")
                .header(HttpHeaders.USER_AGENT, "games-analytics-ingest");
        return new FluxInputStream(client.dataStream(request)
                .map(buffer -> {
                    byte[] bytes = buffer.toByteArray(); // copy now: Netty releases the buffer after this emission
                    onBytes.accept(bytes.length);
                    return bytes;
                })
                .onErrorMap(HttpClientResponseException.class, e -> new IOException(
                        "the server answered HTTP " + e.getStatus().getCode() + " " + e.getStatus().getReason())),
                WINDOW);
    }
}
