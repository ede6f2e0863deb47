package games.analytics.ingest.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A CSV record that was not stored.
 *
 * @param line      line in the file where the record starts (the header is line 1)
 * @param sourceRow 1-based number of the record among the data rows
 * @param column    the API column that failed, or null when the record as a whole is wrong
 * @param reason    what was wrong, quoting the cell
 * @param raw       the record as it was in the file (at most 64 KiB)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RejectedRow(long line, long sourceRow, @Nullable String column, String reason, String raw) {
}
