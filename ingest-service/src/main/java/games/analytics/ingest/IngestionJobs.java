package games.analytics.ingest;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Known jobs and the single worker that runs them one at a time, in the order they were asked for. */
@Singleton
class IngestionJobs {

    private final Map<String, IngestionJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ingest-worker");
        thread.setDaemon(true);
        return thread;
    });
    private final IngestionRunner runner;
    private final int maxRejectSamples;

    IngestionJobs(IngestionRunner runner, @Value("${ingest.max-reject-samples}") int maxRejectSamples) {
        this.runner = runner;
        this.maxRejectSamples = maxRejectSamples;
    }

    IngestionJob submit(URI url) {
        IngestionJob job = new IngestionJob(url, maxRejectSamples);
        jobs.put(job.id, job);
        worker.execute(() -> runner.run(job));
        return job;
    }

    Optional<IngestionJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Newest first. */
    List<IngestionJob> all() {
        return jobs.values().stream().sorted(Comparator.comparing((IngestionJob j) -> j.createdAt).reversed()).toList();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
