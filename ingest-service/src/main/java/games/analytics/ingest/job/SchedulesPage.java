package games.analytics.ingest.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A page of schedules, newest first; {@code nextCursor} fetches the next page (null after the last). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SchedulesPage(List<ScheduleView> data, @Nullable String nextCursor) {
}
