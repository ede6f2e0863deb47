package games.analytics.query.clickhouse;

import games.analytics.clickhouse.ClickHouseHealthDetails;
import jakarta.inject.Singleton;
import java.util.Map;
import reactor.core.publisher.Mono;

/** /health (with a token) also says which table is published, or that nothing has been ingested yet. */
@Singleton
final class PublishedTableHealth implements ClickHouseHealthDetails {

    private static final String NONE = "none (nothing ingested yet)";
    private final GamesReader reader;

    PublishedTableHealth(GamesReader reader) {
        this.reader = reader;
    }

    @Override
    public Mono<Map<String, Object>> details() {
        return reader.currentTable().defaultIfEmpty(NONE).onErrorReturn(NONE).map(table -> Map.of("currentTable", table));
    }
}
