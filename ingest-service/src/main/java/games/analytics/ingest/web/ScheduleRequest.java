package games.analytics.ingest.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of POST /api/v1/schedules, checked by bean validation before anything else runs.
 *
 * @param url            http(s) link to a CSV, fetched every {@code every}
 * @param every          how often: {@code 24h}, {@code 1d12h}, {@code 30m}, at least {@code INGEST_SCHEDULE_MIN_EVERY} (1m)
 * @param mode           replace (default) or append
 * @param maxRejectRatio 0..1, as for an ingestion
 */
@Serdeable
public record ScheduleRequest(@Nullable @NotBlank @Size(max = IngestionRequest.MAX_URL_CHARS, message = "must be at most {max} characters") String url,
                              @Nullable @NotBlank @Size(max = 40) String every,
                              @Nullable @Pattern(regexp = "(?i)\\s*(replace|append)\\s*", message = "must be replace or append") String mode,
                              @Nullable @DecimalMin("0") @DecimalMax("1") Double maxRejectRatio) {
}
