package games.analytics.query.clickhouse;

import com.clickhouse.client.api.Client;
import games.analytics.clickhouse.ClickHouseConnection;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

@Factory
class ClickHouseFactory {

    @Singleton
    ClickHouseConnection connection(@Value("${clickhouse.url}") String url,
                                    @Value("${clickhouse.user}") String user,
                                    @Value("${clickhouse.password:}") String password,
                                    @Value("${clickhouse.database}") String database) {
        return new ClickHouseConnection(url, user, password, database);
    }

    /** Queries are bounded by max_execution_time on the server; the socket timeout is a backstop. */
    @Singleton
    @Bean(preDestroy = "close")
    Client client(ClickHouseConnection connection) {
        return connection.newClient(120);
    }
}
