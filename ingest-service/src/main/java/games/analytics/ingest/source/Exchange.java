package games.analytics.ingest.source;

import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.StreamingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Flux;

/**
 * One GET of a link, as {@link Download} makes it for each hop and each resume: the answer's head, awaited up to the idle
 * timeout, and its body as a bounded stream. A 4xx is {@link Download.Fatal}; a 5xx, a broken connection or silence is an
 * IOException the download may retry.
 *
 * @param head the answer, or null when it had no body (the client emits nothing for such an answer)
 */
record Exchange(HttpResponse<?> head, FluxInputStream body) {

    private static final int WINDOW = 64; // chunks of at most 8 KiB (the client splits bodies so): 512 KiB ahead of the parser at most

    /**
     * @param from    the first byte wanted: above 0, a Range request
     * @param ifRange with a Range, the validator the resumed file must still have (null when the server gave none)
     */
    static Exchange open(StreamingHttpClient client, URI target, long from, String ifRange, long idleMillis) throws IOException {
        MutableHttpRequest<?> request = HttpRequest.GET(target)
                .header(HttpHeaders.ACCEPT, "text/csv, text/plain;q=0.9, */*;q=0.8")
                .header(HttpHeaders.USER_AGENT, "games-analytics-ingest");
        if (from > 0) {
            request.header(HttpHeaders.RANGE, "bytes=" + from + "-");
            if (ifRange != null) {
                request.header(HttpHeaders.IF_RANGE, ifRange);
            }
        }
        CompletableFuture<HttpResponse<?>> head = new CompletableFuture<>();
        FluxInputStream stream = new FluxInputStream(Flux.from(client.exchangeStream(request))
                .doOnNext(head::complete)
                .doOnError(head::completeExceptionally)
                .doOnComplete(() -> head.complete(null))
                .map(Exchange::bytes), WINDOW, idleMillis);
        return new Exchange(awaitHead(head, stream, idleMillis), stream);
    }

    private static HttpResponse<?> awaitHead(CompletableFuture<HttpResponse<?>> head, FluxInputStream stream, long idleMillis)
            throws IOException {
        try {
            return head.get(idleMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            stream.close();
            if (e.getCause() instanceof HttpClientResponseException status) {
                String reason = "the server answered HTTP " + status.getStatus().getCode() + " " + status.getStatus().getReason();
                throw status.getStatus().getCode() >= 500 ? new IOException(reason) : new Download.Fatal(reason);
            }
            throw new IOException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (TimeoutException e) {
            stream.close();
            throw new IOException("no answer within " + idleMillis / 1000 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.close();
            throw new Download.Fatal("interrupted");
        }
    }

    private static byte[] bytes(HttpResponse<ByteBuffer<?>> piece) {
        ByteBuffer<?> buffer = piece.body();
        return buffer == null ? new byte[0] : buffer.toByteArray(); // copy now: Netty releases the buffer after this emission
    }
}
