package games.analytics.clickhouse;

import java.util.Map;
import reactor.core.publisher.Mono;

/** More {@code /health} details a service knows about its data in ClickHouse, asked only when ClickHouse answers. */
public interface ClickHouseHealthDetails {
    Mono<Map<String, Object>> details();
}
