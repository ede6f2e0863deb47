package games.analytics.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A real HTTP server on loopback that serves CSV bodies, like the public links users give us. */
public final class CsvFileServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final Map<String, Path> files = new ConcurrentHashMap<>();

    public CsvFileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = bodies.get(path);
            Path file = files.get(path);
            try (exchange) {
                if (body == null && file == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", "text/csv; charset=utf-8");
                long length = body != null ? body.length : Files.size(file);
                exchange.sendResponseHeaders(200, length);
                try (OutputStream out = exchange.getResponseBody()) {
                    if (body != null) {
                        out.write(body);
                    } else {
                        Files.copy(file, out);
                    }
                }
            }
        });
        server.start();
    }

    /** Serves the bytes at http://127.0.0.1:port/path and returns that URL. */
    public String serve(String path, byte[] body) {
        bodies.put(path, body);
        return url(path);
    }

    public String serve(String path, Path file) {
        files.put(path, file);
        return url(path);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
