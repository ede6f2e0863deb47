package games.analytics.ingest.store;

import games.analytics.ingest.job.IngestMode;
import games.analytics.ingest.job.Schedule;
import games.analytics.model.Sql;
import games.analytics.model.TabSeparated;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Schedules in ClickHouse, so they survive restarts and every instance of the service sees them: a ReplacingMergeTree
 * of snapshots by id, the newest version read. A deleted schedule keeps a row with {@code deleted = 1} and the largest
 * version there is, so no snapshot written after it (a run that was under way saving its job) outranks it: a merge keeps
 * the deleted row and drops the others. A due run is claimed by writing a snapshot naming the instance and the due time; the earliest claim
 * of a due time wins ({@link #winner}), so instances that saw the same due time agree on one runner.
 */
@Singleton
public class ScheduleStore {

    static final String TABLE = "ingestion_schedules";
    private static final String COLUMNS = "id, version, url, every_seconds, mode, max_reject_ratio, created_at, next_run_at, last_job_id,"
            + " claim_due, claimed_by, claimed_at, deleted";
    private static final String TYPES = "id String, version UInt64, url String, every_seconds UInt64, mode String, max_reject_ratio Float64,"
            + " created_at String, next_run_at String, last_job_id String, claim_due String, claimed_by String, claimed_at String, deleted UInt8";

    /** Above every snapshot's version (microseconds since 1970): a deletion outranks whatever is written after it. */
    private static final long DELETED_VERSION = Long.MAX_VALUE;

    private final GamesStore store;
    private final AtomicLong lastVersion = new AtomicLong();

    ScheduleStore(GamesStore store) {
        this.store = store;
    }

    public void migrate() {
        store.createOwnTable(TABLE, TYPES, "ReplacingMergeTree", "version", "ORDER BY id");
    }

    public void save(Schedule schedule) {
        insert(schedule, "", "", "", 0);
    }

    public void delete(Schedule schedule) {
        insert(schedule, "", "", "", 1);
    }

    /** Claims the run due at {@code due} for {@code instance}: the schedule moves on to its next due time. */
    public void claim(Schedule advanced, Instant due, String instance, Instant now) {
        insert(advanced, JobStore.TIME.format(due), instance, JobStore.TIME.format(now), 0);
    }

    /** The instance whose claim of the run due at {@code due} came first (ties: the smaller name). */
    public Optional<String> winner(String id, Instant due) {
        return store.lines("SELECT claimed_by FROM " + table() + " WHERE id = " + Sql.string(id) + " AND claim_due = "
                + Sql.string(JobStore.TIME.format(due)) + " ORDER BY claimed_at, claimed_by LIMIT 1 FORMAT TabSeparated")
                .stream().findFirst().map(TabSeparated::unescape);
    }

    public Optional<Schedule> byId(String id) {
        return select(" AND id = " + Sql.string(id) + " LIMIT 1").stream().findFirst();
    }

    /** Schedules due at {@code now}, at most {@code limit}, the longest due first. */
    public List<Schedule> due(Instant now, int limit) {
        return select(" AND next_run_at <= " + Sql.string(JobStore.TIME.format(now)) + " ORDER BY next_run_at LIMIT " + limit);
    }

    /** A page of schedules, newest first, after {@code after} (null: from the newest), and where the next page starts. */
    public Page page(int limit, JobCursor after) {
        String where = after == null ? "" : " AND (created_at < " + Sql.string(after.createdAt()) + " OR (created_at = "
                + Sql.string(after.createdAt()) + " AND id < " + Sql.string(after.id()) + "))";
        List<Schedule> rows = select(where + " ORDER BY created_at DESC, id DESC LIMIT " + (limit + 1));
        List<Schedule> page = rows.stream().limit(limit).toList();
        return new Page(page, rows.size() > limit ? new JobCursor(JobStore.TIME.format(page.getLast().createdAt()), page.getLast().id()) : null);
    }

    /** Schedules of one page and where the next one starts (null after the last). */
    public record Page(List<Schedule> schedules, JobCursor next) {
    }

    private void insert(Schedule s, String claimDue, String claimedBy, String claimedAt, int deleted) {
        long version = deleted == 1 ? DELETED_VERSION : lastVersion.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() * 1000));
        String row = String.join(", ", Sql.string(s.id()), Sql.integer(version), Sql.string(s.url().toString()),
                Sql.integer(s.every().toSeconds()), Sql.string(s.mode().name()), Sql.float64(s.maxRejectRatio()),
                Sql.string(JobStore.TIME.format(s.createdAt())), Sql.string(JobStore.TIME.format(s.nextRunAt())),
                Sql.string(s.lastJobId() == null ? "" : s.lastJobId()), Sql.string(claimDue), Sql.string(claimedBy), Sql.string(claimedAt),
                Sql.integer(deleted));
        store.execute("INSERT INTO " + table() + " (" + COLUMNS + ") VALUES (" + row + ")");
    }

    private List<Schedule> select(String whereAndOrder) {
        String sql = "SELECT id, url, every_seconds, mode, max_reject_ratio, created_at, next_run_at, last_job_id FROM " + table()
                + " FINAL WHERE id NOT IN (SELECT id FROM " + table() + " WHERE deleted = 1)" + whereAndOrder + " FORMAT TabSeparated";
        return store.lines(sql).stream().map(ScheduleStore::parse).toList();
    }

    private static Schedule parse(String line) {
        String[] f = TabSeparated.split(line, 8);
        return new Schedule(f[0], URI.create(TabSeparated.unescape(f[1])), Duration.ofSeconds(Long.parseLong(f[2])), IngestMode.valueOf(f[3]),
                Double.parseDouble(f[4]), Instant.parse(f[5]), Instant.parse(f[6]), f[7].isEmpty() ? null : f[7]);
    }

    private String table() {
        return Sql.table(store.database(), TABLE);
    }
}
