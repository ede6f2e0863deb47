package games.analytics.ingest.run;

import games.analytics.ingest.store.JobCursor;
import games.analytics.ingest.store.JobStore;
import games.analytics.ingest.store.RejectStore;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps jobs and their rejects for {@code ingest.job-retention} (INGEST_JOB_RETENTION) after they were created. ClickHouse
 * 18.16 has no TTL, so the service deletes them itself: at start-up and every hour, the ids of jobs created before the
 * cut-off, a thousand at a time, with {@code ALTER TABLE ... DELETE} (a mutation: ClickHouse rewrites the affected parts
 * in the background), rejects first, so a sweep cut short leaves jobs that the next one finds again.
 */
@Singleton
public class JobRetention {

    private static final Logger LOG = LoggerFactory.getLogger(JobRetention.class);

    private final JobStore jobs;
    private final RejectStore rejects;
    private final Duration retention;

    JobRetention(JobStore jobs, RejectStore rejects, IngestConfig config) {
        this.jobs = jobs;
        this.rejects = rejects;
        this.retention = config.jobRetention();
    }

    @Scheduled(initialDelay = "1m", fixedDelay = "1h")
    void scheduled() {
        try {
            sweep(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("job retention: sweep failed, next in an hour: {}", e.getMessage());
        }
    }

    /** Deletes the jobs created more than the retention before {@code now}; how many. */
    public int sweep(Instant now) {
        Instant cutOff = now.minus(retention);
        int deleted = 0;
        JobCursor after = null;
        while (true) {
            List<JobCursor> old = jobs.createdBefore(cutOff, after, IngestionJobs.BATCH);
            if (old.isEmpty()) {
                break;
            }
            List<String> ids = old.stream().map(JobCursor::id).toList();
            rejects.delete(ids);
            jobs.delete(ids);
            deleted += ids.size();
            after = old.getLast();
            if (old.size() < IngestionJobs.BATCH) {
                break;
            }
        }
        if (deleted > 0) {
            LOG.info("job retention: deleted {} jobs created before {} and their rejects", deleted, cutOff);
        }
        return deleted;
    }
}
