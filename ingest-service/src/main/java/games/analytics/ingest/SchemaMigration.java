package games.analytics.ingest;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the database and pointer table at start-up; a ClickHouse that is still starting gets a few tries. */
@Singleton
class SchemaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    private final GamesStore store;

    SchemaMigration(GamesStore store) {
        this.store = store;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        store.migrate()
                .retryWhen(reactor.util.retry.Retry.backoff(10, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(5)))
                .doOnSuccess(v -> LOG.info("schema ready in database {}", store.database()))
                .doOnError(e -> LOG.error("schema migration failed: {}", e.getMessage()))
                .subscribe();
    }
}
