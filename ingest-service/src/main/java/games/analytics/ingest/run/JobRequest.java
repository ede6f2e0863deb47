package games.analytics.ingest.run;

import games.analytics.ingest.job.IngestMode;
import games.analytics.ingest.source.Upload;
import java.net.URI;

/**
 * What a job is asked to do: read a link or an uploaded body, load it in a mode, with a reject limit.
 *
 * @param url            the link, or the upload's {@code upload:<name>}
 * @param upload         the uploaded body, or null for a link
 * @param idempotencyKey the request's Idempotency-Key, or null
 * @param ifChanged      load only when the file differs from the one the data served now came from (links only)
 */
public record JobRequest(URI url, Upload upload, IngestMode mode, double maxRejectRatio, String idempotencyKey, boolean ifChanged) {

    public static JobRequest link(URI url, IngestMode mode, double maxRejectRatio, String idempotencyKey, boolean ifChanged) {
        return new JobRequest(url, null, mode, maxRejectRatio, idempotencyKey, ifChanged);
    }

    public static JobRequest upload(Upload upload, IngestMode mode, double maxRejectRatio, String idempotencyKey) {
        return new JobRequest(upload.uri(), upload, mode, maxRejectRatio, idempotencyKey, false);
    }
}
