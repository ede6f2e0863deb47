package games.analytics.query.login;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Limits password checks inside the service, whatever reaches it (the gateway limits per client address, but
 * the service may be reached directly): each user name gets {@code login.attempts-per-minute} tries a minute,
 * and at most {@code login.concurrent-checks} deliberately slow hashes run at once, so logins can neither guess
 * a password quickly nor take the CPU.
 */
@Singleton
final class LoginThrottle {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_NAMES = 10_000;

    private final int perMinute;
    private final Semaphore checks;
    /** Recent attempt times per user name, oldest names evicted first (bounded whatever names are tried). */
    private final Map<String, Deque<Long>> attempts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
            return size() > MAX_NAMES;
        }
    };

    LoginThrottle(@Value("${login.attempts-per-minute:10}") int perMinute, @Value("${login.concurrent-checks:2}") int concurrent) {
        this.perMinute = perMinute;
        this.checks = new Semaphore(concurrent);
    }

    /** Whether {@code name} may try now; counts the try. */
    synchronized boolean tryName(String name) {
        long now = System.nanoTime();
        Deque<Long> recent = attempts.computeIfAbsent(name.strip().toLowerCase(Locale.ROOT), n -> new ArrayDeque<>());
        while (!recent.isEmpty() && now - recent.peekFirst() > WINDOW.toNanos()) {
            recent.pollFirst();
        }
        if (recent.size() >= perMinute) {
            return false;
        }
        recent.addLast(now);
        return true;
    }

    /** A slot for one password check, or false when enough are running already. Pair with {@link #release()}. */
    boolean tryCheck() {
        return checks.tryAcquire();
    }

    void release() {
        checks.release();
    }
}
