package games.analytics.query;

import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.TestDataset;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** The query-service on a random port over a fresh database in which {@code csv} is the published data. */
final class QueryServiceUnderTest implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = TestTokens.valid(Roles.ANALYST);

    final ClickHouseServer ch;
    final String db;
    final EmbeddedServer server;

    private QueryServiceUnderTest(ClickHouseServer ch, String db, EmbeddedServer server) {
        this.ch = ch;
        this.db = db;
        this.server = server;
    }

    static QueryServiceUnderTest start(String databasePrefix, byte[] csv) throws Exception {
        return start(databasePrefix, csv, Map.of());
    }

    /** With {@code extra} properties on top of the database's, e.g. a smaller connection pool. */
    static QueryServiceUnderTest start(String databasePrefix, byte[] csv, Map<String, Object> extra) throws Exception {
        ClickHouseServer ch = ClickHouseServer.get();
        String db = ch.newDatabase(databasePrefix);
        TestDataset.publish(ch, db, csv);
        Map<String, Object> properties = new HashMap<>(Map.of("clickhouse.url", ch.url(),
                "clickhouse.user", ch.user(), "clickhouse.password", ch.password(), "clickhouse.database", db));
        properties.putAll(extra);
        return new QueryServiceUnderTest(ch, db, ApplicationContext.run(EmbeddedServer.class, properties, "test"));
    }

    /** GET with an analyst's token. */
    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURI() + pathAndQuery)).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}
