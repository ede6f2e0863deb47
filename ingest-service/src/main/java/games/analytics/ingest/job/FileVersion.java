package games.analytics.ingest.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Which version of a link's file a job read, kept so a later {@code ifChanged} job can tell an unchanged file apart: the
 * server's validators (asked back with If-None-Match / If-Modified-Since) and the SHA-256 of the bytes as they came.
 *
 * @param etag         the ETag the server sent, or null
 * @param lastModified the Last-Modified the server sent, or null
 * @param sha256       hex SHA-256 of the file's bytes as downloaded (compressed if it came compressed), or null
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FileVersion(@Nullable String etag, @Nullable String lastModified, @Nullable String sha256) {
}
