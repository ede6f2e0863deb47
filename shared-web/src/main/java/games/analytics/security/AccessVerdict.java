package games.analytics.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.security.authentication.Authentication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The answer of a service's {@code /auth/check} (the gateway's auth_request target) for an accepted token: 204, the
 * subject for the gateway's access log, and how long the gateway may reuse the verdict for the same token: at most
 * {@link #REUSE} and never past the token's expiry, so no cached verdict outlives its token. Refusals carry no such
 * header and are never reused. (Not "private": nginx would not keep it; the gateway hides it from clients.)
 */
public final class AccessVerdict {

    /** A verdict is reused for this long at most: a notebook loop or a page's dozen calls pay one check. */
    public static final Duration REUSE = Duration.ofSeconds(5);

    private AccessVerdict() {
    }

    /** The longest subject header the gateway's log gets, in bytes: identity providers' subjects are far shorter. */
    static final int MAX_LOGGED_SUBJECT = 256;

    /**
     * The token's subject as a header value for the gateway's log: printable ASCII as it is, every other byte of its
     * UTF-8 (a CR/LF would split the header) and '%' percent-encoded, cut at {@link #MAX_LOGGED_SUBJECT} bytes with a
     * trailing "...". The token itself is signed; this is only what the log says, never who the caller is.
     */
    static String subjectForLog(String subject) {
        StringBuilder text = new StringBuilder();
        for (byte b : subject.getBytes(StandardCharsets.UTF_8)) {
            String next = b >= 0x20 && b < 0x7f && b != '%' ? Character.toString(b) : String.format("%%%02X", b & 0xff);
            if (text.length() + next.length() > MAX_LOGGED_SUBJECT) {
                return text.append("...").toString();
            }
            text.append(next);
        }
        return text.toString();
    }

    public static HttpResponse<Void> granted(Authentication authentication) {
        Instant expires = TokenLifetimeValidator.instant(authentication.getAttributes().get("exp"));
        long seconds = expires == null ? 0 : Math.min(REUSE.toSeconds(), Duration.between(Instant.now(), expires).toSeconds());
        return HttpResponse.<Void>noContent()
                .header("X-Token-Subject", subjectForLog(authentication.getName()))
                .header(HttpHeaders.CACHE_CONTROL, seconds > 0 ? "max-age=" + seconds : "no-store");
    }
}
