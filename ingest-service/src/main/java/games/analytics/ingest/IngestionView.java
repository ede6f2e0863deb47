package games.analytics.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** An ingestion job as the API shows it; null fields are written, so every job has the same keys. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IngestionView(
        String id,
        String url,
        IngestionStatus status,
        long bytesRead,
        long rowsRead,
        long rowsInserted,
        long rowsRejected,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String error,
        List<String> ignoredColumns,
        List<String> notes) {
}
