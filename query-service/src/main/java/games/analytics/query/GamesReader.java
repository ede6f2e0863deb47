package games.analytics.query;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import games.analytics.clickhouse.ClickHouseConnection;
import games.analytics.model.GamesTable;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The query-service's ClickHouse access: which table is current, and streamed SELECTs against it. */
@Singleton
class GamesReader {

    /** ClickHouse error code for a table that does not exist. */
    static final int UNKNOWN_TABLE = 60;

    private final Client client;
    private final String database;
    private final String maxExecutionTime;

    GamesReader(Client client, ClickHouseConnection connection,
                @Value("${query.max-execution-time-seconds}") int maxExecutionTime) {
        this.client = client;
        this.database = connection.database();
        this.maxExecutionTime = Integer.toString(maxExecutionTime);
    }

    String database() {
        return database;
    }

    /** The table the newest successful ingestion published; empty before the first one. */
    Mono<String> currentTable() {
        return stream(GamesTable.selectCurrentTable(database))
                .publishOn(Schedulers.boundedElastic())
                .map(response -> {
                    try (response; InputStream in = response.getInputStream()) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                    } catch (Exception e) {
                        throw new IllegalStateException("reading the current table: " + e.getMessage(), e);
                    }
                })
                .filter(name -> !name.isEmpty())
                .onErrorResume(GamesReader::isUnknownTable, e -> Mono.empty()); // no ingestion has migrated yet
    }

    /** Starts a TSV SELECT; the caller reads and closes the response body. */
    Mono<QueryResponse> stream(String sql) {
        QuerySettings settings = new QuerySettings()
                .setFormat(ClickHouseFormat.TabSeparated) // and FORMAT in the SQL: 18.16 ignores this header
                .serverSetting("max_execution_time", maxExecutionTime);
        return Mono.fromFuture(() -> client.query(sql, settings));
    }

    Mono<Boolean> ping() {
        return Mono.fromCallable(() -> client.ping(2_000));
    }

    static boolean isUnknownTable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // 18.16's error format leaves getCode() unset; its message still starts "Code: 60,"
            if (cause instanceof ServerException server && (server.getCode() == UNKNOWN_TABLE
                    || String.valueOf(server.getMessage()).matches("(?s)^Code: " + UNKNOWN_TABLE + "\\D.*"))) {
                return true;
            }
        }
        return false;
    }
}
