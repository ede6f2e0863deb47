package games.analytics.ingest;

import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.CsvFileServer;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of the {@code @MicronautTest} classes: the service under test writes to a fresh database of the real
 * ClickHouse and downloads from a real HTTP file server on loopback (so private addresses are allowed here);
 * {@code extra} are more properties, in pairs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServiceOnClickHouse implements TestPropertyProvider {

    final ClickHouseServer ch = ClickHouseServer.get();
    final String db;
    final CsvFileServer files;
    private final String[] extra;

    @Inject
    @Client("/")
    HttpClient http;

    ServiceOnClickHouse(String databasePrefix, String... extra) throws IOException {
        this.db = ch.newDatabase(databasePrefix);
        this.files = new CsvFileServer();
        this.extra = extra;
    }

    @Override
    public Map<String, String> getProperties() {
        return ch.properties(db, Stream.concat(Stream.of("ingest.url-policy.allow-private", "true"), Arrays.stream(extra))
                .toArray(String[]::new));
    }

    @AfterAll
    void stopFiles() {
        files.close();
    }
}
