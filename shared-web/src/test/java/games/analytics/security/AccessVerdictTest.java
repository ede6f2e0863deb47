package games.analytics.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.security.authentication.Authentication;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How long the gateway may reuse a grant: 5 s at most, never past the token's expiry. */
class AccessVerdictTest {

    @Test
    void aGrantIsReusableForFiveSecondsAtMostAndNeverPastTheTokensExpiry() {
        assertEquals("max-age=5", cacheControl(Date.from(Instant.now().plus(Duration.ofHours(1)))));
        String shortLived = cacheControl(Date.from(Instant.now().plusMillis(3500)));
        assertEquals(true, shortLived.equals("max-age=3") || shortLived.equals("max-age=2"), shortLived);
        assertEquals("no-store", cacheControl(Date.from(Instant.now().plusMillis(900)))); // less than a second left
        assertEquals("no-store", cacheControl(Date.from(Instant.now().minusSeconds(10))));
        assertEquals("max-age=5", cacheControl(Instant.now().getEpochSecond() + 100)); // exp as seconds, as some parsers give it
        assertEquals("no-store", cacheControl(null));
    }

    @Test
    void theSubjectGoesToTheGateway() {
        HttpResponse<Void> granted = AccessVerdict.granted(Authentication.build("carol", Map.of()));
        assertEquals(204, granted.code());
        assertEquals("carol", granted.getHeaders().get("X-Token-Subject"));
    }

    @Test
    void oddSubjectsBecomeOneBoundedPrintableHeaderValue() {
        assertEquals("a%0D%0AX-Evil: 1", AccessVerdict.subjectForLog("a\r\nX-Evil: 1"));
        assertEquals("jos%C3%A9 100%25", AccessVerdict.subjectForLog("jos\u00e9 100%"));
        String cut = AccessVerdict.subjectForLog("s".repeat(8000));
        assertEquals("s".repeat(AccessVerdict.MAX_LOGGED_SUBJECT) + "...", cut);
        assertEquals("x".repeat(254) + "...", AccessVerdict.subjectForLog("x".repeat(254) + "\u00e9"), "never half an escape");
        HttpResponse<Void> granted = AccessVerdict.granted(Authentication.build("line\nbreak", Map.of()));
        assertEquals("line%0Abreak", granted.getHeaders().get("X-Token-Subject"));
    }

    private static String cacheControl(Object exp) {
        Map<String, Object> claims = exp == null ? Map.of() : Map.of("exp", exp);
        return AccessVerdict.granted(Authentication.build("carol", claims)).getHeaders().get(HttpHeaders.CACHE_CONTROL);
    }
}
