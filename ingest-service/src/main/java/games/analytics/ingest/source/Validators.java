package games.analytics.ingest.source;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.StreamingHttpClient;
import java.net.URI;
import java.time.Duration;
import reactor.core.publisher.Flux;

/**
 * A file version's validators as its server sent them (either may be null), asked back for ifChanged.
 *
 * @param etag         the ETag, or null
 * @param lastModified the Last-Modified, or null
 */
public record Validators(String etag, String lastModified) {

    /**
     * A HEAD with these validators ({@code If-None-Match}, else {@code If-Modified-Since}); 304 means unchanged. Anything
     * else (200, a redirect, an error, no answer, a link the policy refuses) means the file is read and compared by its
     * SHA-256 instead.
     */
    boolean unchangedAt(URI target, StreamingHttpClient client, UrlPolicy policy, Duration wait) {
        if (etag == null && lastModified == null) {
            return false;
        }
        try {
            policy.check(target);
            MutableHttpRequest<?> head = HttpRequest.HEAD(target).header(HttpHeaders.USER_AGENT, "games-analytics-ingest");
            if (etag != null) {
                head.header(HttpHeaders.IF_NONE_MATCH, etag);
            } else {
                head.header(HttpHeaders.IF_MODIFIED_SINCE, lastModified);
            }
            HttpResponse<?> answer = Flux.from(client.exchange(head)).blockFirst(wait);
            return answer != null && answer.code() == 304;
        } catch (RuntimeException e) { // refused by the policy, an error status, no answer: the file is read
            return false;
        }
    }
}
