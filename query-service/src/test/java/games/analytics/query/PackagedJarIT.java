package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.ServiceJar;
import games.analytics.testing.TestData;
import games.analytics.testing.TestDataset;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shaded jar as users run it: starts and streams query results from ClickHouse. */
class PackagedJarIT {

    @Test
    void packagedJarAnswersQueries() throws Exception {
        ClickHouseServer ch = ClickHouseServer.get();
        String db = ch.newDatabase("jar");
        TestDataset.publish(ch, db, TestData.bytes(TestData.SAMPLE));
        try (ServiceJar service = ServiceJar.start(Path.of("target/query-service.jar"), ch, db,
                Map.of("JWT_SECRET", TestTokens.SECRET))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(service.url() + "/api/v1/games?name=galactic"))
                    .header("Authorization", "Bearer " + TestTokens.valid(Roles.ANALYST)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().startsWith("{\"data\":[{\"app_id\":20200,\"name\":\"Galactic Bowling\""), response.body());
        }
    }
}
