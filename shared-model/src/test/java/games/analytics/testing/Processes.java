package games.analytics.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Server processes the tests start: a port for them, and waiting until they answer. */
final class Processes {
    private Processes() {
    }

    /** Below Linux's ephemeral range (32768-60999): no outgoing connection takes a port from here. */
    private static final int FIRST_PORT = 20_000;
    private static final int LAST_PORT = 32_767;
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port nothing listens on right now, for a server started next. It is taken below the ephemeral range: a port the
     * kernel hands out for {@code bind(0)} is also one it hands to outgoing connections, which can take it in the moment
     * before the server binds it ("Address already in use"). Each port is handed out once per JVM.
     */
    static int freePort() throws IOException {
        java.util.Random random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = FIRST_PORT + random.nextInt(LAST_PORT - FIRST_PORT + 1);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
                socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException taken) {
                // something listens there: try another
            }
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Returns once {@code url} answers 200; fails with {@code log} when the process exits first or the
     * time runs out (the process is then destroyed).
     */
    static void awaitOk(Process process, URI url, Duration atMost, String what, Callable<String> log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited:\n" + log.call());
            }
            try {
                if (http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        process.destroy();
        throw new IllegalStateException(what + " did not answer within " + atMost.toSeconds() + " s:\n" + log.call());
    }
}
