package games.analytics.ingest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of POST /api/v1/ingestions. */
@Serdeable
public record IngestionRequest(@Nullable String url) {
}
