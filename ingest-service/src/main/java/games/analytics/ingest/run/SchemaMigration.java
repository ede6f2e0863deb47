package games.analytics.ingest.run;

import games.analytics.ingest.store.GamesStore;
import games.analytics.ingest.store.JobStore;
import games.analytics.ingest.store.RejectStore;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * At start-up: creates the database and the service's tables, then marks jobs an earlier run left
 * unfinished as interrupted. A ClickHouse that is still starting gets a few tries.
 */
@Singleton
class SchemaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    private final GamesStore store;
    private final JobStore jobs;
    private final RejectStore rejects;
    private final IngestionJobs ingestions;

    SchemaMigration(GamesStore store, JobStore jobs, RejectStore rejects, IngestionJobs ingestions) {
        this.store = store;
        this.jobs = jobs;
        this.rejects = rejects;
        this.ingestions = ingestions;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        store.migrate().then(jobs.migrate()).then(rejects.migrate())
                .retryWhen(Retry.backoff(10, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(5)))
                .then(Mono.fromRunnable(ingestions::markInterrupted).subscribeOn(Schedulers.boundedElastic()))
                .doOnSuccess(v -> LOG.info("schema ready in database {}", store.database()))
                .doOnError(e -> LOG.error("start-up migration failed: {}", e.getMessage()))
                .subscribe();
    }
}
