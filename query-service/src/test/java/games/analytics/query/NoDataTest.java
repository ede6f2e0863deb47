package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.testing.ClickHouseServer;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The query-service on an empty database: starts, stays healthy, answers 409 until data arrives. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoDataTest implements TestPropertyProvider {

    final ClickHouseServer ch = ClickHouseServer.get();
    final String db = ch.newDatabase("empty");

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return ch.properties(db);
    }

    @Test
    void answers409BeforeTheFirstIngestion() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve("/api/v1/games?name=x"));
        assertEquals(HttpStatus.CONFLICT, e.getStatus());
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        assertTrue(e.getResponse().getBody(String.class).orElseThrow().contains("no data ingested yet"));
        String health = http.toBlocking().retrieve("/health");
        assertTrue(health.contains("\"status\":\"UP\"") && health.contains("nothing ingested yet"), health);
    }
}
