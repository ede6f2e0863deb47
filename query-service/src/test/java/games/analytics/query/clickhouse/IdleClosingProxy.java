package games.analytics.query.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of the test ClickHouse that closes a connection once nothing has crossed it for {@code idle}, as a
 * server's keep-alive timeout or a load balancer's idle timeout does, so that a test can meet a pooled connection closed
 * while it sat in the pool without waiting for ClickHouse's own timeout.
 */
final class IdleClosingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final URI upstream;
    private final long idleNanos;
    private final Semaphore closed = new Semaphore(0);
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "idle-closing-proxy");
        t.setDaemon(true);
        return t;
    });

    IdleClosingProxy(String upstreamUrl, Duration idle) throws IOException {
        this.upstream = URI.create(upstreamUrl);
        this.idleNanos = idle.toNanos();
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstream.getHost(), upstream.getPort());
                AtomicLong lastBytes = new AtomicLong(System.nanoTime());
                threads.execute(() -> pump(client, server, lastBytes));
                threads.execute(() -> pump(server, client, lastBytes));
                threads.execute(() -> closeWhenIdle(client, server, lastBytes));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong lastBytes) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
                lastBytes.set(System.nanoTime());
            }
        } catch (IOException e) {
            // the other direction or the idle watch closed the pair
        } finally {
            closeBoth(from, to);
        }
    }

    private void closeWhenIdle(Socket client, Socket server, AtomicLong lastBytes) {
        try {
            while (!client.isClosed()) {
                if (System.nanoTime() - lastBytes.get() > idleNanos) {
                    closeBoth(client, server);
                    return;
                }
                Thread.sleep(20); // the idle watch: a server's keep-alive timer is a clock on purpose
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed.release();
        }
    }

    /** Waits until one more connection through the proxy has closed (idle, or by either side), and fails after 10 s. */
    void awaitClosed() throws InterruptedException {
        if (!closed.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no connection through the proxy closed within 10 s");
        }
    }

    private static void closeBoth(Socket a, Socket b) {
        try (a; b) {
            // closing is all
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
