package games.analytics.ingest.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * An ingestion job as the API shows it; null fields are written, so every job has the same keys.
 *
 * @param bytesTotal     Content-Length when the server sent one
 * @param bytesPerSecond average since the job started
 * @param etaSeconds     from bytesTotal and the average rate, while running
 * @param idempotencyKey the Idempotency-Key header of the request that made the job, if it had one
 * @param ifChanged      the job loads nothing (ends {@code skipped}) when the link's file is the one the data served now came from
 * @param file           the version of the link's file the job read, when it asked ifChanged (null otherwise)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IngestionView(
        String id,
        String url,
        IngestMode mode,
        IngestionStatus status,
        long bytesRead,
        @Nullable Long bytesTotal,
        long rowsRead,
        long rowsInserted,
        long rowsRejected,
        double maxRejectRatio,
        @Nullable Double bytesPerSecond,
        @Nullable Double rowsPerSecond,
        @Nullable Long etaSeconds,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String error,
        List<String> ignoredColumns,
        List<String> notes,
        @Nullable String idempotencyKey,
        boolean ifChanged,
        @Nullable FileVersion file) {
}
