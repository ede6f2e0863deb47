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

    /** A port nothing listens on right now. */
    static int freePort() throws IOException {
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
