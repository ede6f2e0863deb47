package games.analytics.ingest.run;

import games.analytics.ingest.source.DownloadLimits;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * ingest.* in application.yml, INGEST_* in the environment.
 *
 * @param batchBytes        RowBinary bytes held while rows are grouped by year (at most a quarter of the heap), so the most per INSERT
 * @param insertThreads     INSERTs in flight at once (2: one streams while ClickHouse writes the parts of the other)
 * @param rejectBuffer      rejected rows held before they are written to the quarantine table
 * @param rejectBufferBytes characters of rejected rows held before they are written (whichever bound comes first)
 * @param maxRejectRatio    default share of rejected rows above which a job fails and publishes nothing
 * @param maxDownloadBytes  a larger download fails (compressed bytes as they come over the wire)
 * @param downloadAttempts  tries per download (the first included) before a transient failure fails the job
 * @param idleTimeout       a download that sends nothing for this long counts as broken (retried, then failed)
 * @param maxDecompressedBytes  a file that unpacks to more bytes fails (a small gzip can hold gigabytes)
 * @param maxRecordBytes    one CSV record may not be larger (an unclosed quote would otherwise fill the heap)
 * @param maxJobDuration    a job still running after this long fails (a slow-drip link must not hold the worker)
 * @param jobRetention      jobs and their rejects are deleted this long after they were created
 */
@ConfigurationProperties("ingest")
public record IngestConfig(long batchBytes, int insertThreads, int rejectBuffer, long rejectBufferBytes, double maxRejectRatio, long maxDownloadBytes,
                    int downloadAttempts, Duration idleTimeout, long maxDecompressedBytes, long maxRecordBytes, Duration maxJobDuration,
                           Duration jobRetention) {

    public DownloadLimits downloadLimits() {
        return new DownloadLimits(maxDownloadBytes, idleTimeout, downloadAttempts);
    }
}
