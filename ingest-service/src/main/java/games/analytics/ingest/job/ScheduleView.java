package games.analytics.ingest.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A schedule as the API shows it: the link (secrets redacted), how often it is fetched, when next, and its last job.
 *
 * @param every     the interval as given, normalised ({@code 1d2h}, {@code 30m})
 * @param nextRunAt when the next run is due (a run queues behind other jobs)
 * @param lastJobId the job of the latest run, or null before the first
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ScheduleView(String id, String url, String every, IngestMode mode, double maxRejectRatio, Instant createdAt,
                           Instant nextRunAt, @Nullable String lastJobId) {
}
