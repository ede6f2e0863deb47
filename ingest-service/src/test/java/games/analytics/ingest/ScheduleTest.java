package games.analytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import games.analytics.ingest.job.ScheduleView;
import games.analytics.ingest.job.SchedulesPage;
import games.analytics.testing.CsvFileServer.Route;
import games.analytics.testing.TestData;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules against a real ClickHouse and file server, with a 2 s shortest interval and a 0.2 s tick so runs come
 * quickly: the first run loads, an unchanged file's next runs end skipped; bad input is a 400 naming the field; a
 * deleted schedule runs no more; run-now queues a job; a second instance of the service on the same database sees the
 * schedules, and the two never run one due time twice.
 */
@MicronautTest
class ScheduleTest extends ServiceOnClickHouse {

    @jakarta.inject.Inject
    games.analytics.ingest.store.ScheduleStore schedules;

    ScheduleTest() throws IOException {
        super("schedules", "ingest.schedule-tick", "200ms", "ingest.schedule-min-every", "2s", "ingest.schedule-claim-settle", "300ms");
    }

    @BeforeEach
    void schemaReady() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ch.sql("EXISTS TABLE " + db + ".ingestion_schedules").strip().equals("1"));
    }

    /** Each test's schedules end with it: a schedule left running would load its link between another test's runs. */
    @AfterEach
    void deleteSchedules() {
        for (ScheduleView s : http.toBlocking().retrieve("/api/v1/schedules?limit=1000", SchedulesPage.class).data()) {
            http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/schedules/" + s.id()));
        }
    }

    HttpResponse<ScheduleView> create(HttpClient client, Map<String, Object> body) {
        return client.toBlocking().exchange(HttpRequest.POST("/api/v1/schedules", body), ScheduleView.class);
    }

    ScheduleView get(String id) {
        return http.toBlocking().retrieve("/api/v1/schedules/" + id, ScheduleView.class);
    }

    /** Jobs made by the schedule's timed runs, by due time: how many jobs each due time made. */
    Map<String, Long> runsByDueTime(String id) {
        Map<String, Long> runs = new HashMap<>();
        for (String line : ch.sql("SELECT idempotency_key, uniqExact(id) FROM " + db + ".ingestion_jobs WHERE idempotency_key LIKE 'schedule:"
                + id + ":%' GROUP BY idempotency_key FORMAT TabSeparated").strip().lines().toList()) {
            String[] f = line.split("\t");
            runs.put(f[0], Long.parseLong(f[1]));
        }
        return runs;
    }

    @Test
    void aScheduleLoadsOnceThenSkipsAnUnchangedFile() {
        String url = files.serve("/daily.csv", Route.csv(TestData.bytes(TestData.SAMPLE)).header("ETag", "\"d1\""));
        HttpResponse<ScheduleView> created = create(http, Map.of("url", url, "every", "2s"));
        assertEquals(HttpStatus.CREATED, created.getStatus());
        ScheduleView schedule = created.body();
        assertEquals("/api/v1/schedules/" + schedule.id(), created.getHeaders().get("Location"));
        assertEquals("2s", schedule.every());
        assertEquals(null, schedule.lastJobId());
        // the first two runs, oldest first, read from the job list once the second has finished: every 2 s a newer run may
        // start, and the schedule's lastJobId may name the first run for a moment after the second job exists
        java.util.concurrent.atomic.AtomicReference<List<IngestionView>> seen = new java.util.concurrent.atomic.AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<IngestionView> runs = http.toBlocking().retrieve("/api/v1/ingestions?limit=1000", games.analytics.ingest.job.JobsPage.class)
                    .data().stream().filter(j -> j.url().equals(url)).toList().reversed();
            seen.set(runs);
            return runs.size() >= 2 && runs.get(1).status().finished();
        });
        IngestionView first = seen.get().get(0);
        assertEquals(IngestionStatus.succeeded, first.status(), first.error());
        assertTrue(first.ifChanged(), "a scheduled run is an ifChanged job");
        IngestionView later = seen.get().get(1);
        assertEquals(IngestionStatus.skipped, later.status(), later.notes().toString());
        assertTrue(later.notes().getFirst().contains("ingestion " + first.id()), later.notes().toString());
        assertTrue(get(schedule.id()).nextRunAt().isAfter(first.createdAt()));
        assertTrue(runsByDueTime(schedule.id()).values().stream().allMatch(n -> n == 1), "one job per due time");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        Map<String, String> cases = Map.of("5", "every is a duration like 24h", "1s", "every must be at least 2s, got 1s", "1 hour",
                "every is a duration like 24h", "9999999d", "every must be at most 366d, got 9999999d", "1h\u00a0", "every is a duration like 24h");
        cases.forEach((every, detail) -> {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> create(http, Map.of("url", "https://example.com/a.csv", "every", every)));
            assertEquals(400, e.getStatus().getCode(), every);
            String body = e.getResponse().getBody(String.class).orElse("");
            assertTrue(body.contains(detail) && body.contains("\"parameter\":\"every\""), body);
        });
        HttpClientResponseException noUrl = assertThrows(HttpClientResponseException.class, () -> create(http, Map.of("every", "1h")));
        assertEquals(400, noUrl.getStatus().getCode());
        HttpClientResponseException ftp = assertThrows(HttpClientResponseException.class,
                () -> create(http, Map.of("url", "ftp://example.com/a.csv", "every", "1h")));
        assertEquals(400, ftp.getStatus().getCode());
        for (String path : List.of("/api/v1/schedules/nope")) {
            HttpClientResponseException missing = assertThrows(HttpClientResponseException.class, () -> get("nope"));
            assertEquals(404, missing.getStatus().getCode(), path);
        }
        assertEquals(404, assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/api/v1/schedules/nope/run", ""))).getStatus().getCode());
        assertEquals(404, assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/schedules/nope"))).getStatus().getCode());
    }

    @Test
    void aDeletedScheduleRunsNoMoreAndRunNowQueuesAJob() {
        String url = files.serve("/weekly.csv", TestData.bytes(TestData.SAMPLE));
        ScheduleView weekly = create(http, Map.of("url", url, "every", "7d")).body();
        HttpResponse<IngestionView> now = http.toBlocking().exchange(HttpRequest.POST("/api/v1/schedules/" + weekly.id() + "/run", ""),
                IngestionView.class);
        assertEquals(HttpStatus.ACCEPTED, now.getStatus());
        assertTrue(now.body().ifChanged());
        IngestTestSupport.await(http, now.body().id(), Duration.ofSeconds(60));
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/schedules/" + weekly.id())).getStatus());
        assertEquals(404, assertThrows(HttpClientResponseException.class, () -> get(weekly.id())).getStatus().getCode());
        // a schedule made after the deletion runs twice: by then the deleted one, due each tick, would have run too
        String other = files.serve("/other-" + weekly.id() + ".csv", TestData.bytes(TestData.SAMPLE));
        ScheduleView witness = create(http, Map.of("url", other, "every", "2s")).body();
        long weeklyRuns = runsByDueTime(weekly.id()).size();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> runsByDueTime(witness.id()).size() >= 2);
        assertEquals(weeklyRuns, runsByDueTime(weekly.id()).size(), "no run of a deleted schedule");
        SchedulesPage page = http.toBlocking().retrieve("/api/v1/schedules?limit=1000", SchedulesPage.class);
        assertTrue(page.data().stream().noneMatch(s -> s.id().equals(weekly.id())));
        assertTrue(page.data().stream().anyMatch(s -> s.id().equals(witness.id())));
    }

    /**
     * A run under way when its schedule is deleted saves the schedule once more afterwards (its job's id). That later
     * snapshot must not bring the schedule back, also once ClickHouse has merged the rows (a merge keeps one per id).
     */
    @Test
    void aSnapshotWrittenAfterTheDeletionDoesNotReviveTheSchedule() {
        String url = files.serve("/late.csv", TestData.bytes(TestData.SAMPLE));
        ScheduleView made = create(http, Map.of("url", url, "every", "7d")).body();
        games.analytics.ingest.job.Schedule before = schedules.byId(made.id()).orElseThrow();
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/schedules/" + made.id())).getStatus());
        schedules.save(before.ran("a-job-that-was-under-way"));
        ch.sql("OPTIMIZE TABLE " + db + ".ingestion_schedules FINAL");
        assertEquals(404, assertThrows(HttpClientResponseException.class, () -> get(made.id())).getStatus().getCode());
        assertTrue(http.toBlocking().retrieve("/api/v1/schedules?limit=1000", SchedulesPage.class).data().stream()
                .noneMatch(s -> s.id().equals(made.id())));
    }

    @Test
    void twoInstancesSeeTheSameSchedulesAndNeverRunADueTimeTwice() {
        try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, new HashMap<String, Object>(getProperties()), "test");
             HttpClient client = second.getApplicationContext().createBean(HttpClient.class, second.getURL())) {
            String url = files.serve("/shared.csv", Route.csv(TestData.bytes(TestData.SAMPLE)).header("ETag", "\"s1\""));
            ScheduleView made = create(client, Map.of("url", url, "every", "2s")).body();
            assertNotNull(get(made.id()), "made on the second instance, seen by the first");
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> runsByDueTime(made.id()).size() >= 4);
            Map<String, Long> runs = runsByDueTime(made.id());
            assertTrue(runs.values().stream().allMatch(n -> n == 1), "one job per due time: " + runs);
            client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/schedules/" + made.id()));
        }
    }
}
