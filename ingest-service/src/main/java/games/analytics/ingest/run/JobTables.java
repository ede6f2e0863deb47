package games.analytics.ingest.run;

import games.analytics.ingest.store.DataTables;
import games.analytics.ingest.store.GamesStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's table from made to served or gone: merges paused while it loads, the atomic publish (the pointer flip), the
 * previous tables dropped, each year merged into one part; and the tables of failed or abandoned jobs dropped. What
 * only makes a later statement slower (merges, drops) is best effort and logged; what decides the answer is not.
 */
@Singleton
class JobTables {

    private static final Logger LOG = LoggerFactory.getLogger(JobTables.class);

    private final GamesStore store;
    private final DataTables tables;
    private final ClusterRepair repair;

    JobTables(GamesStore store, DataTables tables, ClusterRepair repair) {
        this.store = store;
        this.tables = tables;
        this.repair = repair;
    }

    /** A fresh table for the job's rows, its merges paused until it is published. */
    void create(IngestionJob job) {
        tables.dropTable(job.table());
        tables.createTable(job.table());
        pauseMerges(job, true);
    }

    /** The job's table becomes the served data, if its rows pass the reject policy; the job has then succeeded. */
    void publish(IngestionJob job) throws IngestionException {
        long read = job.rowsRead.get();
        long rejected = job.rowsRejected.get();
        if (job.rowsInserted.get() == 0) {
            throw new IngestionException(rejected == 0 ? "the file has a header but no data rows"
                    : "none of the " + rejected + " rows could be converted (see rejects)");
        }
        new RejectPolicy(job.maxRejectRatio).checkAtEnd(read, rejected);
        pauseMerges(job, false);
        tables.indexYears(job.table());
        store.activate(job.table(), job.id);
        LOG.info("ingestion {} published table {}", job.id, job.table());
        job.succeed();
        try {
            for (String old : tables.dataTablesExcept(job.table())) {
                tables.dropTable(old);
                LOG.info("ingestion {} dropped previous table {}", job.id, old);
            }
        } catch (Exception e) {
            LOG.warn("ingestion {}: previous tables not dropped: {}", job.id, e.getMessage());
        }
        LOG.info("ingestion {} succeeded: {} rows inserted, {} rejected", job.id, job.rowsInserted.get(), rejected);
        mergeYears(job);
    }

    /**
     * After the job has succeeded: each year's parts become one. Rows grouped by year within the batch budget leave a
     * few small parts per year (67 for 29 years at 150 MB), 18.16 leaves two or three small parts alone, and every
     * statement that opens every part pays for each (an app_id lookup took 14.8 instead of ~5 ms, docs/data-layout.md).
     */
    private void mergeYears(IngestionJob job) {
        try {
            long start = System.nanoTime();
            int merged = tables.mergePartitions(job.table());
            LOG.info("ingestion {}: {} years merged into one part each in {} ms", job.id, merged, (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            LOG.warn("ingestion {}: years not merged (ClickHouse merges them in its own time): {}", job.id, e.getMessage());
        }
    }

    /**
     * Tables of jobs that failed while ClickHouse was unreachable could not be dropped then; they were never
     * visible to queries. Jobs run one at a time, so every data table but the current one is such a leftover.
     */
    void dropLeftovers(IngestionJob job) {
        repair.repair(); // a replica back from being down gets the current table first
        try {
            String current = store.currentTable().orElse("");
            for (String table : tables.dataTablesExcept(current)) {
                tables.dropTable(table);
                LOG.info("ingestion {} dropped leftover table {}", job.id, table);
            }
        } catch (Exception e) {
            LOG.warn("ingestion {}: leftover tables not checked: {}", job.id, e.getMessage());
        }
    }

    /** The job's table, which queries never saw (DROP ... IF EXISTS: also right when it was never made). */
    void dropQuietly(IngestionJob job) {
        try {
            tables.dropTable(job.table());
        } catch (Exception e) {
            LOG.warn("ingestion {}: could not drop {}: {}", job.id, job.table(), e.getMessage());
        }
    }

    /** Best effort: a server that refuses SYSTEM STOP MERGES loads a little slower, nothing else. */
    private void pauseMerges(IngestionJob job, boolean paused) {
        try {
            tables.mergesPaused(job.table(), paused);
        } catch (Exception e) {
            LOG.warn("ingestion {}: merges not {}: {}", job.id, paused ? "paused" : "resumed", e.getMessage());
        }
    }
}
