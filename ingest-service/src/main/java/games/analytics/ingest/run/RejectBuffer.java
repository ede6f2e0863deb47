package games.analytics.ingest.run;

import games.analytics.ingest.job.RejectedRow;
import games.analytics.ingest.store.RejectStore;
import games.analytics.model.Rejection;
import java.util.ArrayList;
import java.util.List;

/** Rejected rows wait here, bounded by rows and by characters, and go to the quarantine table in batches. */
final class RejectBuffer {

    private final RejectStore rejects;
    private final IngestionJob job;
    private final IngestConfig config;
    private final RejectPolicy policy;
    private final List<RejectedRow> pending = new ArrayList<>();
    private long pendingChars;

    RejectBuffer(RejectStore rejects, IngestionJob job, IngestConfig config) {
        this.rejects = rejects;
        this.job = job;
        this.config = config;
        this.policy = new RejectPolicy(job.maxRejectRatio);
    }

    /** Keeps a rejected row; fails the job once the rows read so far are already past its reject ratio. */
    void add(long line, long sourceRow, Rejection rejection, String rawText) throws IngestionException {
        long rejected = job.rowsRejected.incrementAndGet();
        String raw = RejectStore.clip(rawText);
        pending.add(new RejectedRow(line, sourceRow, rejection.column(), RejectStore.clip(rejection.reason()), raw));
        pendingChars += raw.length() + rejection.reason().length();
        if (pending.size() >= config.rejectBuffer() || pendingChars >= config.rejectBufferBytes()) {
            flush();
        }
        try {
            policy.checkWhileReading(job.rowsRead.get(), rejected);
        } catch (IngestionException e) {
            flush(); // the rows that made the job fail are there to see
            throw e;
        }
    }

    void flush() {
        if (!pending.isEmpty()) {
            rejects.save(job.id, job.attempt(), List.copyOf(pending));
            pending.clear();
            pendingChars = 0;
        }
    }
}
