package games.analytics.query.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import games.analytics.clickhouse.ClickHouseConnection;
import games.analytics.clickhouse.ClickHouseFailure;
import games.analytics.clickhouse.ClickHouseProblems;
import games.analytics.model.GamesTable;
import games.analytics.model.Sql;
import games.analytics.query.sql.Source;
import games.analytics.query.sql.Statement;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The query-service's ClickHouse access: which table is current, and streamed SELECTs against it. */
@Singleton
public class GamesReader {

    /**
     * Current releases print a Decimal(12, 2) of 2.50 as 2.5 and 0.00 as 0 unless this is set; 18.16 always prints the
     * scale's digits and refuses the setting as unknown. Set where the server has it, so that both answer alike
     * (VersionParityTest).
     */
    public static final String DECIMAL_TRAILING_ZEROS = "output_format_decimal_trailing_zeros";
    /** What a server that has {@link #DECIMAL_TRAILING_ZEROS} is sent with every query, so its text is 18.16's. */
    public static final Map<String, String> SAME_TEXT_AS_18_16 = Map.of(DECIMAL_TRAILING_ZEROS, "1");
    /**
     * Servers with this setting (25.4+) read the other columns of an {@code ORDER BY ... LIMIT} only for the rows it
     * keeps, and read key-ordered pages in order: a page's keys-first form is slower there (docs/data-layout.md).
     */
    public static final String LAZY_MATERIALIZATION = "query_plan_optimize_lazy_materialization";
    private static final long CACHE_NANOS = 1_000_000_000L;

    private final Client client;
    private final String database;
    private final boolean clustered;
    private final QueryLimits limits;
    private final QueryThreads threads;
    private final AtomicReference<CurrentTable> current = new AtomicReference<>();
    private volatile Set<String> serverSettings; // which of the settings above the server has, asked once
    /**
     * Where queries start: client-v2 answers synchronously and may wait for a pooled connection, so not on an event
     * loop (one waiting query stalled every request), and not on the scheduler the results are read on either: when
     * waiting queries took all of its threads, the streams holding the connections could not finish (a deadlock
     * that 48 concurrent exports reproduce). One thread per pooled connection; more queries wait in line.
     */
    private final Scheduler queries;

    GamesReader(Client client, ClickHouseConnection connection, QueryLimits limits, QueryThreads threads) {
        this.client = client;
        this.database = connection.database();
        this.clustered = connection.clustered();
        this.limits = limits;
        this.threads = threads;
        this.queries = Schedulers.newBoundedElastic(connection.maxConnections(), 100_000, "clickhouse-query");
    }

    @PreDestroy
    void close() {
        queries.dispose();
    }

    public String database() {
        return database;
    }

    /** What statements on the data table {@code table} read: on a cluster, its Distributed table and local tables. */
    public Source source(String table) {
        return Source.of(database, table, clustered);
    }

    /**
     * The table the newest successful ingestion published; empty before the first one. Remembered for a
     * second to save a round trip per request; a replace drops the old table right after the flip, and a
     * query that then meets a missing table forgets this and reads the pointer again.
     */
    public Mono<String> currentTable() {
        CurrentTable cached = current.get();
        if (cached != null && System.nanoTime() < cached.expiresAt()) {
            return Mono.just(cached.name());
        }
        return text(new Statement(GamesTable.selectCurrentTable(database), true, 0, true)) // the pointer table is a few rows
                .filter(name -> !name.isEmpty())
                .doOnNext(name -> current.set(new CurrentTable(name, System.nanoTime() + CACHE_NANOS)))
                .onErrorResume(GamesReader::isUnknownTable, e -> Mono.empty()); // no ingestion has migrated yet
    }

    public void forgetCurrentTable() {
        current.set(null);
    }

    private record CurrentTable(String name, long expiresAt) {
    }

    /**
     * Starts a TSV SELECT under the configured guards, as the statement says (waiting for its end, a key lookup); the
     * caller reads and closes the answer, which releases its connection.
     */
    public Mono<InputStream> stream(Statement statement) {
        // an answer that arrives after the request was cancelled (the client went away) is closed, not left holding a
        // connection: fromCallable discards it, while fromFuture silently drops a value that completes after a cancel
        return Mono.fromCallable(() -> start(statement)).doOnDiscard(InputStream.class, GamesReader::closeQuietly)
                .subscribeOn(queries).onErrorMap(e -> isUnknownTable(e) ? e : ClickHouseFailure.ifClickHouse(e)); // unknown: the caller's
    }

    /** Sends the query (client-v2 answers on this thread), counted as running until its answer is closed or it fails. */
    private InputStream start(Statement statement) throws Exception {
        QuerySettings settings = new QuerySettings()
                .setFormat(ClickHouseFormat.TabSeparated) // and FORMAT in the SQL: 18.16 ignores this header
                .serverSetting("max_execution_time", Integer.toString(limits.maxExecutionTimeSeconds()))
                .serverSetting("max_result_rows", Long.toString(limits.maxResultRows()))
                .serverSetting("result_overflow_mode", "throw");
        if (statement.waitForEnd()) {
            settings.serverSetting("wait_end_of_query", "1");
        }
        if (serverSettings().contains(DECIMAL_TRAILING_ZEROS)) {
            SAME_TEXT_AS_18_16.forEach(settings::serverSetting);
        }
        if (statement.keyLookup()) {
            // the few granules a lookup reads are kept decompressed in ClickHouse's uncompressed cache: on two cores an
            // app_id lookup took 1.16 instead of 1.47 ms (docs/query-profile.md, 2026-11-23, code at e400d0d); scans gain nothing from it,
            // and leaving them out keeps them from evicting the lookups' blocks. Same answers, any version.
            settings.serverSetting("use_uncompressed_cache", "1");
        }
        int maxThreads = threads.acquire(statement.keyLookup());
        if (maxThreads != QueryThreads.SERVER_DEFAULT) {
            settings.serverSetting("max_threads", Integer.toString(maxThreads));
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                threads.release();
            }
        };
        try {
            return body(client.query(statement.sql(), settings).get(), release);
        } catch (ExecutionException e) {
            release.run();
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (Throwable e) {
            release.run();
            throw e;
        }
    }

    /** Whether the server reads lazily ({@link #LAZY_MATERIALIZATION}): asked once, on the query threads; then known at once. */
    public Mono<Boolean> readsLazily() {
        Set<String> known = serverSettings;
        if (known != null) {
            return Mono.just(known.contains(LAZY_MATERIALIZATION));
        }
        return Mono.fromCallable(() -> serverSettings().contains(LAZY_MATERIALIZATION)).subscribeOn(queries)
                .onErrorMap(ClickHouseFailure::ifClickHouse);
    }

    /** Which of the settings the service adapts to the server has; a failed look is asked again by the next query. */
    private Set<String> serverSettings() throws Exception {
        Set<String> known = serverSettings;
        if (known == null) {
            QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
            try (QueryResponse response = client.query("SELECT name FROM system.settings WHERE name IN ("
                    + Sql.string(DECIMAL_TRAILING_ZEROS) + ", " + Sql.string(LAZY_MATERIALIZATION) + ") FORMAT TabSeparated", settings).get()) {
                known = Set.copyOf(whole(response.getInputStream()).lines().toList());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            serverSettings = known;
        }
        return known;
    }

    /** The answer's body; closing it releases the response, its connection and its place among running queries. */
    private static InputStream body(QueryResponse response, Runnable release) {
        return new FilterInputStream(response.getInputStream()) {
            @Override
            public void close() throws IOException {
                try (response) {
                    super.close();
                } catch (Exception e) {
                    throw e instanceof IOException io ? io : new IOException(e);
                } finally {
                    release.run();
                }
            }
        };
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the request is gone; nothing to tell
        }
    }

    /** A single number, e.g. count(). */
    public Mono<Long> number(Statement statement) {
        return text(statement).map(Long::parseLong);
    }

    /** The lines of a small, finished answer (an answer of no rows has none), read where it arrived. */
    public Mono<List<String>> lines(Statement statement) {
        return stream(statement).map(body -> {
            try (body) {
                return new String(body.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            } catch (IOException e) {
                throw new IllegalStateException("reading a ClickHouse answer: " + e.getMessage(), e);
            }
        });
    }

    /** The whole (small, single-value, finished) answer as trimmed text. */
    private Mono<String> text(Statement statement) {
        return lines(statement).map(lines -> String.join("\n", lines).strip());
    }

    /** A small single-value answer, read to its end, as trimmed text. */
    private static String whole(InputStream body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    /** ClickHouse's exception text met at the end of an answer, as the client should see it ({@link ClickHouseProblems}). */
    public static Throwable failedLate(String clickHouseText) {
        return ClickHouseFailure.of(new ServerException(0, clickHouseText, 500, null));
    }

    public static boolean isUnknownTable(Throwable e) {
        return ClickHouseProblems.code(e) == ClickHouseProblems.UNKNOWN_TABLE;
    }
}
