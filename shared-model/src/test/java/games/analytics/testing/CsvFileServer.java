package games.analytics.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on loopback that serves CSV bodies like the public links users give us, and
 * misbehaves on request: error statuses, redirects, bodies cut mid-stream, with or without Range
 * support, slow trickles and stalls.
 */
public final class CsvFileServer implements AutoCloseable {

    /**
     * How one path answers.
     *
     * @param cutAfterBytes  the first {@code cuts} answers close the connection after this many body bytes (-1: never)
     * @param ranges         honour {@code Range: bytes=N-} with 206 and advertise Accept-Ranges
     * @param chunkDelayMs   pause between 8 KiB chunks (a slow server)
     * @param stallAfterBytes send this many bytes, then say nothing more until {@code release} opens (-1: never)
     * @param release         the gate a stall waits on (one nobody opens: a stall of ten minutes)
     */
    public record Route(byte[] body, int status, String contentType, Map<String, String> headers, long cutAfterBytes,
                        int cuts, boolean ranges, long chunkDelayMs, long stallAfterBytes, CountDownLatch release) {

        public Route(byte[] body, int status, String contentType, Map<String, String> headers, long cutAfterBytes,
                     int cuts, boolean ranges, long chunkDelayMs, long stallAfterBytes) {
            this(body, status, contentType, headers, cutAfterBytes, cuts, ranges, chunkDelayMs, stallAfterBytes, new CountDownLatch(1));
        }

        public static Route csv(byte[] body) {
            return new Route(body, 200, "text/csv; charset=utf-8", Map.of(), -1, 0, false, 0, -1);
        }

        public Route status(int status, String contentType) {
            return new Route(body, status, contentType, headers, cutAfterBytes, cuts, ranges, chunkDelayMs, stallAfterBytes, release);
        }

        public Route header(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Route(body, status, contentType, Map.copyOf(more), cutAfterBytes, cuts, ranges, chunkDelayMs, stallAfterBytes, release);
        }

        public Route cut(long afterBytes, int times) {
            return new Route(body, status, contentType, headers, afterBytes, times, ranges, chunkDelayMs, stallAfterBytes, release);
        }

        public Route withRanges() {
            return new Route(body, status, contentType, headers, cutAfterBytes, cuts, true, chunkDelayMs, stallAfterBytes, release);
        }

        public Route slow(long chunkDelayMs) {
            return new Route(body, status, contentType, headers, cutAfterBytes, cuts, ranges, chunkDelayMs, stallAfterBytes, release);
        }

        public Route stallAfter(long bytes) {
            return new Route(body, status, contentType, headers, cutAfterBytes, cuts, ranges, chunkDelayMs, bytes, release);
        }

        /** Sends this many bytes, then the rest once {@code gate} opens: a download caught in the middle on purpose. */
        public Route holdAfter(long bytes, CountDownLatch gate) {
            return new Route(body, status, contentType, headers, cutAfterBytes, cuts, ranges, chunkDelayMs, bytes, gate);
        }
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public CsvFileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(path + (range == null ? "" : " " + range));
        Route route = routes.get(path);
        try (exchange) {
            if (route == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int attempt = answered.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            route.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            if (route.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", route.contentType());
            }
            if (route.ranges()) {
                exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
            }
            if (notModified(exchange, route)) { // as nginx answers: the validators it sent, asked back unchanged
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            int offset = 0;
            int status = route.status();
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (route.ranges() && m != null && m.matches()) {
                offset = Integer.parseInt(m.group(1));
                status = 206;
                exchange.getResponseHeaders().add("Content-Range", "bytes " + offset + "-" + (route.body().length - 1) + "/" + route.body().length);
            }
            int length = route.body().length - offset;
            exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
            long cutAt = attempt <= route.cuts() ? route.cutAfterBytes() : -1;
            write(exchange.getResponseBody(), route, offset, cutAt);
        } catch (IOException | InterruptedException cutOrClientGone) {
            // a cut is a closed connection, which is the point
        }
    }

    private static boolean notModified(HttpExchange exchange, Route route) {
        String etag = route.headers().get("ETag");
        String lastModified = route.headers().get("Last-Modified");
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        return ifNoneMatch != null ? ifNoneMatch.equals(etag) : ifModifiedSince != null && ifModifiedSince.equals(lastModified);
    }

    private void write(OutputStream out, Route route, int offset, long cutAt) throws IOException, InterruptedException {
        byte[] body = route.body();
        int sent = 0;
        for (int i = offset; i < body.length; i += 8192) {
            int n = Math.min(8192, body.length - i);
            if (cutAt >= 0 && sent + n > cutAt) {
                out.write(body, i, (int) (cutAt - sent));
                out.flush();
                throw new IOException("cut"); // the exchange closes with bytes missing: the client sees a broken body
            }
            if (route.stallAfterBytes() >= 0 && sent >= route.stallAfterBytes()) {
                out.flush();
                route.release().await(10, TimeUnit.MINUTES);
            }
            out.write(body, i, n);
            sent += n;
            if (route.chunkDelayMs() > 0) {
                out.flush();
                TimeUnit.MILLISECONDS.sleep(route.chunkDelayMs());
            }
        }
    }

    public String serve(String path, Route route) {
        routes.put(path, route);
        return url(path);
    }

    /** Serves the bytes at http://127.0.0.1:port/path and returns that URL. */
    public String serve(String path, byte[] body) {
        return serve(path, Route.csv(body));
    }

    public String serve(String path, Path file) throws IOException {
        return serve(path, Files.readAllBytes(file));
    }

    /** A 302 from {@code path} to {@code target}, with the short HTML body servers usually send. */
    public String redirect(String path, String target) {
        byte[] body = ("<a href=\"" + target + "\">Found</a>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return serve(path, new Route(body, 302, "text/html", Map.of("Location", target), -1, 0, false, 0, -1));
    }

    /** Requests seen so far, as "path" or "path Range-header". */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
