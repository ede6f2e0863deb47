package games.analytics.ingest.store;

import games.analytics.ingest.job.IngestMode;
import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import games.analytics.model.Sql;
import games.analytics.model.TabSeparated;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * Jobs survive restarts in ClickHouse: every state change appends a snapshot row to a
 * ReplacingMergeTree keyed by id, and reads take the newest version of each ({@code FINAL}).
 */
@Singleton
public class JobStore {

    static final String TABLE = "ingestion_jobs";
    private static final String COLUMNS = "id, version, url, mode, status, bytes_read, bytes_total, rows_read, rows_inserted,"
            + " rows_rejected, max_reject_ratio, created_at, started_at, finished_at, error, ignored_columns, notes, attempt";

    private final GamesStore store;
    private final AtomicLong lastVersion = new AtomicLong();

    JobStore(GamesStore store) {
        this.store = store;
    }

    public Mono<Void> migrate() {
        return store.execute("CREATE TABLE IF NOT EXISTS " + Sql.table(store.database(), TABLE) + " (\n"
                + "    id String, version UInt64, url String, mode String, status String,\n"
                + "    bytes_read UInt64, bytes_total Nullable(UInt64), rows_read UInt64, rows_inserted UInt64, rows_rejected UInt64,\n"
                + "    max_reject_ratio Float64, created_at String, started_at String, finished_at String, error String,\n"
                + "    ignored_columns Array(String), notes Array(String), attempt UInt16\n"
                + ") ENGINE = ReplacingMergeTree(version) ORDER BY id");
    }

    public Mono<Void> save(IngestionView v, int attempt) {
        // versions only grow, also across restarts: wall-clock microseconds, bumped past the last one
        long version = lastVersion.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() * 1000));
        String row = String.join(", ", Sql.string(v.id()), Sql.integer(version), Sql.string(v.url()), Sql.string(v.mode().name()),
                Sql.string(v.status().name()), Sql.integer(v.bytesRead()), v.bytesTotal() == null ? "NULL" : Sql.integer(v.bytesTotal()),
                Sql.integer(v.rowsRead()), Sql.integer(v.rowsInserted()), Sql.integer(v.rowsRejected()),
                Double.toString(v.maxRejectRatio()), instant(v.createdAt()), instant(v.startedAt()), instant(v.finishedAt()),
                Sql.string(v.error() == null ? "" : v.error()), array(v.ignoredColumns()), array(v.notes()), Sql.integer(attempt));
        return store.execute("INSERT INTO " + Sql.table(store.database(), TABLE) + " (" + COLUMNS + ") VALUES (" + row + ")");
    }

    /** Every stored job, newest first. */
    public Mono<List<Stored>> all() {
        return store.lines("SELECT " + COLUMNS + " FROM " + Sql.table(store.database(), TABLE)
                + " FINAL ORDER BY created_at DESC, id FORMAT TabSeparated").map(lines -> lines.stream().map(JobStore::parse).toList());
    }

    /** A job as stored, with the attempt its rejects belong to. */
    public record Stored(IngestionView view, int attempt) {
    }

    private static Stored parse(String line) {
        String[] f = TabSeparated.split(line, 18);
        IngestionView view = new IngestionView(f[0], TabSeparated.unescape(f[2]), IngestMode.valueOf(f[3]), IngestionStatus.valueOf(f[4]),
                Long.parseLong(f[5]), f[6].equals(TabSeparated.NULL) ? null : Long.parseLong(f[6]), Long.parseLong(f[7]),
                Long.parseLong(f[8]), Long.parseLong(f[9]), Double.parseDouble(f[10]), null, null, null,
                Instant.parse(f[11]), optionalInstant(f[12]), optionalInstant(f[13]), f[14].isEmpty() ? null : TabSeparated.unescape(f[14]),
                TabSeparated.parseArray(f[15]), TabSeparated.parseArray(f[16]));
        return new Stored(view, Integer.parseInt(f[17]));
    }

    /** The stored job marked failed with {@code reason}: for jobs that were running when the service stopped. */
    public static IngestionView failed(IngestionView v, String reason) {
        return new IngestionView(v.id(), v.url(), v.mode(), IngestionStatus.failed, v.bytesRead(), v.bytesTotal(), v.rowsRead(),
                v.rowsInserted(), v.rowsRejected(), v.maxRejectRatio(), null, null, null, v.createdAt(), v.startedAt(), Instant.now(),
                reason, v.ignoredColumns(), v.notes());
    }

    private static String instant(Instant instant) {
        return Sql.string(instant == null ? "" : instant.toString());
    }

    private static Instant optionalInstant(String text) {
        return text.isEmpty() ? null : Instant.parse(text);
    }

    private static String array(List<String> items) {
        return "[" + items.stream().map(Sql::string).collect(Collectors.joining(", ")) + "]";
    }
}
