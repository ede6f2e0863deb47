package games.analytics.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import games.analytics.ingest.run.IngestionJob;
import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.CsvFileServer;
import games.analytics.testing.CsvFileServer.Route;
import games.analytics.testing.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A ClickHouse of the test's own that it stops and starts, and a service it stops and starts: jobs fail
 * with a clear reason, nothing partial is ever visible, the previous data stays served.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickHouseAndRestartFaultsTest {

    final ClickHouseServer.Dedicated dedicated = ClickHouseServer.dedicated();
    final ClickHouseServer ch = dedicated.server();
    final CsvFileServer files;

    ClickHouseAndRestartFaultsTest() throws Exception {
        files = new CsvFileServer();
    }

    @AfterAll
    void stop() {
        files.close();
        dedicated.stop();
    }

    EmbeddedServer service(String db) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of("clickhouse.url", ch.url(), "clickhouse.user", ch.user(),
                "clickhouse.password", ch.password(), "clickhouse.database", db, "ingest.url-policy.allow-private", "true",
                "ingest.batch-bytes", "65536", "micronaut.server.port", "-1"));
    }

    static HttpClient client(EmbeddedServer server) {
        return server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    String count(String db) {
        return ch.sql("SELECT count() FROM " + db + "." + IngestTestSupport.currentTable(ch, db)).strip();
    }

    boolean tableExists(String db, String table) {
        return ch.sql("SELECT count() FROM system.tables WHERE database = '" + db + "' AND name = '" + table + "'").strip().equals("1");
    }

    @Test
    void aServiceStoppedMidJobLeavesItInterruptedAndNothingPartial() {
        String db = "restart_" + Long.toHexString(System.nanoTime());
        String jobId;
        try (EmbeddedServer first = service(db)) {
            HttpClient http = client(first);
            await().atMost(Duration.ofSeconds(30)).until(() -> ch.sql("EXISTS TABLE " + db + ".ingestion_jobs").strip().equals("1"));
            assertEquals(IngestionStatus.succeeded, IngestTestSupport.ingest(http, Map.of("url", files.serve("/r1.csv", TestData.bytes(TestData.SAMPLE)))).status());
            IngestionView job = IngestTestSupport.post(http, Map.of("url", files.serve("/r-stall.csv",
                    Route.csv(IngestTestSupport.generated(600_000, 21)).stallAfter(200_000))));
            jobId = job.id();
            await().atMost(Duration.ofSeconds(30)).until(() -> IngestTestSupport.get(http, job.id()).rowsInserted() > 0);
        }
        try (EmbeddedServer second = service(db)) {
            HttpClient http = client(second);
            await().atMost(Duration.ofSeconds(30)).until(() -> IngestTestSupport.get(http, jobId).status() == IngestionStatus.failed);
            IngestionView after = IngestTestSupport.get(http, jobId);
            assertTrue(after.error().startsWith("interrupted"), after.error());
            assertEquals(2, http.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET("/api/v1/ingestions"),
                    games.analytics.ingest.job.JobsPage.class).data().size());
            assertTrue(!tableExists(db, IngestionJob.tableFor(jobId)));
            assertEquals("100", count(db));
        }
    }

    @Test
    void clickHouseDownAtStartOrMidIngestFailsTheJobAndKeepsThePreviousData() {
        String db = "chdown_" + Long.toHexString(System.nanoTime());
        try (EmbeddedServer service = service(db)) {
            HttpClient http = client(service);
            await().atMost(Duration.ofSeconds(30)).until(() -> ch.sql("EXISTS TABLE " + db + ".ingestion_jobs").strip().equals("1"));
            IngestionView first = IngestTestSupport.ingest(http, Map.of("url", files.serve("/c1.csv", TestData.bytes(TestData.SAMPLE))));
            assertEquals(IngestionStatus.succeeded, first.status());

            IngestionView slow = IngestTestSupport.post(http, Map.of("url", files.serve("/c-slow.csv",
                    Route.csv(IngestTestSupport.generated(2_000_000, 23)).slow(20))));
            await().atMost(Duration.ofSeconds(30)).until(() -> IngestTestSupport.get(http, slow.id()).rowsInserted() > 0);
            dedicated.kill();
            IngestionView failed = IngestTestSupport.await(http, slow.id(), Duration.ofSeconds(60));
            assertEquals(IngestionStatus.failed, failed.status());
            assertTrue(failed.error().startsWith("ClickHouse failed"), failed.error());

            // reads of stored jobs and rejects say ClickHouse is down: not a 500, not "not found", not a shortened list
            // (a job of an earlier run is only in ClickHouse, so an id this process does not run cannot be called unknown)
            String earlier = java.util.UUID.randomUUID().toString();
            for (String path : new String[] {"", "/" + earlier, "/" + earlier + "/events", "/" + first.id() + "/rejects",
                    "/" + first.id() + "/rejects?format=csv"}) {
                assertUnavailable(http, "/api/v1/ingestions" + path);
            }
            MeterRegistry metrics = service.getApplicationContext().getBean(MeterRegistry.class);
            assertEquals(5, metrics.get("clickhouse.errors").tags("service", "ingest", "status", "503").counter().count());
            assertEquals(1, metrics.get("clickhouse.errors").tags("service", "ingest", "status", "job").counter().count());

            IngestionView atStart = IngestTestSupport.ingest(http, Map.of("url", files.serve("/c2.csv", TestData.bytes(TestData.SAMPLE))));
            assertEquals(IngestionStatus.failed, atStart.status());
            assertTrue(atStart.error().startsWith("ClickHouse failed"), atStart.error());

            dedicated.start();
            assertEquals("100", count(db)); // the failed job's partial table was never visible
            assertEquals(404, assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(HttpRequest.GET("/api/v1/ingestions/" + earlier))).getStatus().getCode());
            IngestionView next = IngestTestSupport.ingest(http, Map.of("url", files.url("/c1.csv")));
            assertEquals(IngestionStatus.succeeded, next.status(), next.error());
            assertTrue(!tableExists(db, IngestionJob.tableFor(slow.id()))); // and the next job cleared it away
            // the final states that could not be stored while ClickHouse was down are stored once it is back
            await().atMost(Duration.ofSeconds(20)).until(() -> ch.sql("SELECT status FROM " + db + ".ingestion_jobs FINAL WHERE id = '"
                    + slow.id() + "'").strip().equals("failed"));

            // ClickHouse up but answering an error (here: the rejects table is gone): a 502 naming ClickHouse
            ch.sql("DROP TABLE " + db + ".ingestion_rejects");
            HttpClientResponseException error = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(HttpRequest.GET("/api/v1/ingestions/" + first.id() + "/rejects"), String.class));
            assertEquals(502, error.getStatus().getCode());
            String body = error.getResponse().getBody(String.class).orElse("");
            assertTrue(body.contains("\"title\":\"ClickHouse error\"") && body.contains("code 60"), body);
            assertEquals(1, metrics.get("clickhouse.errors").tags("service", "ingest", "status", "502").counter().count());
        }
    }

    /** A 503 problem naming ClickHouse, whatever the endpoint's normal content type. */
    static void assertUnavailable(HttpClient http, String path) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET(path).accept(MediaType.ALL_TYPE), String.class), path);
        assertEquals(503, e.getStatus().getCode(), path + ": " + e.getResponse().getBody(String.class).orElse(""));
        assertEquals("application/problem+json", e.getResponse().getContentType().map(MediaType::toString).orElse(""), path);
        String body = e.getResponse().getBody(String.class).orElse("");
        assertTrue(body.contains("\"title\":\"ClickHouse unavailable\""), path + ": " + body);
    }
}
