package games.analytics.ingest.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A page of jobs, newest first; pass nextCursor as cursor for the next page (null on the last). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobsPage(List<IngestionView> data, @Nullable String nextCursor) {
}
