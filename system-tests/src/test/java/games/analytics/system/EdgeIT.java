package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway's edge against what no browser sends: malformed requests, slow headers, odd tokens. */
class EdgeIT {

    static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.get();
        stack.ingestSample();
    }

    /** A socket to the gateway from its own loopback address (the gateway limits per address). */
    static Socket connect(int lastOctet) throws IOException {
        URI gateway = URI.create(stack.gateway.url());
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0." + lastOctet), 0));
        socket.connect(new InetSocketAddress(gateway.getHost(), gateway.getPort()), 5000);
        return socket;
    }

    /** Sends raw bytes, reads the whole answer (the gateway closes after an error). */
    static String raw(byte[] request) throws IOException {
        try (Socket socket = connect(80)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void malformedRequestsAreProblemsFromAStaticBody() throws Exception {
        List<String> requests = List.of("GET /x%00y HTTP/1.1\r\nHost: a\r\n\r\n", "GET /% HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /ui/%2e%2e/%2e%2e/x HTTP/1.1\r\nHost: a\r\n\r\n", "G@T / HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET / HTTP/2.0\r\nHost: a\r\n\r\n", "GET / HTTP/1.1\r\n\r\n", "TRACE / HTTP/1.1\r\nHost: a\r\n\r\n", "garbage\r\n\r\n",
                "GET /a\u0001b HTTP/1.1\r\nHost: a\r\n\r\n", "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: a\r\n\r\n",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        for (String request : requests) {
            String answer = raw(request.getBytes(StandardCharsets.ISO_8859_1));
            String shown = request.substring(0, Math.min(40, request.length()));
            int status = Integer.parseInt(answer.substring(9, 12));
            assertTrue(status >= 400 && status < 500 || status == 501 || status == 505, shown + " -> " + answer);
            assertTrue(answer.contains("Content-Type: application/problem+json"), shown + " -> " + answer);
            assertTrue(answer.contains("\"detail\":\""), shown + " -> " + answer);
        }
        assertFalse(stack.gateway.errorLog().contains("empty URI in redirect"), stack.gateway.errorLog());
    }

    @Test
    void unfinishedHeadersAreCountedPerAddressAndCutWhileOthersAreServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                Socket socket = connect(81);
                socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: a\r\n".getBytes(StandardCharsets.ISO_8859_1));
                slow.add(socket);
            }
            HttpResponse<String> normal = Stack.send(Stack.client(82), "GET", stack.gateway.url() + "/health", null, null);
            assertEquals(200, normal.statusCode(), "served while one address holds connections with unfinished headers");
            List<Double> closedAfter = java.util.Collections.synchronizedList(new ArrayList<>());
            try (var waiters = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (Socket socket : slow) {
                    waiters.submit(() -> {
                        socket.setSoTimeout(30_000);
                        InputStream in = socket.getInputStream();
                        try {
                            while (in.read() >= 0) {
                                // the gateway may send a 408 before it closes; the event waited for is the close
                            }
                        } catch (java.net.SocketException reset) {
                            // closed by the front door at once: a reset is a close too
                        }
                        closedAfter.add((System.nanoTime() - start) / 1e9);
                        return null;
                    });
                }
            }
            long atOnce = closedAfter.stream().filter(seconds -> seconds < 5).count();
            assertTrue(atOnce >= 200 - 128, "beyond 128 connections from one address, the front door closes them at once: " + atOnce);
            double last = closedAfter.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertTrue(last < 20, "the held ones are cut by the 10 s header timeout (+ slack): " + last + " s");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void oddSubjectsReachTheLogBoundedAndEscapedAndLongTokensAreCached() throws Exception {
        Instant now = Instant.now();
        for (String subject : List.of("s".repeat(8000), "evil\r\nX-Injected: 1", "jos\u00e9")) {
            String token = TestTokens.signed(new JWTClaimsSet.Builder().subject(subject).claim("roles", List.of(Roles.ANALYST))
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build());
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> answer = Stack.send(Stack.client(83), "GET", stack.gateway.url() + "/api/v1/games?limit=1&fields=app_id",
                        "Bearer " + token, null);
                assertEquals(200, answer.statusCode(), subject.substring(0, Math.min(20, subject.length())) + ": " + answer.body());
            }
        }
        String log = stack.gateway.accessLog();
        assertTrue(log.contains("\"subject\":\"" + "s".repeat(256) + "...\""), "a long subject is cut in the log");
        assertTrue(log.contains("\"subject\":\"evil%0D%0AX-Injected: 1\""), "a CR/LF is escaped");
        assertTrue(log.contains("\"subject\":\"jos%C3%A9\""), "non-ASCII is percent-encoded UTF-8");
        assertFalse(stack.gateway.errorLog().contains("cache key"), "tokens of ~11 KiB fit the verdict cache: " + stack.gateway.errorLog());
        assertFalse(stack.query.log().contains("Invalid header value"), "the service never fails on a subject");
    }

    @Test
    void redirectsAreRelativeSoTheyHoldBehindHttps() throws Exception {
        HttpResponse<String> redirect = Stack.send(Stack.client(84), "GET", stack.gateway.url() + "/swagger-ui", null, null);
        assertEquals(301, redirect.statusCode());
        assertEquals("/swagger-ui/", redirect.headers().firstValue("Location").orElse(""));
    }
}
