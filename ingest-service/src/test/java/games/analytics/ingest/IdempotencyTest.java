package games.analytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.ingest.job.IngestMode;
import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import games.analytics.ingest.store.JobStore;
import games.analytics.testing.TestData;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} on POST /api/v1/ingestions: a retried request gets the job the first one made (200, nothing
 * loaded twice), also from the job table after the job left memory; the same key for another request is a 422 problem;
 * concurrent requests with one key make one job; a malformed key is a 400; a key older than 24 h makes a new job.
 */
@MicronautTest
class IdempotencyTest extends ServiceOnClickHouse {

    @Inject
    JobStore jobs;

    IdempotencyTest() throws IOException {
        super("idempotency");
    }

    @BeforeEach
    void schemaReady() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> ch.sql("EXISTS TABLE " + db + ".ingestion_jobs").strip().equals("1"));
    }

    HttpResponse<IngestionView> post(String key, Map<String, Object> body) {
        return http.toBlocking().exchange(HttpRequest.POST("/api/v1/ingestions", body).header("Idempotency-Key", key), IngestionView.class);
    }

    long jobsWithKey(String key) {
        return Long.parseLong(ch.sql("SELECT uniqExact(id) FROM " + db + ".ingestion_jobs WHERE idempotency_key = '" + key + "'").strip());
    }

    @Test
    void aRetriedRequestGetsTheSameJobAndLoadsNothingTwice() {
        String url = files.serve("/retried.csv", TestData.bytes(TestData.SAMPLE));
        String key = UUID.randomUUID().toString();
        HttpResponse<IngestionView> first = post(key, Map.of("url", url));
        assertEquals(HttpStatus.ACCEPTED, first.getStatus());
        assertEquals(key, first.body().idempotencyKey());
        IngestTestSupport.await(http, first.body().id(), Duration.ofSeconds(60));
        HttpResponse<IngestionView> again = post(key, Map.of("url", url, "mode", "replace"));
        assertEquals(HttpStatus.OK, again.getStatus(), "the mode it defaulted to, spelled out, is the same request");
        assertEquals(first.body().id(), again.body().id());
        assertEquals(IngestionStatus.succeeded, again.body().status(), "the job as it is now");
        assertEquals("/api/v1/ingestions/" + first.body().id(), again.getHeaders().get("Location"));
        assertEquals(1, jobsWithKey(key));
        assertEquals(1, files.requests().stream().filter(r -> r.contains("/retried.csv")).count(), "the file was fetched once");
    }

    @Test
    void theSameKeyForAnotherRequestIsA422NamingTheJob() {
        String url = files.serve("/other.csv", TestData.bytes(TestData.SAMPLE));
        String key = UUID.randomUUID().toString();
        IngestionView first = post(key, Map.of("url", url)).body();
        for (Map<String, Object> other : List.<Map<String, Object>>of(Map.of("url", url + "?v=2"), Map.of("url", url, "mode", "append"),
                Map.of("url", url, "maxRejectRatio", 0.5))) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> post(key, other));
            assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.getStatus());
            String problem = e.getResponse().getBody(String.class).orElseThrow();
            assertTrue(problem.contains("Idempotency-Key reused") && problem.contains(first.id()), problem);
        }
        IngestTestSupport.await(http, first.id(), Duration.ofSeconds(60));
        assertEquals(1, jobsWithKey(key));
    }

    @Test
    void concurrentRequestsWithOneKeyMakeOneJob() throws Exception {
        String url = files.serve("/concurrent.csv", TestData.bytes(TestData.SAMPLE));
        String key = UUID.randomUUID().toString();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        Set<HttpStatus> statuses = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(() -> {
                    start.await();
                    HttpResponse<IngestionView> answer = post(key, Map.of("url", url));
                    ids.add(answer.body().id());
                    statuses.add(answer.getStatus());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, ids.size(), "one job: " + ids);
        assertEquals(Set.of(HttpStatus.ACCEPTED, HttpStatus.OK), statuses);
        IngestTestSupport.await(http, ids.iterator().next(), Duration.ofSeconds(60));
        assertEquals(1, jobsWithKey(key));
    }

    @Test
    void aMalformedKeyIsA400AndMakesNoJob() {
        String url = files.serve("/malformed.csv", TestData.bytes(TestData.SAMPLE));
        for (String key : List.of("x".repeat(256), "with space")) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> post(key, Map.of("url", url)));
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus(), key);
            assertTrue(e.getResponse().getBody(String.class).orElseThrow().contains("\"parameter\":\"Idempotency-Key\""));
        }
        assertEquals(0, files.requests().stream().filter(r -> r.contains("/malformed.csv")).count());
    }

    @Test
    void aKeyOlderThanADayMakesANewJob() {
        String url = files.serve("/old.csv", TestData.bytes(TestData.SAMPLE));
        String key = UUID.randomUUID().toString();
        Instant longAgo = Instant.now().minus(25, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        // a job of yesterday with this key, as a restarted service finds it in the table
        jobs.save(new IngestionView(UUID.randomUUID().toString(), url, IngestMode.replace, IngestionStatus.succeeded, 1, 1L, 1, 1, 0, 0.1,
                null, null, null, longAgo, longAgo, longAgo, null, List.of(), List.of(), key, false, null), 1);
        HttpResponse<IngestionView> fresh = post(key, Map.of("url", url));
        assertEquals(HttpStatus.ACCEPTED, fresh.getStatus());
        IngestTestSupport.await(http, fresh.body().id(), Duration.ofSeconds(60));
        assertEquals(2, jobsWithKey(key));
        // within the day, the newest job with the key answers
        assertEquals(fresh.body().id(), post(key, Map.of("url", url)).body().id());
    }

    @Test
    void aJobTableMadeWithoutKeysGetsTheColumnAtStart() {
        ch.sql("ALTER TABLE " + db + ".ingestion_jobs DROP COLUMN idempotency_key");
        jobs.migrate(); // what start-up runs
        assertEquals("String\n", ch.sql("SELECT type FROM system.columns WHERE database = '" + db
                + "' AND table = 'ingestion_jobs' AND name = 'idempotency_key'"));
        String url = files.serve("/migrated.csv", TestData.bytes(TestData.SAMPLE));
        String key = UUID.randomUUID().toString();
        IngestionView first = post(key, Map.of("url", url)).body();
        IngestTestSupport.await(http, first.id(), Duration.ofSeconds(60));
        assertEquals(1, jobsWithKey(key));
    }
}
