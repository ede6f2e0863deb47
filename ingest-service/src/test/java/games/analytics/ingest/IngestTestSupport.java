package games.analytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import games.analytics.ingest.job.IngestionView;
import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.GamesCsvGenerator;
import games.analytics.testing.TestData;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/** Shared steps of the ingest tests: post a job, wait for its end, look at what landed. */
final class IngestTestSupport {

    private IngestTestSupport() {
    }

    static IngestionView post(HttpClient http, Map<String, Object> body) {
        HttpResponse<IngestionView> accepted = http.toBlocking().exchange(HttpRequest.POST("/api/v1/ingestions", body), IngestionView.class);
        assertEquals(HttpStatus.ACCEPTED, accepted.getStatus());
        return accepted.body();
    }

    static IngestionView get(HttpClient http, String id) {
        return http.toBlocking().retrieve("/api/v1/ingestions/" + id, IngestionView.class);
    }

    static IngestionView await(HttpClient http, String id, Duration atMost) {
        Awaitility.await().atMost(atMost).until(() -> get(http, id).status().finished());
        return get(http, id);
    }

    static IngestionView ingest(HttpClient http, Map<String, Object> body) {
        return await(http, post(http, body).id(), Duration.ofSeconds(60));
    }

    static String currentTable(ClickHouseServer ch, String db) {
        return ch.sql("SELECT table_name FROM " + db + ".games_current ORDER BY version DESC LIMIT 1").strip();
    }

    /** A fingerprint of the published data: identical loads give identical answers. */
    static String fingerprint(ClickHouseServer ch, String db) {
        return ch.sql("SELECT count(), sum(app_id), sum(cityHash64(name, about_game, toString(price), toString(release_date), toString(tags)))"
                + " FROM " + db + "." + currentTable(ch, db));
    }

    /** A seeded CSV in the sample's format of about {@code bytes}. */
    static byte[] generated(long bytes, long seed) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new GamesCsvGenerator(TestData.bytes(TestData.SAMPLE), seed).write(out, bytes);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
