package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The OpenAPI document, as the build completes it (OpenApiDocumentsIT checks it whole), is served with Swagger UI. */
@MicronautTest
class OpenApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void specAndSwaggerUiAreServed() {
        String spec = http.toBlocking().retrieve(HttpRequest.GET("/swagger/games-query-service-0.1.0.yml"));
        assertTrue(spec.contains("/api/v1/games/aggregate:"), spec);
        assertTrue(spec.contains("name: group_by"), spec);
        assertTrue(spec.contains("name: cursor"), spec);
        assertTrue(spec.contains("/api/v1/games/describe:") && spec.contains("name: columns"), "describe() is documented: " + spec);
        assertTrue(spec.contains("/api/v1/games/{app_id}/similar:") && spec.contains("'404':"), "similar games are documented: " + spec);
        assertTrue(spec.contains("name: price__between") && spec.contains("$ref: '#/components/schemas/GamesPage'")
                && spec.contains("application/problem+json"), "the served document is the one the build completed: " + spec);
        assertTrue(spec.contains("scheme: bearer") && spec.contains("bearerFormat: JWT"), "the token requirement is documented: " + spec);
        assertTrue(!spec.contains("/auth/check"), "the gateway's token check is not part of the API");
        HttpResponse<String> ui = http.toBlocking().exchange(HttpRequest.GET("/swagger-ui/index.html"), String.class);
        assertEquals(200, ui.code());
        assertTrue(ui.body().contains("games-query-service-0.1.0.yml"), ui.body());
    }
}
