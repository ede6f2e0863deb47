package games.analytics.ingest.run;

import games.analytics.ingest.job.FileVersion;
import games.analytics.ingest.job.IngestMode;
import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import games.analytics.ingest.source.DownloadProgress;
import games.analytics.ingest.source.Links;
import games.analytics.ingest.source.Upload;
import games.analytics.model.GamesTable;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** One ingestion's live state; counters are updated by the worker and read by the API and the job store. */
public final class IngestionJob implements DownloadProgress {

    public final String id;
    final URI url;
    final IngestMode mode;
    final double maxRejectRatio;
    final String idempotencyKey; // null: the request had none
    final Upload upload; // null: the job downloads its url
    final boolean ifChanged;
    final Instant createdAt;
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong rowsRead = new AtomicLong();
    final AtomicLong rowsInserted = new AtomicLong();
    final AtomicLong rowsRejected = new AtomicLong();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private volatile Long bytesTotal;
    private volatile List<String> ignoredColumns = List.of();
    private volatile FileVersion file;
    private volatile IngestionStatus status = IngestionStatus.queued;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile boolean cancelRequested;
    /** Why the service stopped the job (overtime, shutdown); null while only a user cancelled it. */
    private volatile String interruption;
    private volatile Closeable download;
    /** Bumped when a download restarts from byte 0, so rejects of an abandoned attempt are not shown. */
    private volatile int attempt = 1;
    /** Whether the finished state reached ClickHouse (it may be down when the job ends). */
    private volatile boolean finalStateSaved;

    IngestionJob(URI url, IngestMode mode, double maxRejectRatio, String idempotencyKey, boolean ifChanged) {
        this(UUID.randomUUID().toString(), url, mode, maxRejectRatio, now(), idempotencyKey, null, ifChanged);
    }

    /** A job that reads an uploaded body: a cancel before its turn lets the body go at once. */
    IngestionJob(Upload upload, IngestMode mode, double maxRejectRatio, String idempotencyKey) {
        this(UUID.randomUUID().toString(), upload.uri(), mode, maxRejectRatio, now(), idempotencyKey, upload, false);
        this.download = upload;
    }

    IngestionJob(String id, URI url, IngestMode mode, double maxRejectRatio, Instant createdAt, String idempotencyKey, Upload upload,
                 boolean ifChanged) {
        this.id = id;
        this.ifChanged = ifChanged;
        this.upload = upload;
        this.idempotencyKey = idempotencyKey;
        this.url = url;
        this.mode = mode;
        this.maxRejectRatio = maxRejectRatio;
        this.createdAt = createdAt;
    }

    /** Times to the microsecond, as the job table stores them, so a job reads the same live and stored. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The table this job loads into; only ever visible to queries once the job succeeded. */
    String table() {
        return tableFor(id);
    }

    public static String tableFor(String id) {
        return GamesTable.DATA_TABLE_PREFIX + id.replace("-", "");
    }

    /** queued -> running; a job cancelled while it waited stays cancelled. */
    synchronized void start() {
        if (status == IngestionStatus.queued) {
            startedAt = now();
            status = IngestionStatus.running;
        }
    }

    void succeed() {
        finish(IngestionStatus.succeeded, null);
    }

    /** ifChanged found the file unchanged: nothing was loaded, {@code why} says which ingestion it matches. */
    void skip(String why) {
        note(why);
        finish(IngestionStatus.skipped, null);
    }

    /** The version of the file being read, as far as it is known (validators first, the fingerprint at the end). */
    @Override
    public void file(String etag, String lastModified, String sha256) {
        // nothing known reads as no version, live as stored
        file = etag == null && lastModified == null && sha256 == null ? null : new FileVersion(etag, lastModified, sha256);
    }

    @Override
    public boolean fingerprinted() {
        return ifChanged;
    }

    /** The work ended in an error: the reason it ended with, or, when it was asked to stop, why it was. */
    void fail(String reason) {
        if (cancelRequested) {
            stopped();
        } else {
            finish(IngestionStatus.failed, reason);
        }
    }

    /** The service is stopping it: the job ends as failed with {@code reason}, like one found unfinished at start-up. */
    void interrupt(String reason) {
        interruption = reason;
        cancel();
    }

    /** A stop that was asked for: cancelled by a user, or failed with the service's reason. */
    private void stopped() {
        String reason = interruption;
        finish(reason == null ? IngestionStatus.cancelled : IngestionStatus.failed, reason == null ? "cancelled" : reason);
    }

    /**
     * The one transition into a final state: queued -> cancelled/failed, running -> succeeded/failed/cancelled. A job
     * already finished stays as it ended (a late stop never rewrites a success).
     */
    private synchronized void finish(IngestionStatus end, String reason) {
        if (status.finished()) {
            return;
        }
        error = reason;
        finishedAt = now();
        status = end;
    }

    /** Asks the worker to stop: the download is closed, which ends the parse with an error. */
    public void cancel() {
        cancelRequested = true;
        if (status == IngestionStatus.queued) {
            stopped();
        }
        Closeable current = download;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    void download(Closeable download) {
        this.download = download;
        if (cancelRequested) {
            cancel();
        }
    }

    /** A download that could not resume starts again from byte 0: counters restart, earlier rejects are dropped from view. */
    void restart() {
        attempt++;
        bytesRead.set(0);
        rowsRead.set(0);
        rowsInserted.set(0);
        rowsRejected.set(0);
        note("the download broke and the server cannot resume; restarted from the beginning (attempt " + attempt + ")");
    }

    int attempt() {
        return attempt;
    }

    void saved() {
        finalStateSaved = status.finished();
    }

    boolean finishedBefore(Instant time) {
        Instant finished = finishedAt;
        return status.finished() && finished != null && finished.isBefore(time);
    }

    /** Running, or finished but not yet stored: the progress saver keeps trying. */
    boolean needsSaving() {
        return status == IngestionStatus.running || (status.finished() && !finalStateSaved);
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public void bytesRead(long more) {
        bytesRead.addAndGet(more);
    }

    @Override
    public void bytesTotal(Long total) {
        bytesTotal = total;
    }

    @Override
    public void note(String note) {
        notes.add(note);
    }

    void ignoredColumns(List<String> columns) {
        ignoredColumns = List.copyOf(columns);
    }

    public IngestionStatus status() {
        return status;
    }

    public IngestionView view() {
        long bytes = bytesRead.get();
        long rows = rowsRead.get();
        Rates rates = Rates.of(startedAt, finishedAt, bytes, rows, bytesTotal, status == IngestionStatus.running);
        return new IngestionView(id, Links.redact(url), mode, status, bytes, bytesTotal, rows, rowsInserted.get(),
                rowsRejected.get(), maxRejectRatio, rates.bytesPerSecond(), rates.rowsPerSecond(), rates.etaSeconds(), createdAt, startedAt,
                finishedAt, error, ignoredColumns, new ArrayList<>(notes), idempotencyKey, ifChanged, file);
    }
}
