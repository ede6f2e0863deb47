package games.analytics.query.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.clickhouse.client.api.Client;
import games.analytics.clickhouse.ClickHouseConnection;
import games.analytics.testing.ClickHouseServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.Disposable;

/**
 * The max_threads each query carries, as the real ClickHouse sees it (its system.settings answers with the query's own
 * settings), sent as the deployment's read-only user; and that every way a query ends gives its place back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GamesReaderThreadsTest {

    static final String MAX_THREADS = "SELECT value FROM system.settings WHERE name = 'max_threads' FORMAT TabSeparated";

    final ClickHouseServer ch = ClickHouseServer.get();
    final ClickHouseServer.Credentials user = ch.queryUser();
    final ClickHouseConnection connection = new ClickHouseConnection(ch.url(), user.user(), user.password(), ClickHouseServer.SERVICE_DATABASE, 4);
    final Client client = connection.newClient(30);
    final QueryLimits limits = new QueryLimits(30, 1_000_000, 1000, 1);
    final QueryThreads threads = new QueryThreads(limits);
    final GamesReader reader = new GamesReader(client, connection, limits, threads);
    /** What a query without our setting gets (e.g. 2, or 'auto(2)' on current releases). */
    final String serverDefault = ch.sql(MAX_THREADS).strip();

    @AfterAll
    void close() {
        reader.close();
        client.close();
    }

    String maxThreads(boolean keyLookup) throws IOException {
        try (InputStream body = reader.stream(MAX_THREADS, true, keyLookup).block()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void aLoneScanGetsTheServerDefaultAndAKeyLookupOneThread() throws IOException {
        assertNotEquals("1", serverDefault, "this test needs a server whose default is not one thread");
        assertEquals(serverDefault, maxThreads(false));
        assertEquals("1", maxThreads(true));
        assertEquals(0, threads.running());
    }

    @Test
    void aQueryStartedWhileAnotherIsOpenGetsOneThreadUntilThatOneCloses() throws IOException {
        InputStream open = reader.stream(MAX_THREADS, true, false).block();
        try {
            assertEquals(1, threads.running());
            assertEquals("1", maxThreads(false));
        } finally {
            open.close();
            open.close(); // a second close gives nothing back twice
        }
        assertEquals(0, threads.running());
        assertEquals(serverDefault, maxThreads(false));
    }

    @Test
    void aFailedQueryGivesItsPlaceBack() {
        assertThrows(RuntimeException.class, () -> reader.stream("SELECT no_such_column FROM system.one FORMAT TabSeparated", true, false).block());
        assertThrows(RuntimeException.class, () -> reader.stream("SELECT ((( FORMAT TabSeparated", false, true).block());
        assertEquals(0, threads.running());
    }

    @Test
    void answersArrivingAfterTheClientWentAwayAreClosedSoThePoolNeverRunsDry() throws Exception {
        // more cancelled requests than the pool has connections (4), each cancelled while ClickHouse still works on
        // it: an answer left unclosed would hold its connection, and the next query would wait a minute for one
        for (int i = 0; i < 6; i++) {
            Disposable request = reader.stream("SELECT sleep(0.5) FORMAT TabSeparated", true, false).subscribe();
            Thread.sleep(100);
            assertEquals(1, threads.running());
            request.dispose();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (threads.running() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, threads.running());
        try (InputStream body = reader.stream(MAX_THREADS, true, false).block(Duration.ofSeconds(10))) {
            assertEquals(serverDefault, new String(body.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }
}
