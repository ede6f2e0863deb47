package games.analytics.ingest;

import static games.analytics.ingest.IngestTestSupport.ingest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import games.analytics.testing.CsvFileServer.Route;
import games.analytics.testing.TestData;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Links built to hold the single worker or to unpack without end; and links that carry secrets. */
@MicronautTest
@org.junit.jupiter.api.Timeout(120)
class HostileLinksTest extends ServiceOnClickHouse {

    static final byte[] SAMPLE = TestData.bytes(TestData.SAMPLE);

    HostileLinksTest() throws IOException {
        super("hostile_links", "ingest.max-decompressed-bytes", "20000000", "ingest.max-job-duration", "5s");
    }

    @Test
    void aSmallGzipThatUnpacksBeyondTheLimitFailsWithTheReason() throws Exception {
        // the sample's first row again and again: 60 MB of CSV in well under a megabyte of gzip
        String text = new String(SAMPLE, StandardCharsets.UTF_8);
        byte[] rows = (text.lines().skip(1).findFirst().orElseThrow() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] gz = HostileFilesIT.gzip(out -> {
            out.write(text.substring(0, text.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 60_000_000 / rows.length; i++) {
                out.write(rows);
            }
        });
        assertTrue(gz.length < 2_000_000, "small on the wire: " + gz.length);
        IngestionView job = ingest(http, Map.of("url", files.serve("/bomb.csv.gz", Route.csv(gz).status(200, "application/gzip"))));
        assertEquals(IngestionStatus.failed, job.status(), job.toString());
        assertEquals("the file unpacks to more than 20000000 bytes (INGEST_MAX_DECOMPRESSED_BYTES); nothing was published", job.error());
        assertTrue(job.bytesRead() < gz.length + 1, "counted on the wire: " + job.bytesRead());
    }

    @Test
    void aSlowDripLinkIsStoppedByTheJobDeadlineAndTheWorkerGoesOn() {
        byte[] big = Arrays.copyOf(SAMPLE, SAMPLE.length); // 160 KB at 8 KiB per 0.5 s: about 10 s, never idle for long
        Instant start = Instant.now();
        IngestionView job = ingest(http, Map.of("url", files.serve("/drip.csv", Route.csv(big).slow(500))));
        assertEquals(IngestionStatus.failed, job.status(), job.toString());
        assertEquals("the job ran longer than 5s (INGEST_MAX_JOB_DURATION); its partial data was dropped", job.error());
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 9, "stopped at the deadline");
        IngestionView next = ingest(http, Map.of("url", files.serve("/after-drip.csv", SAMPLE)));
        assertEquals(IngestionStatus.succeeded, next.status(), next.toString());
    }

    @Test
    void rejectsAsCsvAreADownloadWithFormulasNeutralised() {
        String text = new String(SAMPLE, StandardCharsets.UTF_8);
        String header = text.lines().findFirst().orElseThrow();
        byte[] file = (header + "\n" + text.lines().skip(1).limit(20).reduce((a, b) -> a + "\n" + b).orElseThrow()
                + "\n=HYPERLINK(\"http://evil.example\"),42,Evil,31/31/2020,0,1.50,0,,['English'],TRUE,FALSE,FALSE,1,2,,d,p,c,g,t\n")
                .getBytes(StandardCharsets.UTF_8);
        IngestionView job = ingest(http, Map.of("url", files.serve("/formula.csv", file)));
        assertEquals(1, job.rowsRejected(), job.toString());
        io.micronaut.http.HttpResponse<String> csv = http.toBlocking().exchange(
                io.micronaut.http.HttpRequest.GET("/api/v1/ingestions/" + job.id() + "/rejects?format=csv"), String.class);
        assertEquals("attachment; filename=\"rejects-" + job.id() + ".csv\"", csv.getHeaders().get("Content-Disposition"));
        assertTrue(csv.body().contains(",\"'=HYPERLINK(\"\"http://evil.example\"\"),42,Evil,"), csv.body());
    }

    @Test
    void credentialsInALinkAreNeverShownOrStored() {
        String url = files.url("/secret.csv").replace("http://", "http://reader:hunter2@") + "?X-Amz-Signature=deadbeef&gid=0";
        files.serve("/secret.csv", SAMPLE);
        IngestionView job = ingest(http, Map.of("url", url));
        assertEquals(IngestionStatus.succeeded, job.status(), job.toString());
        assertEquals(files.url("/secret.csv").replace("http://", "http://***@") + "?X-Amz-Signature=***&gid=0", job.url());
        String stored = ch.sql("SELECT url FROM " + db + ".ingestion_jobs WHERE id = '" + job.id() + "'");
        assertFalse(stored.contains("hunter2") || stored.contains("deadbeef"), stored);
        String listed = http.toBlocking().retrieve("/api/v1/ingestions");
        assertFalse(listed.contains("hunter2") || listed.contains("deadbeef"), listed);
    }
}
