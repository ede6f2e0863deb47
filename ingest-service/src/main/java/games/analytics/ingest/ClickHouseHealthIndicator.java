package games.analytics.ingest;

import games.analytics.clickhouse.ClickHouseConnection;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** /health says whether ClickHouse answers, and which one. */
@Singleton
class ClickHouseHealthIndicator implements HealthIndicator {

    private final GamesStore store;
    private final ClickHouseConnection connection;

    ClickHouseHealthIndicator(GamesStore store, ClickHouseConnection connection) {
        this.store = store;
        this.connection = connection;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return store.ping().subscribeOn(Schedulers.boundedElastic())
                .onErrorReturn(false)
                .map(up -> HealthResult.builder("clickhouse", up ? HealthStatus.UP : HealthStatus.DOWN)
                        .details(Map.of("url", connection.url(), "database", connection.database()))
                        .build());
    }
}
