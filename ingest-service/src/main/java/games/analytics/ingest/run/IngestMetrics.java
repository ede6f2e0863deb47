package games.analytics.ingest.run;

import games.analytics.ingest.job.IngestionView;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;

/** What each finished job adds to /prometheus: bytes, rows by outcome, and its duration by final status. */
@Singleton
final class IngestMetrics {

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void finished(IngestionView job) {
        String status = job.status().name();
        registry.counter("ingest.jobs", "status", status).increment();
        registry.counter("ingest.bytes", "status", status).increment(job.bytesRead());
        registry.counter("ingest.rows", "outcome", "inserted").increment(job.rowsInserted());
        registry.counter("ingest.rows", "outcome", "rejected").increment(job.rowsRejected());
        if (job.startedAt() != null && job.finishedAt() != null) {
            registry.timer("ingest.job.duration", "status", status).record(Duration.between(job.startedAt(), job.finishedAt()));
        }
        if (job.error() != null && job.error().startsWith(JobFailure.CLICKHOUSE_FAILED)) {
            registry.counter("clickhouse.errors", "service", "ingest", "status", "job").increment(); // beside the HTTP statuses
        }
    }
}
