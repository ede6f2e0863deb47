package games.analytics.ingest.source;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import java.util.Locale;
import java.util.Set;

/**
 * What a download learns from the headers of its first answer: the size, whether a broken transfer can resume, and
 * whether this can be CSV at all (checked before any byte is parsed).
 *
 * @param total     the announced length, or null (chunked)
 * @param ranges    the server takes {@code Range: bytes=N-}
 * @param validator the strong ETag, else Last-Modified, for {@code If-Range}; null when there is neither
 * @param encoded   a Content-Encoding was applied, so the announced length is not the length read
 * @param etag         the ETag as sent (weak or strong), or null
 * @param lastModified the Last-Modified as sent, or null
 */
record FirstAnswer(Long total, boolean ranges, String validator, boolean encoded, String etag, String lastModified) {

    private static final Set<String> NOT_CSV = Set.of("text/html", "application/xhtml+xml", "application/json", "application/pdf",
            "application/xml", "text/xml");

    static FirstAnswer of(HttpResponse<?> response) throws Download.Fatal {
        String type = response.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        String mime = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (NOT_CSV.contains(mime) || mime.startsWith("image/") || mime.startsWith("video/") || mime.startsWith("audio/")) {
            throw new Download.Fatal("the link answered " + mime + ", not CSV (a login or preview page? use a direct download link)");
        }
        long length = response.getContentLength();
        String etag = response.getHeaders().get(HttpHeaders.ETAG);
        return new FirstAnswer(length >= 0 ? length : null,
                "bytes".equalsIgnoreCase(response.getHeaders().get(HttpHeaders.ACCEPT_RANGES)),
                etag != null && !etag.startsWith("W/") ? etag : response.getHeaders().get(HttpHeaders.LAST_MODIFIED),
                response.getHeaders().contains(HttpHeaders.CONTENT_ENCODING), etag, response.getHeaders().get(HttpHeaders.LAST_MODIFIED));
    }
}
