package games.analytics.query.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The throttle's rules on a clock the test moves: who is refused, for how long, and what no traffic can flush. */
class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(Duration.ofMinutes(15), 10, 100, 2), now::get);

    /** One finished try: counted as a failure unless {@code matched}. */
    private LoginThrottle.Verdict attempt(String name, String client, boolean matched) {
        LoginThrottle.Verdict verdict = throttle.begin(name, !name.startsWith("nobody"), client);
        if (verdict instanceof LoginThrottle.Attempt attempt) {
            if (matched) {
                throttle.succeeded(attempt);
            }
            throttle.finished();
        }
        return verdict;
    }

    @Test
    void aGuesserLocksOutItselfNotTheOwnerElsewhere() {
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(LoginThrottle.Attempt.class, attempt("admin", "203.0.113.9", false));
        }
        assertEquals(LoginThrottle.Refusal.CLIENT, attempt("admin", "203.0.113.9", false));
        assertEquals(LoginThrottle.Refusal.CLIENT, attempt("ADMIN ", "203.0.113.9", true), "one name however it is spelled");
        assertInstanceOf(LoginThrottle.Attempt.class, attempt("admin", "198.51.100.7", true), "the owner from elsewhere");
        assertInstanceOf(LoginThrottle.Attempt.class, attempt("bob", "203.0.113.9", false), "other names are counted apart");
        now.addAndGet(Duration.ofMinutes(15).toNanos());
        assertInstanceOf(LoginThrottle.Attempt.class, attempt("admin", "203.0.113.9", false), "the window passed");
    }

    @Test
    void manyAddressesMeetTheNamesCeilingButNotTheOwnersKnownAddress() {
        assertInstanceOf(LoginThrottle.Attempt.class, attempt("admin", "198.51.100.7", true)); // the owner signs in once
        for (int client = 0; client < 100; client++) {
            assertInstanceOf(LoginThrottle.Attempt.class, attempt("admin", "10.0.0." + client, false));
        }
        assertEquals(LoginThrottle.Refusal.NAME, attempt("admin", "10.0.1.1", false));
        assertEquals(LoginThrottle.Refusal.NAME, attempt("admin", "192.0.2.1", true), "a new address waits for the window");
        assertInstanceOf(LoginThrottle.Attempt.class, attempt("admin", "198.51.100.7", true), "the owner's address passes");
    }

    @Test
    void noAmountOfUnknownNamesFlushesAKnownNamesCount() {
        for (int i = 0; i < 10; i++) {
            attempt("admin", "203.0.113.9", false);
        }
        for (int i = 0; i < LoginThrottle.MAX_UNKNOWN_NAMES * 3; i++) {
            attempt("nobody" + i, "203.0.113.9", false);
        }
        assertEquals(LoginThrottle.Refusal.CLIENT, attempt("admin", "203.0.113.9", false));
        assertEquals(LoginThrottle.Refusal.NAME, attemptsUntilRefused("nobody-x", 100), "unknown names look the same from outside");
    }

    private LoginThrottle.Verdict attemptsUntilRefused(String name, int clients) {
        for (int client = 0; client <= clients; client++) {
            LoginThrottle.Verdict verdict = attempt(name, "10.1.0." + client, false);
            if (verdict instanceof LoginThrottle.Refusal refusal) {
                return refusal;
            }
        }
        return null;
    }

    @Test
    void checksBeyondTheSlotsAreRefusedAtOnce() {
        LoginThrottle.Verdict first = throttle.begin("admin", true, "a");
        LoginThrottle.Verdict second = throttle.begin("bob", true, "b");
        assertEquals(LoginThrottle.Refusal.BUSY, throttle.begin("carol", true, "c"));
        throttle.finished();
        assertInstanceOf(LoginThrottle.Attempt.class, throttle.begin("carol", true, "c"));
        assertInstanceOf(LoginThrottle.Attempt.class, first);
        assertInstanceOf(LoginThrottle.Attempt.class, second);
    }
}
