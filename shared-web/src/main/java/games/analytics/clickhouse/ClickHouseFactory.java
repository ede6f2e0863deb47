package games.analytics.clickhouse;

import com.clickhouse.client.api.Client;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/** The one ClickHouse client of a service, from {@code clickhouse.*}; each service sets its own socket timeout. */
@Factory
class ClickHouseFactory {

    @Singleton
    ClickHouseConnection connection(@Value("${clickhouse.url}") String url,
                                    @Value("${clickhouse.user}") String user,
                                    @Value("${clickhouse.password:}") String password,
                                    @Value("${clickhouse.database}") String database,
                                    @Value("${clickhouse.max-connections:" + ClickHouseConnection.DEFAULT_MAX_CONNECTIONS + "}") int maxConnections) {
        return new ClickHouseConnection(url, user, password, database, maxConnections);
    }

    /** Queries are bounded on the server (max_execution_time), inserts of a batch may take minutes on a slow disk. */
    @Singleton
    @Bean(preDestroy = "close")
    Client client(ClickHouseConnection connection, @Value("${clickhouse.socket-timeout:120s}") Duration socketTimeout) {
        return connection.newClient(socketTimeout.toSeconds());
    }
}
