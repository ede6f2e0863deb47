package games.analytics.query.clickhouse;

import com.clickhouse.client.api.Client;
import games.analytics.clickhouse.ClickHouseConnection;
import games.analytics.testing.ClickHouseServer;
import java.time.Duration;

/** A {@link GamesReader} on the test ClickHouse, as the deployment's read-only user, with its own pool and counts. */
final class ReaderUnderTest implements AutoCloseable {

    final ClickHouseServer ch = ClickHouseServer.get();
    final ClickHouseServer.Credentials user = ch.queryUser();
    final QueryThreads threads;
    final GamesReader reader;
    private final Client client;

    ReaderUnderTest(int connections, long maxResultRows) {
        ClickHouseConnection connection = new ClickHouseConnection(ch.url(), user.user(), user.password(),
                ClickHouseServer.SERVICE_DATABASE, connections);
        QueryLimits limits = new QueryLimits(30, maxResultRows, 1000, 1);
        this.client = connection.newClient(30, Duration.ofSeconds(ClickHouseConnection.DEFAULT_KEEP_ALIVE_SECONDS), true); // as the query-service
        this.threads = new QueryThreads(limits);
        this.reader = new GamesReader(client, connection, limits, threads);
    }

    @Override
    public void close() {
        reader.close();
        client.close();
    }
}
