package games.analytics.ingest.run;

import games.analytics.ingest.store.GamesStore;
import games.analytics.ingest.store.JobStore;
import games.analytics.ingest.store.RejectStore;
import games.analytics.ingest.store.ScheduleStore;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, on a thread of its own so the service answers meanwhile: creates the database and the service's
 * tables, then marks jobs an earlier run left unfinished as interrupted. A ClickHouse that is still starting gets a
 * few tries, 0.5 s apart and doubling up to 5 s.
 */
@Singleton
class SchemaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);
    static final int ATTEMPTS = 11;

    private final GamesStore store;
    private final JobStore jobs;
    private final RejectStore rejects;
    private final IngestionJobs ingestions;
    private final ClusterRepair repair;
    private final ScheduleStore schedules;

    SchemaMigration(GamesStore store, JobStore jobs, RejectStore rejects, IngestionJobs ingestions, ClusterRepair repair,
                    ScheduleStore schedules) {
        this.repair = repair;
        this.schedules = schedules;
        this.store = store;
        this.jobs = jobs;
        this.rejects = rejects;
        this.ingestions = ingestions;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        Thread.ofPlatform().daemon().name("schema-migration").start(this::migrate);
    }

    private void migrate() {
        Duration wait = Duration.ofMillis(500);
        for (int attempt = 1; ; attempt++) {
            try {
                store.migrate();
                jobs.migrate();
                rejects.migrate();
                schedules.migrate();
                break;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    LOG.error("start-up migration failed: {}", e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(wait); // ClickHouse may still be starting
                } catch (InterruptedException interrupted) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : wait.multipliedBy(2);
            }
        }
        try {
            ingestions.markInterrupted();
            repair.repair();
            LOG.info("schema ready in database {}", store.database());
        } catch (RuntimeException e) {
            LOG.error("start-up migration failed: {}", e.getMessage());
        }
    }
}
