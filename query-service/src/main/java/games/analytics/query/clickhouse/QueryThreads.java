package games.analytics.query.clickhouse;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many threads ClickHouse may use for one query (its {@code max_threads}). Its default, one per core, speeds up
 * a lone scan but costs throughput once queries overlap on a small machine, and a primary-key lookup reads a granule
 * or two, where extra threads only add their start-up (measured in docs/query-profile.md: on two cores an app_id
 * lookup used 2.2 ms of ClickHouse's CPU with two threads and 1.4 ms with one; two to eight concurrent substring
 * scans served 15-28% more requests with one thread each, while a lone scan took 6.5 ms with two and 9.3 ms with
 * one). So: a key lookup runs on one thread; a query started while {@code query.parallel-queries} (default 1) of this
 * service's queries are running runs on one thread too; otherwise ClickHouse decides.
 */
@Singleton
public final class QueryThreads {

    /** Returned by {@link #acquire} when the query keeps ClickHouse's default. */
    public static final int SERVER_DEFAULT = 0;

    private final int parallelQueries;
    private final AtomicInteger running = new AtomicInteger();

    QueryThreads(QueryLimits limits) {
        if (limits.parallelQueries() < 0) {
            throw new IllegalArgumentException("query.parallel-queries must be 0 (never parallel) or more, got " + limits.parallelQueries());
        }
        this.parallelQueries = limits.parallelQueries();
    }

    /**
     * Counts a query as running from now until {@link #release}; returns its max_threads, or {@link #SERVER_DEFAULT}.
     *
     * @param keyLookup the query reads only the granules of a few app_ids
     */
    public int acquire(boolean keyLookup) {
        int others = running.getAndIncrement();
        return keyLookup || others >= parallelQueries ? 1 : SERVER_DEFAULT;
    }

    /** The query's answer is closed (or it failed): it no longer runs. */
    public void release() {
        running.decrementAndGet();
    }

    /** Queries acquired and not yet released. */
    public int running() {
        return running.get();
    }
}
