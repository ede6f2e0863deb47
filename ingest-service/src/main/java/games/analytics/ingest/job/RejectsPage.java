package games.analytics.ingest.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A page of rejected rows; pass nextCursor as cursor for the next page (null on the last). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RejectsPage(List<RejectedRow> data, @Nullable String nextCursor) {
}
