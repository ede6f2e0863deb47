package games.analytics.ingest.run;

import com.univocity.parsers.csv.CsvParser;
import games.analytics.ingest.job.IngestMode;
import games.analytics.ingest.source.CsvInput;
import games.analytics.ingest.source.Download;
import games.analytics.ingest.source.Links;
import games.analytics.ingest.source.SourceStream;
import games.analytics.ingest.source.UrlPolicy;
import games.analytics.ingest.source.Validators;
import games.analytics.ingest.store.GamesStore;
import games.analytics.ingest.store.JobStore;
import games.analytics.ingest.store.RejectStore;
import games.analytics.model.CsvFormat;
import games.analytics.model.RowConverter;
import io.micronaut.http.client.StreamingHttpClient;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ingestion: download -> parse ({@link CsvRecords}) -> convert and encode ({@link RowEncoder}) on the
 * worker thread, batched RowBinary inserts into a fresh table on the insert stage's threads ({@link BatchInserter}),
 * rejected rows into the quarantine, then the pointer flip ({@link JobTables}). Blocking is deliberate and bounded: these are not event
 * loops, and back-pressure reaches the download through the bounded queue and the parser.
 */
@Singleton
class IngestionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(IngestionRunner.class);
    private static final int MAX_RESTARTS = 2;
    /** Encoded chunks waiting for the insert stage: 64 x 256 KiB, so memory stays flat whatever the file's size. */
    private static final int QUEUE_CHUNKS = 64;

    private final StreamingHttpClient http;
    private final UrlPolicy policy;
    private final GamesStore store;
    private final JobStore jobs;
    private final RejectStore rejects;
    private final IngestConfig config;
    private final JobTables jobTables;
    private final IngestMetrics metrics;

    IngestionRunner(StreamingHttpClient http, UrlPolicy policy, GamesStore store, JobTables jobTables, JobStore jobs, RejectStore rejects,
                    IngestConfig config, IngestMetrics metrics) {
        this.jobTables = jobTables;
        this.http = http;
        this.policy = policy;
        this.store = store;
        this.jobs = jobs;
        this.rejects = rejects;
        this.config = config;
        this.metrics = metrics;
    }

    void run(IngestionJob job) {
        if (job.status().finished()) { // cancelled while queued
            return;
        }
        job.start();
        persist(job);
        LOG.info("ingestion {} started: {} ({})", job.id, Links.redact(job.url), job.mode);
        jobTables.dropLeftovers(job);
        ChangeCheck check = null;
        try {
            check = ChangeCheck.of(job, store, jobs).orElse(null);
            for (int restarts = 0; ; restarts++) {
                try {
                    load(job, check);
                    break;
                } catch (Exception e) {
                    if (JobFailure.find(e, Download.RestartRequired.class) == null || restarts >= MAX_RESTARTS || job.cancelRequested()) {
                        throw e;
                    }
                    LOG.info("ingestion {} restarts from byte 0: the server cannot resume", job.id);
                    job.restart();
                }
            }
            if (check != null && check.sameContent(job.view())) {
                job.skip(check.sameContent());
                jobTables.dropQuietly(job);
            } else {
                jobTables.publish(job);
            }
        } catch (Download.NotModified notModified) {
            job.skip(check.notModified()); // only a conditional request, made from a check, gets a 304 taken as unchanged
        } catch (Throwable e) { // an Error too: the job must end and the worker must live on for the next one
            String reason = JobFailure.of(e).reason();
            job.fail(reason);
            LOG.warn("ingestion {} {}: {}", job.id, job.status(), reason);
            jobTables.dropQuietly(job);
        }
        persist(job);
        metrics.finished(job.view());
    }

    /** Download, parse, convert and insert into the job's table (made afresh each attempt). */
    private void load(IngestionJob job, ChangeCheck check) throws Exception {
        try (SourceStream download = open(job, check)) {
            job.download(download);
            CsvInput input = CsvInput.open(download, config.maxDecompressedBytes(), config.maxRecordBytes());
            CsvParser parser = CsvFormat.newParser();
            parser.beginParsing(input.reader());
            try {
                CsvRecords records = new CsvRecords(parser, input.limits());
                String[] header = records.header();
                if (header == null) {
                    throw new IngestionException("the file is empty: no header row");
                }
                RowConverter converter = RowConverter.forHeader(header);
                job.ignoredColumns(converter.ignoredHeaders());
                LOG.info("ingestion {} header ok: {} columns, {} ignored", job.id, header.length, converter.ignoredHeaders().size());

                jobTables.create(job);
                long firstRow = job.mode == IngestMode.append ? appendBase(job) : 0;
                InsertQueue queue = new InsertQueue(QUEUE_CHUNKS);
                RowEncoder encoder = new RowEncoder(records, converter, job, firstRow,
                        new RejectBuffer(rejects, job, config), queue, groupingBudget());
                runStages(encoder, queue, job);
                LOG.info("ingestion {} read to the end: {} rows; it waited {} ms for the download, {} ms for ClickHouse", job.id,
                        job.rowsRead.get(), download.waitedNanos() / 1_000_000, queue.waitedNanos() / 1_000_000);
                if (encoder.upstreamLayout) {
                    job.note("upstream Kaggle layout: the AppID field holds a row index, so app_id was taken from the Header image URL");
                }
            } finally {
                parser.stopParsing();
            }
        }
    }

    /** Encodes on this thread while the insert stage streams batches on its own; either one failing stops both. */
    private void runStages(RowEncoder encoder, InsertQueue queue, IngestionJob job) throws Exception {
        BatchInserter inserter = new BatchInserter(store, job, queue);
        inserter.start(config.insertThreads());
        try {
            encoder.encodeAll();
        } catch (Throwable e) {
            queue.abort(); // an insert in flight must fail rather than commit part of a batch
            throw e;
        } finally {
            inserter.join();
        }
        queue.checkInserts();
    }

    /**
     * Bytes of rows held while they are grouped by year: a batch, but at most a quarter of the heap, so the small
     * profile (-Xmx160m) keeps room for the queue, the inserts in flight and the service itself.
     */
    private long groupingBudget() {
        return Math.min(config.batchBytes(), Runtime.getRuntime().maxMemory() / 4);
    }

    /** Append mode starts from a copy of the current data; the file's rows are numbered after it. */
    private long appendBase(IngestionJob job) {
        String current = store.currentTable().orElse(null);
        if (current == null) {
            job.note("append: there was no data yet, so this is the first load");
            return 0;
        }
        store.copyRows(current, job.table());
        long base = store.maxSourceRow(job.table());
        job.note("append: added to the " + base + " rows of the previous data");
        return base;
    }

    private void persist(IngestionJob job) {
        try {
            jobs.save(job.view(), job.attempt());
            job.saved();
        } catch (Exception e) {
            LOG.warn("ingestion {}: job state not saved (retried every 2 s): {}", job.id, e.getMessage());
        }
    }

    private SourceStream open(IngestionJob job, ChangeCheck check) throws IOException {
        if (job.upload != null) {
            return job.upload.open(job, config.idleTimeout().toMillis());
        }
        try {
            return new Download(http, policy, job, config.downloadLimits(), check == null ? null : new Validators(check.file().etag(), check.file().lastModified()));
        } catch (Download.Fatal | Download.RestartRequired | Download.NotModified e) {
            throw e;
        } catch (IOException e) {
            throw new JobFailure.DownloadBroke(e);
        }
    }
}
