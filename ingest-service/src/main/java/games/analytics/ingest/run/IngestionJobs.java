package games.analytics.ingest.run;

import games.analytics.ingest.job.IngestionView;
import games.analytics.ingest.source.Links;
import games.analytics.ingest.source.Upload;
import games.analytics.ingest.store.DataTables;
import games.analytics.ingest.store.JobCursor;
import games.analytics.ingest.store.JobStore;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs of this process (live counters) over the jobs stored in ClickHouse (everything, also from
 * before a restart), and the single worker that runs them one at a time in the order they were asked for.
 */
@Singleton
public class IngestionJobs {

    private static final Logger LOG = LoggerFactory.getLogger(IngestionJobs.class);
    /** Rows read per query where a list of stored jobs is walked. */
    static final int BATCH = 1000;
    /** A finished, stored job stays in memory this long (its rates and notes as this process saw them). */
    static final Duration KEEP_FINISHED_LIVE = Duration.ofMinutes(1);
    static final String INTERRUPTED = "interrupted: the ingest-service stopped while this job was queued or running; its partial data was dropped";

    /** How long an Idempotency-Key names the job it made. */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final Map<String, IngestionJob> live = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "ingest-worker"));
    private final ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ingest-progress"));
    private final IngestionRunner runner;
    private final JobStore store;
    private final DataTables tables;
    private final Duration maxJobDuration;
    private final String overtime;

    IngestionJobs(IngestionRunner runner, JobStore store, DataTables tables, IngestConfig config) {
        this.runner = runner;
        this.maxJobDuration = config.maxJobDuration();
        this.overtime = "the job ran longer than " + maxJobDuration.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                + " (INGEST_MAX_JOB_DURATION); its partial data was dropped";
        this.store = store;
        this.tables = tables;
        // running jobs' counters reach ClickHouse every 2 s (a restart shows how far they got), and a final
        // state that could not be stored (ClickHouse down) is stored once it can be
        progress.scheduleWithFixedDelay(this::saveRunning, 2, 2, TimeUnit.SECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /** What a request got: a new job, or the one an earlier request with the same Idempotency-Key made ({@code replayed}). */
    public record Submission(IngestionView job, boolean replayed) {
    }

    /**
     * Queues a job; with an Idempotency-Key that made a job within {@link #IDEMPOTENCY_WINDOW}, returns that job instead,
     * so a retried request loads nothing twice. The same key with another link (or file name), mode, maxRejectRatio or ifChanged is refused
     * ({@link IdempotencyKeyReused}). One request at a time: two with one key make one job.
     */
    public Submission submit(JobRequest request) {
        try {
            Submission submitted = admit(request);
            if (submitted.replayed() && request.upload() != null) {
                request.upload().close(); // the earlier job has the file: this body is let go unread
            }
            return submitted;
        } catch (RuntimeException e) {
            if (request.upload() != null) {
                request.upload().close();
            }
            throw e;
        }
    }

    private synchronized Submission admit(JobRequest request) {
        String idempotencyKey = request.idempotencyKey();
        if (idempotencyKey != null) {
            Optional<IngestionView> earlier = madeWith(idempotencyKey);
            if (earlier.isPresent()) {
                IngestionView job = earlier.get();
                if (!job.url().equals(Links.redact(request.url())) || job.mode() != request.mode()
                        || Double.compare(job.maxRejectRatio(), request.maxRejectRatio()) != 0 || job.ifChanged() != request.ifChanged()) {
                    throw new IdempotencyKeyReused(idempotencyKey, job.id());
                }
                return new Submission(job, true);
            }
        }
        Upload upload = request.upload();
        IngestionJob job = upload == null
                ? new IngestionJob(request.url(), request.mode(), request.maxRejectRatio(), idempotencyKey, request.ifChanged())
                : new IngestionJob(upload, request.mode(), request.maxRejectRatio(), idempotencyKey);
        live.put(job.id, job);
        try {
            store.save(job.view(), job.attempt());
        } catch (Exception e) {
            LOG.warn("ingestion {}: job state not saved: {}", job.id, e.getMessage());
        }
        worker.execute(() -> {
            ScheduledFuture<?> deadline = progress.schedule(() -> job.interrupt(overtime), maxJobDuration.toMillis(), TimeUnit.MILLISECONDS);
            try {
                runner.run(job);
            } finally {
                deadline.cancel(false);
                if (upload != null) {
                    upload.close(); // the request is answered now, however the job ended
                }
            }
        });
        return new Submission(job.view(), false);
    }

    /** The newest job made within the window by a request with this key: one this process runs, else as stored. */
    private Optional<IngestionView> madeWith(String idempotencyKey) {
        Instant since = Instant.now().minus(IDEMPOTENCY_WINDOW);
        Optional<IngestionView> running = live.values().stream()
                .filter(j -> idempotencyKey.equals(j.idempotencyKey) && j.createdAt.isAfter(since))
                .max(Comparator.comparing((IngestionJob j) -> j.createdAt)).map(IngestionJob::view);
        return running.isPresent() ? running : store.byIdempotencyKey(idempotencyKey, since).map(JobStore.Stored::view);
    }

    /** An Idempotency-Key that made a job for another request. */
    public static final class IdempotencyKeyReused extends RuntimeException {
        public final String jobId;

        IdempotencyKeyReused(String key, String jobId) {
            super("Idempotency-Key " + key + " made job " + jobId + " for another link (or file name), mode, maxRejectRatio or ifChanged");
            this.jobId = jobId;
        }
    }

    public Optional<IngestionJob> live(String id) {
        return Optional.ofNullable(live.get(id));
    }

    /** A job by id with the attempt its rejects belong to: live if this process runs it, else as stored. */
    public Optional<JobStore.Stored> find(String id) {
        IngestionJob job = live.get(id);
        if (job != null) {
            return Optional.of(new JobStore.Stored(job.view(), job.attempt()));
        }
        return store.byId(id); // unreadable: the caller's 503, not a "not found"
    }

    /** A page of jobs, newest first, as stored, with this process's live counters for the jobs it runs. */
    public JobStore.Page page(int limit, JobCursor after) {
        JobStore.Page page = store.page(limit, after);
        List<JobStore.Stored> jobs = page.jobs().stream().map(s -> Optional.ofNullable(live.get(s.view().id()))
                .map(j -> new JobStore.Stored(j.view(), j.attempt())).orElse(s)).toList();
        return new JobStore.Page(jobs, page.next());
    }

    /** At start-up: jobs another run of this service left queued or running failed; their partial tables go. */
    void markInterrupted() {
        while (true) {
            List<JobStore.Stored> batch = store.unfinished(BATCH);
            List<JobStore.Stored> others = batch.stream().filter(s -> !live.containsKey(s.view().id())).toList(); // not this run's
            for (JobStore.Stored stored : others) {
                tables.dropTable(IngestionJob.tableFor(stored.view().id()));
                store.save(JobStore.failed(stored.view(), INTERRUPTED), stored.attempt());
                LOG.info("ingestion {} marked interrupted", stored.view().id());
            }
            if (others.isEmpty() || batch.size() < BATCH) {
                return;
            }
        }
    }

    /**
     * Stores running jobs' counters and final states not yet stored; a job whose final state is stored leaves the live
     * map a while later (readers then get it as stored), so memory does not grow with the number of jobs.
     */
    private void saveRunning() {
        live.values().stream().filter(IngestionJob::needsSaving).forEach(j -> {
            try {
                store.save(j.view(), j.attempt());
                j.saved();
            } catch (Exception e) {
                LOG.debug("progress of {} not saved: {}", j.id, e.getMessage());
            }
        });
        Instant forgetBefore = Instant.now().minus(KEEP_FINISHED_LIVE);
        live.values().removeIf(j -> !j.needsSaving() && j.finishedBefore(forgetBefore));
    }

    @PreDestroy
    void stop() {
        progress.shutdownNow();
        live.values().forEach(job -> job.interrupt(INTERRUPTED));
        worker.shutdownNow();
    }
}
