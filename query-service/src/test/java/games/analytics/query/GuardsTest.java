package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** ClickHouse's own limits fire and come back as clear problems, not hangs or 500s. */
@MicronautTest
class GuardsTest extends ServiceOnClickHouse {

    GuardsTest() throws Exception {
        super("guards", SampleGames.CSV, "query.max-result-rows", "5");
    }

    @Test
    void tooManyResultRowsIs422() {
        for (String query : java.util.List.of("/api/v1/games?limit=10", "/api/v1/games/aggregate?group_by=genres")) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().retrieve(HttpRequest.GET(query)), query);
            assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.getStatus(), query);
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
            assertTrue(e.getResponse().getBody(String.class).orElseThrow().contains("max_result_rows"));
        }
        assertEquals(3, http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games?limit=3&format=ndjson")).lines().count());
    }
}
