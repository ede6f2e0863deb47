package games.analytics.clickhouse;

import com.clickhouse.client.api.Client;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** /health says whether ClickHouse answers, which one, and what the service adds about its data. */
@Singleton
class ClickHouseHealthIndicator implements HealthIndicator {

    private final Client client;
    private final ClickHouseConnection connection;
    private final List<ClickHouseHealthDetails> extras;

    ClickHouseHealthIndicator(Client client, ClickHouseConnection connection, List<ClickHouseHealthDetails> extras) {
        this.client = client;
        this.connection = connection;
        this.extras = extras;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> base = Map.of("url", connection.url(), "database", connection.database());
        return Mono.fromCallable(() -> client.ping(2_000)).subscribeOn(Schedulers.boundedElastic())
                .onErrorReturn(false)
                .flatMap(up -> !up ? Mono.just(result(false, base))
                        : Flux.fromIterable(extras).concatMap(ClickHouseHealthDetails::details)
                                .reduce(new LinkedHashMap<>(base), (all, more) -> {
                                    all.putAll(more);
                                    return all;
                                })
                                .map(all -> result(true, all)));
    }

    private static HealthResult result(boolean up, Map<String, Object> details) {
        return HealthResult.builder("clickhouse", up ? HealthStatus.UP : HealthStatus.DOWN).details(details).build();
    }
}
