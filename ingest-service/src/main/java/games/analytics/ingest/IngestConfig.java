package games.analytics.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * ingest.* in application.yml, INGEST_* in the environment.
 *
 * @param batchBytes        TSV bytes per INSERT
 * @param rejectBuffer      rejected rows held before they are written to the quarantine table
 * @param maxRejectRatio    default share of rejected rows above which a job fails and publishes nothing
 * @param maxDownloadBytes  a larger download fails (compressed bytes as they come over the wire)
 * @param downloadAttempts  tries per download (the first included) before a transient failure fails the job
 * @param idleTimeout       a download that sends nothing for this long counts as broken (retried, then failed)
 */
@ConfigurationProperties("ingest")
record IngestConfig(long batchBytes, int rejectBuffer, double maxRejectRatio, long maxDownloadBytes, int downloadAttempts,
                    Duration idleTimeout) {
}
