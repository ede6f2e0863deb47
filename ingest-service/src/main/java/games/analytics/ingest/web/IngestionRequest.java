package games.analytics.ingest.web;

import games.analytics.ingest.job.IngestMode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/**
 * Body of POST /api/v1/ingestions, checked by bean validation before anything else runs.
 *
 * @param url            http(s) link to a CSV (or .csv.gz; Google Sheets edit links are rewritten to their CSV export)
 * @param mode           replace (default) or append
 * @param maxRejectRatio 0..1; above this share of rejected rows the job fails and publishes nothing
 * @param ifChanged      true: when the file is the one the data served now came from, the job ends {@code skipped}
 */
@Serdeable
public record IngestionRequest(@Nullable @NotBlank @Size(max = MAX_URL_CHARS, message = "must be at most {max} characters") String url,
                               @Nullable @Pattern(regexp = "(?i)\\s*(replace|append)\\s*", message = "must be replace or append") String mode,
                               @Nullable @DecimalMin("0") @DecimalMax("1") Double maxRejectRatio,
                               @Nullable Boolean ifChanged) {

    /** The longest link taken (and stored with its job): 2 KiB, as browsers and CDNs reliably pass. */
    public static final int MAX_URL_CHARS = 2048;

    IngestMode modeOrDefault() {
        return mode == null ? IngestMode.replace : IngestMode.valueOf(mode.strip().toLowerCase(Locale.ROOT));
    }
}
