package games.analytics.query.clickhouse;

import games.analytics.clickhouse.ClickHouseConnection;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.scheduler.Schedulers;

/** /health says whether ClickHouse answers and whether any data has been published yet. */
@Singleton
class ClickHouseHealthIndicator implements HealthIndicator {

    private final GamesReader reader;
    private final ClickHouseConnection connection;

    ClickHouseHealthIndicator(GamesReader reader, ClickHouseConnection connection) {
        this.reader = reader;
        this.connection = connection;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return reader.ping().subscribeOn(Schedulers.boundedElastic())
                .onErrorReturn(false)
                .flatMap(up -> !up ? reactor.core.publisher.Mono.just(result(false, null))
                        : reader.currentTable().map(t -> result(true, t)).defaultIfEmpty(result(true, null))
                                .onErrorReturn(result(true, null)));
    }

    private HealthResult result(boolean up, String table) {
        return HealthResult.builder("clickhouse", up ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("url", connection.url(), "database", connection.database(),
                        "currentTable", table == null ? "none (nothing ingested yet)" : table))
                .build();
    }
}
