package games.analytics.ingest.store;

import games.analytics.ingest.job.FileVersion;
import games.analytics.ingest.job.IngestMode;
import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import games.analytics.model.Sql;
import games.analytics.model.TabSeparated;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Jobs survive restarts in ClickHouse: every state change appends a snapshot row to a
 * ReplacingMergeTree keyed by id, and reads take the newest version of each ({@code FINAL}).
 * {@link #COLUMNS} is the one mapping between a job and its row: the DDL, the INSERT, the SELECT and the
 * reading all go by its column names.
 */
@Singleton
public class JobStore {

    static final String TABLE = "ingestion_jobs";
    private static final String IDEMPOTENCY_KEY = "idempotency_key";

    /** A job's state as one row: the view, its attempt and the row's version. */
    private record Snapshot(IngestionView view, int attempt, long version) {
    }

    /** One column of the jobs table: its ClickHouse type and the SQL literal of a snapshot's value. */
    private record JobColumn(String name, String type, Function<Snapshot, String> literal) {
    }

    private static final List<JobColumn> COLUMNS = List.of(
            new JobColumn("id", "String", s -> Sql.string(s.view().id())),
            new JobColumn("version", "UInt64", s -> Sql.integer(s.version())),
            new JobColumn("url", "String", s -> Sql.string(s.view().url())),
            new JobColumn("mode", "String", s -> Sql.string(s.view().mode().name())),
            new JobColumn("status", "String", s -> Sql.string(s.view().status().name())),
            new JobColumn("bytes_read", "UInt64", s -> Sql.integer(s.view().bytesRead())),
            new JobColumn("bytes_total", "Nullable(UInt64)", s -> s.view().bytesTotal() == null ? "NULL" : Sql.integer(s.view().bytesTotal())),
            new JobColumn("rows_read", "UInt64", s -> Sql.integer(s.view().rowsRead())),
            new JobColumn("rows_inserted", "UInt64", s -> Sql.integer(s.view().rowsInserted())),
            new JobColumn("rows_rejected", "UInt64", s -> Sql.integer(s.view().rowsRejected())),
            new JobColumn("max_reject_ratio", "Float64", s -> Sql.float64(s.view().maxRejectRatio())),
            new JobColumn("created_at", "String", s -> instant(s.view().createdAt())),
            new JobColumn("started_at", "String", s -> instant(s.view().startedAt())),
            new JobColumn("finished_at", "String", s -> instant(s.view().finishedAt())),
            new JobColumn("error", "String", s -> Sql.string(s.view().error() == null ? "" : s.view().error())),
            new JobColumn("ignored_columns", "Array(String)", s -> array(s.view().ignoredColumns())),
            new JobColumn("notes", "Array(String)", s -> array(s.view().notes())),
            new JobColumn("attempt", "UInt16", s -> Sql.integer(s.attempt())),
            new JobColumn(IDEMPOTENCY_KEY, "String", s -> Sql.string(s.view().idempotencyKey() == null ? "" : s.view().idempotencyKey())),
            new JobColumn("if_changed", "UInt8", s -> s.view().ifChanged() ? "1" : "0"),
            new JobColumn("etag", "String", s -> Sql.string(file(s).etag() == null ? "" : file(s).etag())),
            new JobColumn("last_modified", "String", s -> Sql.string(file(s).lastModified() == null ? "" : file(s).lastModified())),
            new JobColumn("content_sha256", "String", s -> Sql.string(file(s).sha256() == null ? "" : file(s).sha256())));

    private static final FileVersion NO_FILE = new FileVersion(null, null, null);

    private static FileVersion file(Snapshot s) {
        return s.view().file() == null ? NO_FILE : s.view().file();
    }
    private static final String NAMES = COLUMNS.stream().map(JobColumn::name).collect(Collectors.joining(", "));

    private final GamesStore store;
    private final AtomicLong lastVersion = new AtomicLong();

    JobStore(GamesStore store) {
        this.store = store;
    }

    public void migrate() {
        String columns = COLUMNS.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));
        store.createOwnTable(TABLE, columns, "ReplacingMergeTree", "version", "ORDER BY id");
        // a table made before jobs kept a column gets it (empty or 0 for the jobs it holds)
        List<String> present = store.lines("SELECT name FROM system.columns WHERE database = " + Sql.string(store.database())
                + " AND table = " + Sql.string(TABLE) + " FORMAT TabSeparated");
        for (JobColumn column : COLUMNS) {
            if (!present.contains(column.name())) {
                store.execute("ALTER TABLE " + Sql.table(store.database(), TABLE) + " ADD COLUMN " + column.name() + " " + column.type());
            }
        }
    }

    /** The newest job made since {@code since} by a request with Idempotency-Key {@code key}. */
    public Optional<Stored> byIdempotencyKey(String key, Instant since) {
        return store.lines(select() + " WHERE " + IDEMPOTENCY_KEY + " = " + Sql.string(key) + " AND created_at >= "
                + Sql.string(TIME.format(since)) + " ORDER BY created_at DESC LIMIT 1 FORMAT TabSeparated").stream().findFirst().map(JobStore::parse);
    }

    public void save(IngestionView view, int attempt) {
        // versions only grow, also across restarts: wall-clock microseconds, bumped past the last one
        long version = lastVersion.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() * 1000));
        Snapshot snapshot = new Snapshot(view, attempt, version);
        String row = COLUMNS.stream().map(c -> c.literal().apply(snapshot)).collect(Collectors.joining(", "));
        store.execute("INSERT INTO " + Sql.table(store.database(), TABLE) + " (" + NAMES + ") VALUES (" + row + ")");
    }

    /**
     * Up to {@code limit} stored jobs after {@code after} (null: from the newest), newest first, and the cursor of the
     * next page. Every version of a job has the same id and creation time, so filtering on them is right whether the
     * server applies the filter before or after {@code FINAL} picks each job's newest version.
     */
    public Page page(int limit, JobCursor after) {
        String where = after == null ? "" : " WHERE created_at < " + Sql.string(after.createdAt()) + " OR (created_at = "
                + Sql.string(after.createdAt()) + " AND id < " + Sql.string(after.id()) + ")";
        List<String> lines = store.lines(select() + where + " ORDER BY created_at DESC, id DESC LIMIT " + (limit + 1) + " FORMAT TabSeparated");
        List<Stored> jobs = lines.stream().limit(limit).map(JobStore::parse).toList();
        return new Page(jobs, lines.size() > limit ? cursorOf(jobs.getLast()) : null);
    }

    /** Jobs of one page and where the next one starts (null after the last). */
    public record Page(List<Stored> jobs, JobCursor next) {
    }

    /** One job by id (the table's key). */
    public Optional<Stored> byId(String id) {
        return store.lines(select() + " WHERE id = " + Sql.string(id) + " LIMIT 1 FORMAT TabSeparated").stream().findFirst().map(JobStore::parse);
    }

    /**
     * Jobs whose newest version is queued or running, at most {@code limit}: the status differs between versions, so
     * it is read per id with argMax rather than filtered next to {@code FINAL}.
     */
    public List<Stored> unfinished(int limit) {
        return store.lines(select() + " WHERE id IN (SELECT id FROM " + Sql.table(store.database(), TABLE)
                + " GROUP BY id HAVING argMax(status, version) IN ('queued', 'running')) LIMIT " + limit + " FORMAT TabSeparated")
                .stream().map(JobStore::parse).toList();
    }

    /**
     * Up to {@code limit} jobs created before {@code before}, oldest first, after {@code after} (null: from the oldest):
     * a walk by keyset, so rows whose deletion is still running are not read twice.
     */
    public List<JobCursor> createdBefore(Instant before, JobCursor after, int limit) {
        String from = after == null ? "" : " AND (created_at > " + Sql.string(after.createdAt()) + " OR (created_at = "
                + Sql.string(after.createdAt()) + " AND id > " + Sql.string(after.id()) + "))";
        return store.lines("SELECT DISTINCT created_at, id FROM " + Sql.table(store.database(), TABLE) + " WHERE created_at < "
                        + Sql.string(TIME.format(before)) + from + " ORDER BY created_at, id LIMIT " + limit + " FORMAT TabSeparated")
                .stream().map(line -> line.split("\t")).map(f -> new JobCursor(f[0], f[1])).toList();
    }

    /** Deletes these jobs' rows (a mutation: ClickHouse rewrites the parts in the background). */
    public void delete(List<String> ids) {
        store.execute("ALTER TABLE " + Sql.table(store.database(), TABLE) + " DELETE WHERE id IN ("
                + ids.stream().map(Sql::string).collect(Collectors.joining(", ")) + ")");
    }

    private String select() {
        return "SELECT " + NAMES + " FROM " + Sql.table(store.database(), TABLE) + " FINAL";
    }

    private static JobCursor cursorOf(Stored job) {
        return new JobCursor(TIME.format(job.view().createdAt()), job.view().id());
    }

    /** A job as stored, with the attempt its rejects belong to. */
    public record Stored(IngestionView view, int attempt) {
    }

    private static Stored parse(String line) {
        String[] fields = TabSeparated.split(line, COLUMNS.size());
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < fields.length; i++) {
            row.put(COLUMNS.get(i).name(), fields[i]);
        }
        String bytesTotal = row.get("bytes_total");
        String error = TabSeparated.unescape(row.get("error"));
        IngestionView view = new IngestionView(row.get("id"), TabSeparated.unescape(row.get("url")), IngestMode.valueOf(row.get("mode")),
                IngestionStatus.valueOf(row.get("status")), Long.parseLong(row.get("bytes_read")),
                bytesTotal.equals(TabSeparated.NULL) ? null : Long.parseLong(bytesTotal), Long.parseLong(row.get("rows_read")),
                Long.parseLong(row.get("rows_inserted")), Long.parseLong(row.get("rows_rejected")),
                Double.parseDouble(row.get("max_reject_ratio")), null, null, null, Instant.parse(row.get("created_at")),
                optionalInstant(row.get("started_at")), optionalInstant(row.get("finished_at")), error.isEmpty() ? null : error,
                TabSeparated.parseArray(row.get("ignored_columns")), TabSeparated.parseArray(row.get("notes")),
                row.get(IDEMPOTENCY_KEY).isEmpty() ? null : TabSeparated.unescape(row.get(IDEMPOTENCY_KEY)),
                row.get("if_changed").equals("1"), fileVersion(row));
        return new Stored(view, Integer.parseInt(row.get("attempt")));
    }

    private static FileVersion fileVersion(Map<String, String> row) {
        String etag = TabSeparated.unescape(row.get("etag"));
        String lastModified = TabSeparated.unescape(row.get("last_modified"));
        String sha256 = row.get("content_sha256");
        if (etag.isEmpty() && lastModified.isEmpty() && sha256.isEmpty()) {
            return null;
        }
        return new FileVersion(etag.isEmpty() ? null : etag, lastModified.isEmpty() ? null : lastModified, sha256.isEmpty() ? null : sha256);
    }

    /** The stored job marked failed with {@code reason}: for jobs that were running when the service stopped. */
    public static IngestionView failed(IngestionView v, String reason) {
        return new IngestionView(v.id(), v.url(), v.mode(), IngestionStatus.failed, v.bytesRead(), v.bytesTotal(), v.rowsRead(),
                v.rowsInserted(), v.rowsRejected(), v.maxRejectRatio(), null, null, null, v.createdAt(), v.startedAt(), Instant.now(),
                reason, v.ignoredColumns(), v.notes(), v.idempotencyKey(), v.ifChanged(), v.file());
    }

    /** Times as fixed-width text (microseconds, UTC), so text order is time order; Instant.parse reads it. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static String instant(Instant instant) {
        return Sql.string(instant == null ? "" : TIME.format(instant));
    }

    private static Instant optionalInstant(String text) {
        return text.isEmpty() ? null : Instant.parse(text);
    }

    private static String array(List<String> items) {
        return "[" + items.stream().map(Sql::string).collect(Collectors.joining(", ")) + "]";
    }
}
