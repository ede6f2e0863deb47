package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** The query-service on an empty database: starts, stays healthy, answers 409 until data arrives. */
@MicronautTest
class NoDataTest extends ServiceOnClickHouse {

    NoDataTest() throws Exception {
        super("empty", null);
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
