package games.analytics.ingest.source;

import java.time.Duration;

/**
 * @param maxBytes    a larger download fails (compressed bytes as they come over the wire)
 * @param idleTimeout a download that sends nothing for this long counts as broken (retried, then failed)
 * @param attempts    tries (the first included) before a transient failure fails the download
 */
public record DownloadLimits(long maxBytes, Duration idleTimeout, int attempts) {
}
