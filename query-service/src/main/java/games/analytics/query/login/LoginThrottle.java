package games.analytics.query.login;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Limits password checks inside the service, whatever reaches it (the gateway limits per client address too, but
 * the service may be reached directly). Failures are counted per user name and client address: one client gets
 * {@code login.failures-per-client} failed tries per window for a name, so a guesser locks out only itself. A
 * name also has a ceiling over all clients ({@code login.failures-per-name}), which slows a guesser with many
 * addresses; clients that signed in as that name lately are exempt from it, so the owner keeps getting in. Every
 * try counts as a failure until its password matched. Names in the users file keep their counts whatever else is
 * tried; counts of unknown names sit in a bounded map of their own (they only need to look the same from outside).
 * At most {@code login.concurrent-checks} deliberately slow hashes run at once; a try beyond that is refused at
 * once rather than queued, so a flood costs its sender, not the users.
 */
@Singleton
final class LoginThrottle {

    /** What {@link #begin} says of a try. */
    sealed interface Verdict permits Attempt, Refusal {
    }

    /** Why a try is refused, as the 429's detail says it. */
    enum Refusal implements Verdict {
        CLIENT("too many failed logins for this user name from this address; retry later"),
        NAME("too many failed logins for this user name from many addresses; retry later"),
        BUSY("too many logins at once; retry in a moment");

        final String detail;

        Refusal(String detail) {
            this.detail = detail;
        }
    }

    /** A try that was let through: report its outcome with {@link #succeeded} (or nothing: it stays a failure). */
    record Attempt(String name, boolean known, String client) implements Verdict {
    }

    static final int MAX_UNKNOWN_NAMES = 10_000;
    static final int MAX_CLIENTS_PER_KNOWN_NAME = 10_000;
    static final int MAX_CLIENTS_PER_UNKNOWN_NAME = 64;

    private final Limits limits;
    private final LongSupplier clock;
    private final Semaphore checks;
    private final Map<String, NameFailures> known = new HashMap<>();
    private final Map<String, NameFailures> unknown = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, NameFailures> eldest) {
            return size() > MAX_UNKNOWN_NAMES;
        }
    };

    /** The limits, one place: per window, failures per (name, client) and per name over all clients. */
    record Limits(Duration window, int perClient, int perName, int concurrentChecks) {
    }

    @Inject
    LoginThrottle(@Value("${login.window:15m}") Duration window, @Value("${login.failures-per-client:10}") int perClient,
                  @Value("${login.failures-per-name:100}") int perName, @Value("${login.concurrent-checks:2}") int concurrent) {
        this(new Limits(window, perClient, perName, concurrent), System::nanoTime);
    }

    LoginThrottle(Limits limits, LongSupplier clock) {
        this.limits = limits;
        this.clock = clock;
        this.checks = new Semaphore(limits.concurrentChecks());
    }

    Limits limits() {
        return limits;
    }

    /**
     * Lets a try of {@code name} from {@code client} through and counts it as a failure, or says why not. A try that
     * passes holds one of the concurrent check slots: {@link #finished} frees it.
     */
    synchronized Verdict begin(String name, boolean knownName, String client) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        long now = clock.getAsLong();
        Map<String, NameFailures> names = knownName ? known : unknown;
        NameFailures failures = names.computeIfAbsent(key,
                k -> new NameFailures(knownName ? MAX_CLIENTS_PER_KNOWN_NAME : MAX_CLIENTS_PER_UNKNOWN_NAME));
        long windowNanos = limits.window().toNanos();
        if (failures.fromClient(client, now, windowNanos) >= limits.perClient()) {
            return Refusal.CLIENT;
        }
        if (!failures.signedInFrom(client) && failures.overall(now, windowNanos) >= limits.perName()) {
            return Refusal.NAME;
        }
        if (!checks.tryAcquire()) {
            return Refusal.BUSY;
        }
        failures.add(client, now);
        return new Attempt(key, knownName, client);
    }

    /** The password matched: the try is no failure, and the client may pass the name's ceiling from now on. */
    synchronized void succeeded(Attempt attempt) {
        NameFailures failures = (attempt.known() ? known : unknown).get(attempt.name());
        if (failures != null) {
            failures.succeeded(attempt.client());
        }
    }

    /** The check is over (matched or not): its slot is free. */
    void finished() {
        checks.release();
    }
}
