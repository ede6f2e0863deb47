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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Small links that unpack into files built to exhaust a 256 MiB heap, against the packaged jar at -Xmx256m as
 * users run it: each job ends with a reason, and the service stays healthy and ingests the next file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class HostileFilesIT {

    static final String HEADER = new String(TestData.bytes(TestData.SAMPLE), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    final HttpClient http = HttpClient.newHttpClient();
    final String token = "Bearer " + TestTokens.valid(Roles.INGEST);
    CsvFileServer files;
    ServiceJar service;

    @BeforeAll
    void start() throws Exception {
        ClickHouseServer ch = ClickHouseServer.get();
        files = new CsvFileServer();
        service = ServiceJar.start(Path.of("target/ingest-service.jar"), ch, ch.newDatabase("hostile"),
                Map.of("INGEST_URL_POLICY_ALLOW_PRIVATE", "true", "JWT_SECRET", TestTokens.SECRET));
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
        files.close();
    }

    @Test
    void thousandsOfRejectedRowsWithHugeFieldsEndTheJobNotTheService() throws Exception {
        byte[] gz = gzip(out -> {
            String about = "x".repeat(70_000);
            out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            for (int i = 1; i <= 6_000; i++) {
                out.write((i + "," + i + ",Bad date " + i + ",31/31/2020,0,1.50,0," + about
                        + ",['English'],TRUE,FALSE,FALSE,1,2,,dev,pub,cat,gen,tag\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        assertTrue(gz.length < 2_000_000, "a small link: " + gz.length);
        // every row may be rejected (maxRejectRatio 1), so all 6,000 pass through the reject buffer before the job fails
        String job = finished(files.serve("/rejects.csv.gz", gz), 1.0);
        assertTrue(job.contains("\"status\":\"failed\""), job);
        assertTrue(job.contains("none of the 6000 rows"), job);

        HttpResponse<String> page = get(location(job) + "/rejects?limit=10000");
        assertEquals(200, page.statusCode(), () -> page.body() + "\n" + tail(service));
        assertTrue(page.body().length() < 8 * 1024 * 1024, "a page is bounded by size: " + page.body().length());
        assertTrue(page.body().contains("\"nextCursor\":\""), "a cut page still leads on");
        assertHealthyAndIngestsTheSample();
    }

    @Test
    void oneRecordOfAThousandMegabyteFieldsEndsTheJobNotTheService() throws Exception {
        byte[] gz = gzip(out -> {
            out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] field = "y".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 1_020; i++) {
                out.write(field);
                out.write(',');
            }
            out.write('\n');
        });
        String job = finished(files.serve("/wide.csv.gz", gz));
        assertTrue(job.contains("\"status\":\"failed\""), job);
        assertTrue(job.contains("a record is larger than 4194304 bytes (INGEST_MAX_RECORD_BYTES)"), job);
        assertHealthyAndIngestsTheSample();
    }

    private void assertHealthyAndIngestsTheSample() throws Exception {
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(service.url() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        String job = finished(files.serve("/sample-" + System.nanoTime() + ".csv", TestData.bytes(TestData.SAMPLE)));
        assertTrue(job.contains("\"status\":\"succeeded\""), job + "\n" + service.log());
        assertTrue(!service.log().contains("OutOfMemoryError"), service.log());
    }

    /** Posts {@code url}, waits for the job to end, returns it as JSON. */
    private String finished(String url) throws Exception {
        return finished(url, 0.1);
    }

    private String finished(String url, double maxRejectRatio) throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/api/v1/ingestions"))
                .header("Content-Type", "application/json").header("Authorization", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + url + "\", \"maxRejectRatio\": " + maxRejectRatio + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        String location = accepted.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            String body = get(location).body();
            return body.contains("\"status\":\"succeeded\"") || body.contains("\"status\":\"failed\"");
        });
        return get(location).body();
    }

    private static String location(String job) {
        int at = job.indexOf("\"id\":\"") + 6;
        return "/api/v1/ingestions/" + job.substring(at, job.indexOf('"', at));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.url() + path)).header("Authorization", token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    static byte[] gzip(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
            body.write(gz);
        }
        return bytes.toByteArray();
    }

    /** The end of the service's log, for a failure message. */
    private static String tail(ServiceJar service) {
        try {
            String log = service.log();
            return log.substring(Math.max(0, log.length() - 4000));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
