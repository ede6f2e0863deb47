package games.analytics.ingest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of POST /api/v1/ingestions.
 *
 * @param url            http(s) link to a CSV (or .csv.gz; Google Sheets edit links are rewritten to their CSV export)
 * @param mode           replace (default) or append
 * @param maxRejectRatio 0..1; above this share of rejected rows the job fails and publishes nothing
 */
@Serdeable
public record IngestionRequest(@Nullable String url, @Nullable String mode, @Nullable Double maxRejectRatio) {
}
