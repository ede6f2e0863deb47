package games.analytics.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.CsvFileServer;
import games.analytics.testing.ServiceJar;
import games.analytics.testing.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shaded jar as users run it: starts, migrates, downloads with the HTTP client and inserts. */
class PackagedJarIT {

    @Test
    void packagedJarIngestsTheSample() throws Exception {
        ClickHouseServer ch = ClickHouseServer.get();
        String db = ch.newDatabase("jar");
        HttpClient http = HttpClient.newHttpClient();
        try (CsvFileServer files = new CsvFileServer();
             ServiceJar service = ServiceJar.start(Path.of("target/ingest-service.jar"), ch, db,
                     Map.of("INGEST_URL_POLICY_ALLOW_PRIVATE", "true", // the env names the README documents
                             "JWT_SECRET", TestTokens.SECRET))) {
            String token = "Bearer " + TestTokens.valid(Roles.INGEST);
            String url = files.serve("/sample.csv", TestData.bytes(TestData.SAMPLE));
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/api/v1/ingestions"))
                    .header("Content-Type", "application/json").header("Authorization", token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + url + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, accepted.statusCode(), accepted.body());
            String location = accepted.headers().firstValue("Location").orElseThrow();
            await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(URI.create(service.url() + location)).header("Authorization", token).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("\"status\":\"succeeded\""));
            assertTrue(service.log().contains("succeeded: 100 rows inserted, 0 rejected"), service.log());
        }
    }
}
