package games.analytics.ingest.store;

import games.analytics.ingest.job.RejectedRow;
import games.analytics.ingest.job.RejectsPage;
import games.analytics.model.Sql;
import games.analytics.model.TabSeparated;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** The quarantine: every rejected row of every job, with its reason and raw text, in ClickHouse. */
@Singleton
public class RejectStore {

    static final String TABLE = "ingestion_rejects";
    /** Raw text kept per rejected row: enough to see what is wrong, small enough to page through. */
    static final int MAX_RAW_CHARS = 16 * 1024;
    /** A page of rejects stops at this many characters (a page is held whole to answer it). */
    static final int MAX_PAGE_CHARS = 4 * 1024 * 1024;

    private final GamesStore store;

    RejectStore(GamesStore store) {
        this.store = store;
    }

    public void migrate() {
        store.createOwnTable(TABLE, "job_id String, attempt UInt16, line UInt64, source_row UInt64, column String, reason String, raw String",
                "MergeTree", "", "ORDER BY (job_id, attempt, source_row)");
    }

    /** Deletes the rejects of these jobs (a mutation, as {@link JobStore#delete}). */
    public void delete(List<String> jobIds) {
        store.execute("ALTER TABLE " + Sql.table(store.database(), TABLE) + " DELETE WHERE job_id IN ("
                + String.join(", ", jobIds.stream().map(Sql::string).toList()) + ")");
    }

    /** Writes buffered rejects of one job attempt in one INSERT. */
    public void save(String jobId, int attempt, List<RejectedRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder tsv = new StringBuilder();
        for (RejectedRow row : rows) {
            TabSeparated.escapeInto(jobId, tsv);
            tsv.append('\t').append(attempt).append('\t').append(row.line()).append('\t').append(row.sourceRow()).append('\t');
            TabSeparated.escapeInto(row.column() == null ? "" : row.column(), tsv);
            tsv.append('\t');
            TabSeparated.escapeInto(row.reason(), tsv);
            tsv.append('\t');
            TabSeparated.escapeInto(row.raw(), tsv);
            tsv.append('\n');
        }
        store.insertTsv(TABLE, tsv.toString());
    }

    /**
     * Up to {@code limit} rejects after source row {@code after}, in file order, and at most {@link #MAX_PAGE_CHARS}.
     * Two queries, so ClickHouse never sorts a whole page of wide rows (16 KiB of raw text each): first the page's
     * rows with their sizes, then the wide columns of only the rows that fit.
     */
    public RejectsPage page(String jobId, int attempt, long after, int limit) {
        String where = " FROM " + Sql.table(store.database(), TABLE) + " WHERE job_id = " + Sql.string(jobId)
                + " AND attempt = " + attempt + " AND source_row > ";
        List<String> sizes = store.lines("SELECT source_row, length(raw) + length(reason) + length(column)" + where + after
                + " ORDER BY source_row LIMIT " + (limit + 1) + " FORMAT TabSeparated");
        long last = after;
        long chars = 0;
        int taken = 0;
        for (String size : sizes.subList(0, Math.min(limit, sizes.size()))) {
            String[] f = size.split("\t");
            chars += Long.parseLong(f[1]);
            if (taken > 0 && chars > MAX_PAGE_CHARS) {
                break;
            }
            last = Long.parseLong(f[0]);
            taken++;
        }
        if (taken == 0) {
            return new RejectsPage(List.of(), null);
        }
        String next = sizes.size() > taken ? Long.toString(last) : null;
        return new RejectsPage(rows(store.lines("SELECT line, source_row, column, reason, raw" + where + after + " AND source_row <= " + last
                + " ORDER BY source_row FORMAT TabSeparated")), next);
    }

    private static List<RejectedRow> rows(List<String> lines) {
        List<RejectedRow> rows = new ArrayList<>();
        for (String line : lines) {
            String[] f = TabSeparated.split(line, 5);
            String column = TabSeparated.unescape(f[2]);
            rows.add(new RejectedRow(Long.parseLong(f[0]), Long.parseLong(f[1]), column.isEmpty() ? null : column,
                    TabSeparated.unescape(f[3]), TabSeparated.unescape(f[4])));
        }
        return rows;
    }

    public static String clip(String raw) {
        return raw.length() <= MAX_RAW_CHARS ? raw : raw.substring(0, MAX_RAW_CHARS);
    }
}
