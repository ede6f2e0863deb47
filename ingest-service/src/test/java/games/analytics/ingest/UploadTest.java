package games.analytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import games.analytics.testing.TestData;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Uploads on POST /api/v1/ingestions: a file sent as the body (plain, gzip, in chunks) or as a form's file part
 * loads exactly what the same file behind a link loads; bad parameters are 400s; a client that stops mid-body fails
 * its job and publishes nothing; a file that is not CSV fails like a link's would; a replayed Idempotency-Key gets the
 * first job; names are kept clean.
 */
@MicronautTest
class UploadTest extends ServiceOnClickHouse {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    final HttpClient client = HttpClient.newHttpClient();
    final String token = "Bearer " + TestTokens.valid(Roles.INGEST);
    final byte[] sample = TestData.bytes(TestData.SAMPLE);

    UploadTest() throws IOException {
        super("upload");
    }

    @BeforeEach
    void schemaReady() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ch.sql("EXISTS TABLE " + db + ".ingestion_jobs").strip().equals("1"));
    }

    HttpResponse<String> send(String query, String contentType, HttpRequest.BodyPublisher body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/ingestions" + query))
                .header("Authorization", token).header("Content-Type", contentType).POST(body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    IngestionView view(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), IngestionView.class);
    }

    IngestionView uploaded(HttpResponse<String> response) throws IOException {
        assertEquals(202, response.statusCode(), response.body());
        IngestionView job = view(response);
        assertEquals("/api/v1/ingestions/" + job.id(), response.headers().firstValue("Location").orElseThrow());
        return IngestTestSupport.await(http, job.id(), Duration.ofSeconds(60));
    }

    /** The oracle: the same bytes behind a link, loaded the way the service always has. */
    String loadedByLink(byte[] file) {
        String url = files.serve("/oracle-" + UUID.randomUUID() + ".csv", file);
        IngestionView job = IngestTestSupport.ingest(http, Map.of("url", url));
        assertEquals(IngestionStatus.succeeded, job.status(), job.error());
        return IngestTestSupport.fingerprint(ch, db);
    }

    @Test
    void aFileSentAsTheBodyLoadsWhatTheSameFileBehindALinkLoads() throws Exception {
        String expected = loadedByLink(sample);
        IngestionView job = uploaded(send("?filename=games.csv", "text/csv", HttpRequest.BodyPublishers.ofByteArray(sample)));
        assertEquals(IngestionStatus.succeeded, job.status(), job.error());
        assertEquals("upload:games.csv", job.url());
        assertEquals(sample.length, job.bytesRead());
        assertEquals(Long.valueOf(sample.length), job.bytesTotal(), "the Content-Length");
        assertEquals(expected, IngestTestSupport.fingerprint(ch, db));
    }

    @Test
    void gzipAndChunkedBodiesLoadTheSame() throws Exception {
        byte[] file = IngestTestSupport.generated(12_000_000, 7);
        String expected = loadedByLink(file);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(file);
        }
        IngestionView gz = uploaded(send("?mode=replace", "application/gzip", HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())));
        assertEquals(IngestionStatus.succeeded, gz.status(), gz.error());
        assertEquals("upload:upload", gz.url(), "no name given");
        assertEquals(expected, IngestTestSupport.fingerprint(ch, db));
        // no Content-Length: the JDK client sends an InputStream in chunks
        IngestionView chunked = uploaded(send("", "text/csv; charset=utf-8", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(file))));
        assertEquals(IngestionStatus.succeeded, chunked.status(), chunked.error());
        assertEquals(null, chunked.bytesTotal());
        assertEquals(file.length, chunked.bytesRead());
        assertEquals(expected, IngestTestSupport.fingerprint(ch, db));
    }

    static byte[] form(String boundary, String fileHeaders, byte[] file) throws IOException {
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nnot the file\r\n").getBytes(StandardCharsets.UTF_8));
        form.write(("--" + boundary + "\r\n" + fileHeaders + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.write(file);
        form.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return form.toByteArray();
    }

    @Test
    void aBrowserFormsFilePartLoadsTheSame() throws Exception {
        String expected = loadedByLink(sample);
        String boundary = "----games" + UUID.randomUUID();
        byte[] body = form(boundary, "Content-Disposition: form-data; name=\"file\"; filename=\"C:\\\\Users\\\\ana\\\\jeux été.csv\"\r\n"
                + "Content-Type: text/csv", sample);
        IngestionView job = uploaded(send("?maxRejectRatio=0.5", "multipart/form-data; boundary=" + boundary, HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(IngestionStatus.succeeded, job.status(), job.error());
        assertEquals("upload:upload", job.url(), "no filename parameter");
        assertTrue(job.notes().contains("the form's file: jeux été.csv"), "the name without the browser's path: " + job.notes());
        assertEquals(0.5, job.maxRejectRatio());
        assertEquals(expected, IngestTestSupport.fingerprint(ch, db));
    }

    @Test
    void aFormWithoutAFilePartOrWithoutItsBoundaryIsRefused() throws Exception {
        String boundary = "b" + UUID.randomUUID();
        byte[] body = form(boundary, "Content-Disposition: form-data; name=\"upload\"; filename=\"x.csv\"", sample);
        HttpResponse<String> response = send("?filename=noform.csv", "multipart/form-data; boundary=" + boundary, HttpRequest.BodyPublishers.ofByteArray(body));
        assertEquals(202, response.statusCode(), response.body());
        IngestionView job = IngestTestSupport.await(http, view(response).id(), Duration.ofSeconds(30));
        assertEquals(IngestionStatus.failed, job.status());
        assertEquals("the form has no part named \"file\" (the file goes in a part named file)", job.error());
        HttpResponse<String> noBoundary = send("", "multipart/form-data", HttpRequest.BodyPublishers.ofByteArray(body));
        assertEquals(400, noBoundary.statusCode(), noBoundary.body());
        assertTrue(noBoundary.body().contains("boundary"), noBoundary.body());
    }

    @Test
    void badParametersAre400sAndMakeNoJob() throws Exception {
        long jobs = jobCount();
        HttpResponse<String> mode = send("?mode=merge", "text/csv", HttpRequest.BodyPublishers.ofByteArray(sample));
        assertEquals(400, mode.statusCode());
        assertEquals("application/problem+json", mode.headers().firstValue("Content-Type").orElse(""));
        assertTrue(mode.body().contains("mode must be replace or append, got merge"), mode.body());
        HttpResponse<String> ratio = send("?maxRejectRatio=2", "text/csv", HttpRequest.BodyPublishers.ofByteArray(sample));
        assertEquals(400, ratio.statusCode());
        assertTrue(ratio.body().contains("maxRejectRatio must be a number from 0 to 1, got 2"), ratio.body());
        HttpResponse<String> key = send("", "text/csv", HttpRequest.BodyPublishers.ofByteArray(sample), "Idempotency-Key", "a b");
        assertEquals(400, key.statusCode());
        HttpResponse<String> type = send("", "application/vnd.ms-excel", HttpRequest.BodyPublishers.ofByteArray(sample));
        assertEquals(415, type.statusCode(), type.body());
        assertEquals(jobs, jobCount());
    }

    @Test
    void aClientThatStopsMidBodyFailsItsJobAndPublishesNothing() throws Exception {
        loadedByLink(sample);
        String before = IngestTestSupport.currentTable(ch, db);
        byte[] file = IngestTestSupport.generated(8_000_000, 11);
        URI uri = URI.create(server.getURL().toString());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/ingestions?filename=cut.csv HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + token
                    + "\r\nContent-Type: text/csv\r\nContent-Length: " + file.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(file, 0, 3_000_000);
            out.flush();
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> runningUploadBytes("upload:cut.csv") > 1_000_000);
        }
        IngestionView job = IngestTestSupport.await(http, newestJob("upload:cut.csv"), Duration.ofSeconds(60));
        assertEquals(IngestionStatus.failed, job.status());
        assertTrue(job.error().startsWith("the upload was cut off after "), job.error());
        assertTrue(job.error().endsWith(" of " + file.length + ": the client closed the connection"), job.error());
        assertEquals(before, IngestTestSupport.currentTable(ch, db), "nothing published");
    }

    @Test
    void aBodyThatIsNotCsvFailsItsJobAndIsAnswered() throws Exception {
        byte[] html = ("<!doctype html><html>" + "x".repeat(2_000_000) + "</html>").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send("?filename=page.html", "text/csv", HttpRequest.BodyPublishers.ofByteArray(html));
        assertEquals(202, response.statusCode(), response.body());
        IngestionView job = IngestTestSupport.await(http, view(response).id(), Duration.ofSeconds(30));
        assertEquals(IngestionStatus.failed, job.status());
        assertEquals("the body is HTML or XML, not CSV (a login or preview page? use a direct download link)", job.error());
    }

    @Test
    void aReplayedIdempotencyKeyGetsTheFirstJob() throws Exception {
        String key = UUID.randomUUID().toString();
        IngestionView first = uploaded(send("?filename=a.csv", "text/csv", HttpRequest.BodyPublishers.ofByteArray(sample), "Idempotency-Key", key));
        HttpResponse<String> again = send("?filename=a.csv", "text/csv", HttpRequest.BodyPublishers.ofByteArray(sample), "Idempotency-Key", key);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(first.id(), view(again).id());
        HttpResponse<String> other = send("?filename=b.csv", "text/csv", HttpRequest.BodyPublishers.ofByteArray(sample), "Idempotency-Key", key);
        assertEquals(422, other.statusCode(), other.body());
        assertTrue(other.body().contains(first.id()), other.body());
    }

    long jobCount() {
        return Long.parseLong(ch.sql("SELECT uniqExact(id) FROM " + db + ".ingestion_jobs").strip());
    }

    long runningUploadBytes(String url) {
        return IngestTestSupport.get(http, newestJob(url)).bytesRead();
    }

    String newestJob(String url) {
        return http.toBlocking().retrieve("/api/v1/ingestions?limit=50", games.analytics.ingest.job.JobsPage.class).data().stream()
                .filter(j -> j.url().equals(url)).findFirst().orElseThrow().id();
    }

}
