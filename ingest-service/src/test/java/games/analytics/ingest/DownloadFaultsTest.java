package games.analytics.ingest;

import static games.analytics.ingest.IngestTestSupport.currentTable;
import static games.analytics.ingest.IngestTestSupport.fingerprint;
import static games.analytics.ingest.IngestTestSupport.generated;
import static games.analytics.ingest.IngestTestSupport.ingest;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.ingest.job.IngestMode;
import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import games.analytics.ingest.job.RejectedRow;
import games.analytics.ingest.job.RejectsPage;
import games.analytics.ingest.run.IngestionJob;
import games.analytics.testing.CsvFileServer.Route;
import games.analytics.testing.TestData;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Real HTTP servers that misbehave, a real ClickHouse behind: every failure explained, nothing half-done visible. */
@MicronautTest
@org.junit.jupiter.api.Timeout(90)
class DownloadFaultsTest extends ServiceOnClickHouse {

    static final byte[] SAMPLE = TestData.bytes(TestData.SAMPLE);

    @Inject
    io.micronaut.runtime.server.EmbeddedServer server;

    DownloadFaultsTest() throws IOException {
        super("faults", "ingest.batch-bytes", "262144", "ingest.idle-timeout", "2s", "ingest.download-attempts", "3", "ingest.max-download-bytes", "5000000");
    }

    IngestionView ingestUrl(String url) {
        return ingest(http, Map.of("url", url));
    }

    String baseline() {
        IngestionView plain = ingestUrl(files.serve("/baseline-" + System.nanoTime() + ".csv", SAMPLE));
        assertEquals(IngestionStatus.succeeded, plain.status(), plain.error());
        return fingerprint(ch, db);
    }

    @Test
    void errorStatusesFailWithTheStatusAndRetryOnlyServerErrors() {
        IngestionView notFound = ingestUrl(files.url("/missing.csv"));
        assertEquals("download failed: the server answered HTTP 404 Not Found", notFound.error());
        assertEquals(1, files.requests().stream().filter(r -> r.equals("/missing.csv")).count());
        IngestionView broken = ingestUrl(files.serve("/500.csv", Route.csv(new byte[10]).status(500, "text/plain")));
        assertEquals("download failed: the server answered HTTP 500 Internal Server Error", broken.error());
        assertEquals(3, files.requests().stream().filter(r -> r.equals("/500.csv")).count()); // ingest.download-attempts
    }

    @Test
    void bodiesThatAreNotCsvFailFast() {
        byte[] html = "<!DOCTYPE html><html><body>Sign in</body></html>".getBytes();
        assertTrue(ingestUrl(files.serve("/login", Route.csv(html).status(200, "text/html; charset=utf-8"))).error().contains("text/html, not CSV"));
        assertTrue(ingestUrl(files.serve("/login2", Route.csv(html).status(200, "text/plain"))).error().contains("HTML or XML, not CSV"));
        assertTrue(ingestUrl(files.serve("/api", Route.csv("{\"a\":1}".getBytes()).status(200, "application/octet-stream"))).error().contains("JSON, not CSV"));
        assertTrue(ingestUrl(files.serve("/bin", Route.csv(new byte[] {1, 0, 2, 0}).status(200, "application/octet-stream"))).error().contains("binary"));
        assertTrue(ingestUrl(files.serve("/big.csv", generated(6_000_000, 3))).error().contains("above the limit of 5000000 bytes"));
    }

    @Test
    void redirectsAndGzipAreFollowed() throws IOException {
        String expected = baseline();
        files.serve("/real.csv", SAMPLE);
        assertEquals(IngestionStatus.succeeded, ingestUrl(files.redirect("/short", files.url("/real.csv"))).status());
        assertEquals(expected, fingerprint(ch, db));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(SAMPLE);
        }
        IngestionView csvGz = ingestUrl(files.serve("/games.csv.gz", Route.csv(gz.toByteArray()).status(200, "application/gzip")));
        assertEquals(IngestionStatus.succeeded, csvGz.status(), csvGz.error());
        assertEquals(expected, fingerprint(ch, db));
        IngestionView encoded = ingestUrl(files.serve("/encoded.csv", Route.csv(gz.toByteArray()).header("Content-Encoding", "gzip")));
        assertEquals(IngestionStatus.succeeded, encoded.status(), encoded.error());
        assertEquals(expected, fingerprint(ch, db));
    }

    @Test
    void aBodyCutMidStreamResumesWithRangeOrRestartsCleanly() {
        byte[] file = generated(600_000, 11);
        ingestUrl(files.serve("/whole.csv", file));
        String expected = fingerprint(ch, db);

        IngestionView resumed = ingestUrl(files.serve("/ranged.csv", Route.csv(file).withRanges().cut(250_000, 1)));
        assertEquals(IngestionStatus.succeeded, resumed.status(), resumed.error());
        assertEquals(expected, fingerprint(ch, db));
        assertTrue(files.requests().contains("/ranged.csv bytes=250000-"), files.requests().toString());
        assertEquals(resumed.rowsRead(), resumed.rowsInserted() + resumed.rowsRejected());
        assertEquals(file.length, resumed.bytesRead());

        IngestionView restarted = ingestUrl(files.serve("/plain.csv", Route.csv(file).cut(250_000, 1)));
        assertEquals(IngestionStatus.succeeded, restarted.status(), restarted.error());
        assertEquals(expected, fingerprint(ch, db));
        assertTrue(restarted.notes().stream().anyMatch(n -> n.contains("restarted from the beginning")), restarted.notes().toString());
        assertEquals(file.length, restarted.bytesRead());
        assertEquals(restarted.rowsRead(), restarted.rowsInserted());
    }

    @Test
    void aStalledServerHitsTheIdleTimeoutAndThePreviousDataStays() {
        baseline();
        String table = currentTable(ch, db);
        IngestionView stalled = ingestUrl(files.serve("/stall.csv", Route.csv(generated(400_000, 5)).stallAfter(100_000)));
        assertEquals(IngestionStatus.failed, stalled.status());
        assertTrue(stalled.error().startsWith("download failed: the download broke (no data from the server for 2 s)"), stalled.error());
        assertEquals(table, currentTable(ch, db));
        assertEquals("0\n", ch.sql("SELECT count() FROM system.tables WHERE database = '" + db + "' AND name = '"
                + IngestionJob.tableFor(stalled.id()) + "'"));
    }

    @Test
    void cancelStopsTheDownloadAndDropsPartialData() {
        baseline();
        String table = currentTable(ch, db);
        IngestionView job = IngestTestSupport.post(http, Map.of("url", files.serve("/slow.csv", Route.csv(generated(2_000_000, 7)).slow(50))));
        await().atMost(Duration.ofSeconds(30)).until(() -> IngestTestSupport.get(http, job.id()).rowsRead() > 0);
        HttpResponse<IngestionView> cancel = http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/ingestions/" + job.id()), IngestionView.class);
        assertEquals(HttpStatus.ACCEPTED, cancel.getStatus());
        IngestionView done = IngestTestSupport.await(http, job.id(), Duration.ofSeconds(30));
        assertEquals(IngestionStatus.cancelled, done.status());
        assertEquals("cancelled", done.error());
        assertEquals(table, currentTable(ch, db));
        assertEquals("0\n", ch.sql("SELECT count() FROM system.tables WHERE database = '" + db + "' AND name = '"
                + IngestionJob.tableFor(job.id()) + "'"));
        var again = org.junit.jupiter.api.Assertions.assertThrows(io.micronaut.http.client.exceptions.HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/ingestions/" + job.id())));
        assertEquals(HttpStatus.CONFLICT, again.getStatus());
    }

    @Test
    void progressIsStreamedAsServerSentEventsAtLeastOnceASecond() throws Exception {
        byte[] file = generated(1_500_000, 9);
        IngestionView job = IngestTestSupport.post(http, Map.of("url", files.serve("/sse.csv", Route.csv(file).slow(15))));
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        URI events = URI.create("http://localhost:" + server.getPort() + "/api/v1/ingestions/" + job.id() + "/events");
        List<String> lines = client.send(java.net.http.HttpRequest.newBuilder(events)
                        .header("Authorization", "Bearer " + games.analytics.security.testing.TestTokens.valid("ingest")).build(), BodyHandlers.ofLines()).body()
                .toList();
        List<String> data = lines.stream().filter(l -> l.startsWith("data:")).toList();
        // each event's id is the server's clock when it was sent: one a second, never a longer gap
        List<Long> sent = lines.stream().filter(l -> l.startsWith("id:")).map(l -> Long.parseLong(l.substring(3).strip())).toList();
        assertTrue(data.size() >= 2 && sent.size() == data.size(), lines.toString());
        for (int i = 1; i < sent.size(); i++) {
            assertTrue(sent.get(i) - sent.get(i - 1) < 1_500, "events " + (i - 1) + " and " + i + " were " + (sent.get(i) - sent.get(i - 1)) + " ms apart");
        }
        String last = data.getLast();
        assertTrue(last.contains("\"status\":\"succeeded\"") && last.contains("\"bytesTotal\":" + file.length), last);
        assertTrue(data.stream().anyMatch(d -> d.contains("\"status\":\"running\"") && d.contains("\"etaSeconds\":")), data.get(0));
    }

    @Test
    void appendAddsToTheCurrentDataWithUniqueSourceRows() {
        baseline();
        IngestionView appended = ingest(http, Map.of("url", files.serve("/more.csv", TestData.bytes(TestData.UPSTREAM_1000)), "mode", "append"));
        assertEquals(IngestionStatus.succeeded, appended.status(), appended.error());
        assertEquals(IngestMode.append, appended.mode());
        assertEquals("1100\t1100\n", ch.sql("SELECT count(), uniqExact(source_row) FROM " + db + "." + currentTable(ch, db)));
        assertEquals(2, ch.sql("SELECT name FROM system.tables WHERE database = '" + db + "' AND startsWith(name, 'games_') AND name != 'games_current'")
                .lines().count()); // the new table and its year index
    }

    @Test
    void tooManyRejectsFailAndPublishNothing() {
        baseline();
        String table = currentTable(ch, db);
        StringBuilder csv = new StringBuilder(IngestionTest.HEADER);
        for (int i = 0; i < 250; i++) {
            boolean bad = i % 2 == 0;
            csv.append('\n').append(i + 1).append(",Game ").append(i).append(",\"Oct 1, 2010\",0,").append(bad ? "free" : "1.99")
                    .append(",0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e");
        }
        byte[] body = csv.toString().getBytes();
        IngestionView failed = ingestUrl(files.serve("/half-bad.csv", body));
        assertEquals("125 of 250 rows were rejected (50.0%), above maxRejectRatio 0.1; nothing was published (see rejects)", failed.error());
        assertEquals(table, currentTable(ch, db));
        assertEquals(failed.rowsRead(), failed.rowsInserted() + failed.rowsRejected());

        // every reject is kept, paged in file order, also as CSV
        List<RejectedRow> all = new java.util.ArrayList<>();
        String cursor = null;
        do {
            RejectsPage page = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/ingestions/" + failed.id() + "/rejects?limit=50"
                    + (cursor == null ? "" : "&cursor=" + cursor)), RejectsPage.class);
            all.addAll(page.data());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(125, all.size());
        assertEquals(new RejectedRow(2, 1, "price", "cannot parse \"free\" as a decimal number",
                "1,Game 0,\"Oct 1, 2010\",0,free,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e"), all.get(0));
        String rejectsCsv = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/ingestions/" + failed.id() + "/rejects?limit=2&format=csv"));
        assertEquals("line,source_row,column,reason,raw\r\n2,1,price,\"cannot parse \"\"free\"\" as a decimal number\",\"1,Game 0,\"\"Oct 1, 2010\"\",0,free,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e\"\r\n"
                + "4,3,price,\"cannot parse \"\"free\"\" as a decimal number\",\"3,Game 2,\"\"Oct 1, 2010\"\",0,free,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e\"\r\n", rejectsCsv);

        IngestionView tolerated = ingest(http, Map.of("url", files.url("/half-bad.csv"), "maxRejectRatio", 0.5));
        assertEquals(IngestionStatus.succeeded, tolerated.status(), tolerated.error());
        assertEquals(125, tolerated.rowsInserted());
    }
}
