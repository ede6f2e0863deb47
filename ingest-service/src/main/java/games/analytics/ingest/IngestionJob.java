package games.analytics.ingest;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** One ingestion's live state; counters are updated by the worker and read by the API. */
final class IngestionJob {

    final String id = UUID.randomUUID().toString();
    final URI url;
    final Instant createdAt = Instant.now();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong rowsRead = new AtomicLong();
    final AtomicLong rowsInserted = new AtomicLong();
    final AtomicLong rowsRejected = new AtomicLong();
    private final int maxRejectSamples;
    private final List<RejectedRow> rejects = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private volatile List<String> ignoredColumns = List.of();
    private volatile IngestionStatus status = IngestionStatus.queued;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;

    IngestionJob(URI url, int maxRejectSamples) {
        this.url = url;
        this.maxRejectSamples = maxRejectSamples;
    }

    /** The table this job loads into; only ever visible to queries once the job succeeded. */
    String table() {
        return "games_" + id.replace("-", "");
    }

    void start() {
        startedAt = Instant.now();
        status = IngestionStatus.running;
    }

    void succeed() {
        finishedAt = Instant.now();
        status = IngestionStatus.succeeded;
    }

    void fail(String reason) {
        error = reason;
        finishedAt = Instant.now();
        status = IngestionStatus.failed;
    }

    void reject(RejectedRow row) {
        rowsRejected.incrementAndGet();
        if (rejects.size() < maxRejectSamples) {
            rejects.add(row);
        }
    }

    void note(String note) {
        notes.add(note);
    }

    void ignoredColumns(List<String> columns) {
        ignoredColumns = List.copyOf(columns);
    }

    IngestionStatus status() {
        return status;
    }

    List<RejectedRow> rejects() {
        return List.copyOf(rejects);
    }

    IngestionView view() {
        return new IngestionView(id, url.toString(), status, bytesRead.get(), rowsRead.get(), rowsInserted.get(),
                rowsRejected.get(), createdAt, startedAt, finishedAt, error, ignoredColumns, new ArrayList<>(notes));
    }
}
