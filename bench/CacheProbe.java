import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Does a ClickHouse query leave the CPU caches cold for the client that asked it? Sends one query over a raw
 * keep-alive socket in a loop; after each answer it times a fixed piece of work over a working set of KB
 * kilobytes (random reads and writes, as a request's path through a service is), then the same work again at
 * once. The first run pays for whatever ClickHouse evicted; the second runs warm. ClickHouse leaves no work
 * on the cores after its last byte, so the difference is the caches. SETTINGS "sleep=MS" sends no query and sleeps
 * instead: the baseline of a client that merely waits that long.
 * Run by bench/cache-probe.sh: java bench/CacheProbe.java BASIC_AUTH SECONDS SETTINGS KB < query.sql
 */
public class CacheProbe {

    static final int ITERATIONS = 100_000;
    static long sink;

    static void work(int[] memory) {
        long x = 1;
        int mask = memory.length - 1;
        for (int i = 0; i < ITERATIONS; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            memory[(int) (x >>> 40) & mask] += i;
        }
        sink += x;
    }

    public static void main(String[] args) throws Exception {
        byte[] sql = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        long seconds = Long.parseLong(args[1]);
        int[] memory = new int[Integer.parseInt(args[3]) * 256]; // a power of two: KB * 1024 / 4 bytes
        long sleep = args[2].startsWith("sleep=") ? Long.parseLong(args[2].substring(6)) : 0;
        byte[] head = ("POST /?" + args[2] + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-ClickHouse-Database: games\r\n"
                + "Authorization: Basic " + args[0] + "\r\nContent-Length: " + sql.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20_000; i++) {
            work(memory); // compiled before anything is timed
        }
        List<Long> query = new ArrayList<>(), cold = new ArrayList<>(), warm = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", Integer.getInteger("port", 8123))) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep);
                } else {
                    out.write(head);
                    out.write(sql);
                    out.flush();
                    readChunkedAnswer(in);
                }
                long t1 = System.nanoTime();
                work(memory);
                long t2 = System.nanoTime();
                work(memory);
                long t3 = System.nanoTime();
                query.add(t1 - t0);
                cold.add(t2 - t1);
                warm.add(t3 - t2);
            }
        }
        System.out.printf("%d waits, p50 %.3f ms | the work right after the answer %.3f ms, again at once %.3f ms%n",
                query.size(), p50(query), p50(cold), p50(warm));
    }

    /** Reads until the chunked body's last chunk; only the status line is checked (an error must not be timed). */
    static void readChunkedAnswer(InputStream in) throws Exception {
        byte[] buffer = new byte[65536];
        byte[] tail = new byte[7];
        byte[] end = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        boolean first = true;
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new EOFException("ClickHouse closed the connection");
            }
            if (first && !new String(buffer, 0, Math.min(n, 12), StandardCharsets.US_ASCII).equals("HTTP/1.1 200")) {
                throw new IllegalStateException(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            first = false;
            for (int i = Math.max(0, n - 7); i < n; i++) { // the last 7 bytes, whichever reads they came in
                System.arraycopy(tail, 1, tail, 0, 6);
                tail[6] = buffer[i];
            }
            if (Arrays.equals(tail, end)) {
                return;
            }
        }
    }

    static double p50(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }
}
