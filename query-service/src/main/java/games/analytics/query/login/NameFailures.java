package games.analytics.query.login;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.SequencedSet;

/**
 * One user name's failed logins (as {@link System#nanoTime} stamps): over all clients, per client address (the
 * longest-idle client forgotten beyond a bound), and the few addresses that signed in as the name lately. Not
 * thread-safe: {@link LoginThrottle} holds its lock around every call.
 */
final class NameFailures {

    /** Addresses remembered per name as having signed in (the owner's home, office, phone...). */
    static final int MAX_SIGNED_IN_CLIENTS = 16;

    private final Deque<Long> overall = new ArrayDeque<>();
    private final Map<String, Deque<Long>> perClient;
    private final SequencedSet<String> signedIn = new LinkedHashSet<>();

    NameFailures(int maxClients) {
        this.perClient = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
                return size() > maxClients;
            }
        };
    }

    int fromClient(String client, long now, long window) {
        Deque<Long> times = perClient.get(client);
        return times == null ? 0 : expire(times, now, window);
    }

    int overall(long now, long window) {
        return expire(overall, now, window);
    }

    boolean signedInFrom(String client) {
        return signedIn.contains(client);
    }

    void add(String client, long now) {
        overall.addLast(now);
        perClient.computeIfAbsent(client, c -> new ArrayDeque<>()).addLast(now);
    }

    /** The client's newest try matched: it is no failure, and its earlier failures are forgiven. */
    void succeeded(String client) {
        Deque<Long> times = perClient.remove(client);
        if (times != null && !times.isEmpty()) {
            overall.removeLastOccurrence(times.peekLast());
        }
        signedIn.remove(client);
        signedIn.addLast(client);
        if (signedIn.size() > MAX_SIGNED_IN_CLIENTS) {
            signedIn.removeFirst();
        }
    }

    private static int expire(Deque<Long> times, long now, long window) {
        while (!times.isEmpty() && now - times.peekFirst() >= window) {
            times.pollFirst();
        }
        return times.size();
    }
}
