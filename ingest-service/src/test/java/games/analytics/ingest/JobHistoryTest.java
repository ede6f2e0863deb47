package games.analytics.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.ingest.job.IngestMode;
import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import games.analytics.ingest.job.JobsPage;
import games.analytics.ingest.job.RejectedRow;
import games.analytics.ingest.run.JobRetention;
import games.analytics.ingest.store.JobStore;
import games.analytics.ingest.store.RejectStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The job history is read a page at a time, by id in SQL, and kept for the retention only: jobs are written straight
 * to the real ClickHouse (as many, and as old, as a test needs), and the oracle is the list of what was written.
 */
@MicronautTest
class JobHistoryTest extends ServiceOnClickHouse {

    @Inject
    JobStore jobs;
    @Inject
    RejectStore rejects;
    @Inject
    ApplicationContext context;

    JobHistoryTest() throws IOException {
        super("history", "ingest.job-retention", "30d");
    }

    @org.junit.jupiter.api.BeforeEach
    void schemaReady() {
        // the service makes its tables on a thread of its own at start-up
        await().atMost(Duration.ofSeconds(30)).until(() -> ch.sql("EXISTS TABLE " + db + ".ingestion_jobs").strip().equals("1"));
    }

    private IngestionView stored(Instant created, String url) {
        IngestionView view = new IngestionView(UUID.randomUUID().toString(), url, IngestMode.replace, IngestionStatus.succeeded, 10, 10L,
                1, 1, 0, 0.1, null, null, null, created, created, created.plusSeconds(1), null, List.of(), List.of(), null, false, null);
        jobs.save(view, 1);
        return view;
    }

    @Test
    void theListIsPagedNewestFirstAndEveryJobAppearsOnce() {
        Instant base = Instant.parse("2026-11-01T10:00:00Z");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            // several jobs share a creation time (ties broken by id), and times cross a whole second (text order = time order)
            expected.add(stored(base.plusMillis((i / 3) * 333), "http://example.com/" + i + ".csv").id());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JobsPage page = http.toBlocking().retrieve("/api/v1/ingestions?limit=50" + (cursor == null ? "" : "&cursor=" + cursor), JobsPage.class);
            page.data().forEach(job -> seen.add(job.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        List<String> newestFirst = seen.stream().filter(expected::contains).toList();
        assertEquals(130, newestFirst.size(), "each job once");
        List<Instant> times = new ArrayList<>();
        newestFirst.forEach(id -> times.add(IngestTestSupport.get(http, id).createdAt()));
        List<Instant> sorted = new ArrayList<>(times);
        sorted.sort(Collections.reverseOrder());
        assertEquals(sorted, times, "newest first");
        assertEquals(50, http.toBlocking().retrieve("/api/v1/ingestions", JobsPage.class).data().size(), "50 by default");
        for (String bad : List.of("limit=0", "limit=1001", "cursor=nope", "cursor=" + "QQ")) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().retrieve("/api/v1/ingestions?" + bad));
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus(), bad);
        }
    }

    @Test
    void aJobIsReadByIdAndOddIdsAreNotFound() {
        IngestionView job = stored(Instant.now(), "http://example.com/one.csv");
        assertEquals(job.url(), IngestTestSupport.get(http, job.id()).url());
        for (String odd : List.of("x' OR '1'='1", "%27%20OR%201%3D1--", "\\", "a".repeat(300), "\u00e9\u9152")) {
            String path = "/api/v1/ingestions/" + java.net.URLEncoder.encode(odd, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().retrieve(path));
            assertEquals(HttpStatus.NOT_FOUND, e.getStatus(), odd);
        }
    }

    @Test
    void jobsAndTheirRejectsOlderThanTheRetentionAreDeleted() {
        IngestionView old = stored(Instant.now().minus(Duration.ofDays(31)), "http://example.com/old.csv");
        IngestionView recent = stored(Instant.now().minus(Duration.ofDays(29)), "http://example.com/recent.csv");
        rejects.save(old.id(), 1, List.of(new RejectedRow(2, 1, "price", "not a number", "x")));
        rejects.save(recent.id(), 1, List.of(new RejectedRow(2, 1, "price", "not a number", "y")));
        int deleted = context.getBean(JobRetention.class).sweep(Instant.now());
        assertTrue(deleted >= 1, "deleted " + deleted);
        // ClickHouse applies the deletion in the background: wait for it to land
        await().atMost(Duration.ofSeconds(30)).until(() -> ch.sql("SELECT count() FROM " + db + ".ingestion_jobs WHERE id = '" + old.id() + "'").strip().equals("0"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ch.sql("SELECT count() FROM " + db + ".ingestion_rejects WHERE job_id = '" + old.id() + "'").strip().equals("0"));
        assertEquals("1", ch.sql("SELECT count() FROM " + db + ".ingestion_rejects WHERE job_id = '" + recent.id() + "'").strip());
        assertEquals(recent.url(), IngestTestSupport.get(http, recent.id()).url());
        HttpClientResponseException gone = assertThrows(HttpClientResponseException.class, () -> IngestTestSupport.get(http, old.id()));
        assertEquals(HttpStatus.NOT_FOUND, gone.getStatus());
    }
}
