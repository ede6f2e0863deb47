package games.analytics.query.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The max_threads rule on its own; GamesReaderThreadsTest shows ClickHouse receiving it. */
class QueryThreadsTest {

    static QueryThreads threads(int parallelQueries) {
        return new QueryThreads(new QueryLimits(30, 100, 100, parallelQueries));
    }

    @Test
    void aLoneScanKeepsTheServerDefaultAndOverlappingOnesGetOneThread() {
        QueryThreads threads = threads(1);
        assertEquals(QueryThreads.SERVER_DEFAULT, threads.acquire(false));
        assertEquals(1, threads.acquire(false));
        assertEquals(1, threads.acquire(false));
        threads.release();
        threads.release();
        threads.release();
        assertEquals(0, threads.running());
        assertEquals(QueryThreads.SERVER_DEFAULT, threads.acquire(false));
    }

    @Test
    void aKeyLookupAlwaysGetsOneThreadAndCountsAsRunning() {
        QueryThreads threads = threads(1);
        assertEquals(1, threads.acquire(true));
        assertEquals(1, threads.acquire(false));
        assertEquals(2, threads.running());
    }

    @Test
    void theLimitIsConfigurable() {
        QueryThreads two = threads(2);
        assertEquals(QueryThreads.SERVER_DEFAULT, two.acquire(false));
        assertEquals(QueryThreads.SERVER_DEFAULT, two.acquire(false));
        assertEquals(1, two.acquire(false));
        assertEquals(1, threads(0).acquire(false));
        assertThrows(IllegalArgumentException.class, () -> threads(-1));
    }

    @Test
    void concurrentQueriesNeverLoseCount() throws Exception {
        QueryThreads threads = threads(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger defaults = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        if (threads.acquire(i % 3 == 0) == QueryThreads.SERVER_DEFAULT) {
                            defaults.incrementAndGet();
                        }
                        threads.release();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(0, threads.running());
        assertEquals(true, defaults.get() > 0); // some ran alone
    }
}
