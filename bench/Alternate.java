import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One connection to each of two endpoints, their requests alternated one by one (who goes first swaps every pair), so
 * that both see the same machine: on a shared VM the speed drifts by ~1.5x within seconds, which slices of seconds
 * (wrk's) put on one side or the other. Keep-alive HTTP/1.1 as wrk sends it; the whole answer is read (length or
 * chunked). Prints one line per endpoint in load-benchmark.sh's format: p50_ms p99_ms req_s errors transfer_MB_s,
 * where req/s and MB/s (every byte read, headers too, as wrk counts) are those of the endpoint's own busy time: what it
 * would do alone on one connection.
 * Usage: java bench/Alternate.java SECONDS URL_A "HEADER_A" URL_B "HEADER_B"
 */
public class Alternate {

    /** One endpoint on its own keep-alive connection, and what its answers took. */
    static final class Side {
        final URI uri;
        final byte[] request;
        final List<Long> nanos = new ArrayList<>();
        long bytes;
        int errors;
        Socket socket;
        InputStream in;
        OutputStream out;

        Side(String url, String header) {
            uri = URI.create(url);
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            request = ("GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n" + header + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
        }

        void call() throws IOException {
            if (socket == null) { // first call, or after an error: a fresh connection, as wrk reconnects
                socket = new Socket(uri.getHost(), uri.getPort());
                socket.setTcpNoDelay(true);
                in = new BufferedInputStream(socket.getInputStream(), 65536);
                out = socket.getOutputStream();
            }
            long start = System.nanoTime();
            try {
                out.write(request);
                out.flush();
                boolean ok = answer();
                nanos.add(System.nanoTime() - start);
                errors += ok ? 0 : 1;
            } catch (IOException e) {
                errors++;
                socket.close();
                socket = null;
            }
        }

        /** Reads one whole answer; whether its status was 2xx. */
        boolean answer() throws IOException {
            boolean ok = line().matches("HTTP/1\\.1 2\\d\\d.*");
            long length = 0;
            boolean chunked = false;
            for (String header; !(header = line()).isEmpty(); ) {
                String h = header.toLowerCase(Locale.ROOT);
                if (h.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).trim());
                } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                    chunked = true;
                }
            }
            if (!chunked) {
                skip(length);
                return ok;
            }
            for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; line()) {
                skip(size);
            }
            while (!line().isEmpty()) { // trailers
            }
            return ok;
        }

        void skip(long n) throws IOException {
            in.skipNBytes(n);
            bytes += n;
        }

        String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; bytes++) {
                if (c < 0) {
                    throw new EOFException();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            bytes++; // the newline
            return line.toString();
        }

        String figures() {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            double busySeconds = sorted.stream().mapToLong(Long::longValue).sum() / 1e9;
            return String.format(Locale.ROOT, "%.3f %.3f %.1f %d %.4f", at(sorted, 0.50), at(sorted, 0.99),
                    sorted.size() / busySeconds, errors, bytes / busySeconds / 1048576);
        }

        static double at(List<Long> sorted, double quantile) {
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        Side a = new Side(args[1], args[2]);
        Side b = new Side(args[3], args[4]);
        long end = System.nanoTime() + (long) (Double.parseDouble(args[0]) * 1e9);
        for (boolean aFirst = true; System.nanoTime() < end; aFirst = !aFirst) {
            (aFirst ? a : b).call();
            (aFirst ? b : a).call();
        }
        System.out.println(a.figures());
        System.out.println(b.figures());
    }
}
