package games.analytics.query.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.clickhouse.client.api.Client;
import games.analytics.clickhouse.ClickHouseConnection;
import games.analytics.clickhouse.ClickHouseFailure;
import games.analytics.query.sql.Statement;
import games.analytics.testing.ClickHouseServer;
import io.micronaut.http.HttpStatus;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pooled connection that the server closed while it sat idle must not fail the next query. ClickHouse closes idle
 * keep-alive connections after its keep_alive_timeout, while client-v2 checks a pooled connection only after 5 s idle:
 * a query sent on one closed sooner went unanswered (NoHttpResponseException) and the analyst got a 500. Between the
 * reader and the real ClickHouse sits a proxy that closes connections idle for 0.5 s, and each query waits until the
 * proxy has closed the connection the one before it used.
 */
class DroppedConnectionTest {

    static final Duration SERVER_IDLE_CLOSE = Duration.ofMillis(500);
    static final String QUERY = "SELECT 41 + 1 FORMAT TabSeparated";

    final ClickHouseServer ch = ClickHouseServer.get();
    IdleClosingProxy proxy;

    @BeforeEach
    void start() throws Exception {
        proxy = new IdleClosingProxy(ch.url(), SERVER_IDLE_CLOSE);
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
    }

    @Test
    void aConnectionIdleLongerThanTheKeepAliveIsNotReused() throws Exception {
        assertQueriesAfterQuiet(Duration.ofMillis(250), false);
    }

    @Test
    void aQueryWhoseConnectionClosedUnansweredIsSentAgain() throws Exception {
        assertQueriesAfterQuiet(Duration.ofMinutes(1), true);
    }

    @Test
    void withNeitherTheQueryFailsAsClickHouseUnavailable() throws Exception {
        try (Reader r = new Reader(Duration.ofMinutes(1), false)) {
            assertEquals("42", r.ask());
            proxy.awaitClosed();
            ClickHouseFailure failure = assertInstanceOf(ClickHouseFailure.class, assertThrows(RuntimeException.class, r::ask));
            assertEquals(HttpStatus.SERVICE_UNAVAILABLE, failure.problem().httpStatus(), failure.getMessage());
            assertEquals(0, r.threads.running(), "the failed query gave its place back");
        }
    }

    /** Three queries answer, each sent after the proxy closed the connection the last one used. */
    private void assertQueriesAfterQuiet(Duration keepAlive, boolean resendUnanswered) throws Exception {
        try (Reader r = new Reader(keepAlive, resendUnanswered)) {
            for (int i = 0; i < 3; i++) {
                assertEquals("42", r.ask(), "query " + i);
                proxy.awaitClosed();
            }
            assertEquals(0, r.threads.running());
        }
    }

    /** A GamesReader with its own client through the proxy, as the query-service's user. */
    private final class Reader implements AutoCloseable {
        final QueryLimits limits = new QueryLimits(30, 1000, 1000, 1);
        final QueryThreads threads = new QueryThreads(limits);
        final Client client;
        final GamesReader reader;

        Reader(Duration keepAlive, boolean resendUnanswered) {
            ClickHouseServer.Credentials user = ch.queryUser();
            ClickHouseConnection connection = new ClickHouseConnection(proxy.url(), user.user(), user.password(),
                    ClickHouseServer.SERVICE_DATABASE, 2);
            client = connection.newClient(30, keepAlive, resendUnanswered);
            reader = new GamesReader(client, connection, limits, threads);
        }

        String ask() throws Exception {
            try (InputStream answer = reader.stream(new Statement(QUERY, false, 0, true)).block()) {
                return new String(answer.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
        }

        @Override
        public void close() {
            reader.close();
            client.close();
        }
    }
}
