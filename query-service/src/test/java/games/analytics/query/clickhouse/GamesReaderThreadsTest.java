package games.analytics.query.clickhouse;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import games.analytics.query.sql.Statement;
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

    static final String MAX_THREADS = setting("max_threads");
    static final String UNCOMPRESSED_CACHE = setting("use_uncompressed_cache");
    static final String SLOW = "SELECT sleep(0.5) AS slow_query_of_the_threads_test FORMAT TabSeparated";

    final ReaderUnderTest underTest = new ReaderUnderTest(4, 1_000_000);
    final ClickHouseServer ch = underTest.ch;
    final ClickHouseServer.Credentials user = underTest.user;
    final QueryThreads threads = underTest.threads;
    final GamesReader reader = underTest.reader;
    /** What a query without our setting gets (e.g. 2, or 'auto(2)' on current releases). */
    final String serverDefault = ch.sql(MAX_THREADS).strip();

    static String setting(String name) {
        return "SELECT value FROM system.settings WHERE name = '" + name + "' FORMAT TabSeparated";
    }

    @AfterAll
    void close() {
        underTest.close();
    }

    String maxThreads(boolean keyLookup) throws IOException {
        return answer(MAX_THREADS, keyLookup);
    }

    String answer(String sql, boolean keyLookup) throws IOException {
        try (InputStream body = reader.stream(new Statement(sql, keyLookup, 0, true)).block()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void aLoneScanGetsTheServerDefaultAndAKeyLookupOneThread() throws IOException {
        // 18.16's default is its count of physical cores: where it sees one, a lone scan and a lookup cannot differ
        org.junit.jupiter.api.Assumptions.assumeFalse("1".equals(serverDefault), "the server's default is one thread here");
        assertEquals(serverDefault, maxThreads(false));
        assertEquals("1", maxThreads(true));
        assertEquals(0, threads.running());
    }

    @Test
    void onlyAKeyLookupReadsThroughTheUncompressedCache() throws IOException {
        // what the read-only user gets without our setting (its profile's value, or the server's default)
        ClickHouseServer.Answer unset = ch.ask(user, UNCOMPRESSED_CACHE);
        assertEquals(200, unset.status(), unset.body());
        assertEquals("0", unset.body().strip(), "the games_query profile keeps scans out of the cache");
        assertEquals("1", answer(UNCOMPRESSED_CACHE, true));
        assertEquals(unset.body().strip(), answer(UNCOMPRESSED_CACHE, false));
    }

    @Test
    void aQueryStartedWhileAnotherIsOpenGetsOneThreadUntilThatOneCloses() throws IOException {
        InputStream open = reader.stream(new Statement(MAX_THREADS, false, 0, true)).block();
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
        assertThrows(RuntimeException.class, () -> reader.stream(new Statement("SELECT no_such_column FROM system.one FORMAT TabSeparated", false, 0, true)).block());
        assertThrows(RuntimeException.class, () -> reader.stream(new Statement("SELECT ((( FORMAT TabSeparated", true, 0, false)).block());
        assertEquals(0, threads.running());
    }

    @Test
    void answersArrivingAfterTheClientWentAwayAreClosedSoThePoolNeverRunsDry() throws Exception {
        // more cancelled requests than the pool has connections (4), each cancelled while ClickHouse still works on
        // it: an answer left unclosed would hold its connection, and the next query would wait a minute for one
        for (int i = 0; i < 6; i++) {
            awaitRunning(0);
            Disposable request = reader.stream(new Statement(SLOW, false, 0, true)).subscribe();
            awaitRunning(1);
            awaitInClickHouse(); // ClickHouse is working on it (sleeping half a second)
            request.dispose();
        }
        awaitRunning(0);
        try (InputStream body = reader.stream(new Statement(MAX_THREADS, false, 0, true)).block(Duration.ofSeconds(10))) {
            assertEquals(serverDefault, new String(body.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }

    /** Waits (up to 10 s) until exactly {@code n} queries count as running, and fails if they never do. */
    void awaitRunning(int n) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(threads::running, running -> running == n);
    }

    /** Waits (up to 10 s) until ClickHouse lists {@link #SLOW} among its running queries. */
    void awaitInClickHouse() {
        String running = "SELECT count() FROM system.processes WHERE query LIKE '%slow_query_of_the_threads_test%'"
                + " AND query NOT LIKE '%system.processes%' FORMAT TabSeparated";
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> ch.sql(running).strip(), "1"::equals);
    }
}
