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
                                    @Value("${clickhouse.max-connections:" + ClickHouseConnection.DEFAULT_MAX_CONNECTIONS + "}") int maxConnections,
                                    @Value("${clickhouse.cluster:}") String cluster) {
        return new ClickHouseConnection(url, user, password, database, maxConnections, cluster);
    }

    /**
     * Queries are bounded on the server (max_execution_time), inserts of a batch may take minutes on a slow disk. Idle
     * connections are dropped after 2 s by default, before ClickHouse's keep_alive_timeout (the 18.16 here closed them after ~10 s)
     * or a proxy's idle timeout closes them; only the query-service resends a request whose connection closed unanswered
     * (see {@link ClickHouseConnection#newClient}).
     */
    @Singleton
    @Bean(preDestroy = "close")
    Client client(ClickHouseConnection connection, @Value("${clickhouse.socket-timeout:120s}") Duration socketTimeout,
                  @Value("${clickhouse.keep-alive:" + ClickHouseConnection.DEFAULT_KEEP_ALIVE_SECONDS + "s}") Duration keepAlive,
                  @Value("${clickhouse.resend-unanswered:false}") boolean resendUnanswered) {
        return connection.newClient(socketTimeout.toSeconds(), keepAlive, resendUnanswered);
    }
}
