package games.analytics.query;

import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.TestDataset;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of the {@code @MicronautTest} classes: the service under test reads a fresh database of the real
 * ClickHouse, in which {@code csv} (if any) is the published data; {@code extra} are more properties, in pairs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServiceOnClickHouse implements TestPropertyProvider {

    final ClickHouseServer ch = ClickHouseServer.get();
    final String db;
    private final String[] extra;

    @Inject
    @Client("/")
    HttpClient http;

    ServiceOnClickHouse(String databasePrefix, byte[] csv, String... extra) throws Exception {
        this.db = ch.newDatabase(databasePrefix);
        this.extra = extra;
        if (csv != null) {
            TestDataset.publish(ch, db, csv);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return ch.properties(db, extra);
    }
}
