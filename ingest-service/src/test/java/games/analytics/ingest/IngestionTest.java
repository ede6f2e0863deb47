package games.analytics.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.csv.CsvWriter;
import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import games.analytics.ingest.job.JobsPage;
import games.analytics.ingest.job.RejectedRow;
import games.analytics.ingest.job.RejectsPage;
import games.analytics.ingest.store.DataTables;
import games.analytics.ingest.store.GamesStore;
import games.analytics.model.CsvText;
import games.analytics.model.GamesTable;
import games.analytics.testing.GamesCsvGenerator;
import games.analytics.testing.TestData;
import games.analytics.testing.TestDataset;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ingest-service end to end: real HTTP server for the CSV, real ClickHouse behind it. */
@MicronautTest
class IngestionTest extends ServiceOnClickHouse {

    static final String HEADER = "AppID,Name,Release date,Required age,Price,DLC count,About the game,Supported languages,"
            + "Windows,Mac,Linux,Positive,Negative,Score rank,Developers,Publishers,Categories,Genres,Tags";

    @Inject
    GamesStore store;
    @Inject
    DataTables tables;

    IngestionTest() throws IOException {
        super("ingest", "ingest.batch-bytes", "65536");
    }

    IngestionView ingest(String url) {
        return ingest(Map.of("url", url));
    }

    IngestionView ingest(Map<String, Object> body) {
        HttpResponse<IngestionView> accepted = http.toBlocking().exchange(
                HttpRequest.POST("/api/v1/ingestions", body), IngestionView.class);
        assertEquals(HttpStatus.ACCEPTED, accepted.getStatus());
        IngestionView job = accepted.body();
        assertEquals("/api/v1/ingestions/" + job.id(), accepted.header("Location"));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            IngestionStatus s = get(job.id()).status();
            return s == IngestionStatus.succeeded || s == IngestionStatus.failed;
        });
        return get(job.id());
    }

    IngestionView get(String id) {
        return http.toBlocking().retrieve("/api/v1/ingestions/" + id, IngestionView.class);
    }

    String currentTable() {
        return ch.sql("SELECT table_name FROM " + db + ".games_current ORDER BY version DESC LIMIT 1").strip();
    }

    String select(String sql) {
        return ch.sql(sql.replace("{t}", db + "." + currentTable()) + " FORMAT TabSeparated");
    }

    @Test
    void sampleFileLandsWithExactValues() {
        IngestionView job = ingest(files.serve("/sample.csv", TestData.bytes(TestData.SAMPLE)));
        assertEquals(IngestionStatus.succeeded, job.status(), job.error());
        assertEquals(100, job.rowsRead());
        assertEquals(100, job.rowsInserted());
        assertEquals(0, job.rowsRejected());
        assertEquals(TestData.bytes(TestData.SAMPLE).length, job.bytesRead());
        assertEquals("100\n", select("SELECT count() FROM {t}"));
        assertEquals("Galactic Bowling\t2008-10-21\tday\t19.99\t['English']\t\\N\t1\t0\n",
                select("SELECT name, release_date, release_date_precision, price, supported_languages, score_rank, windows, mac FROM {t} WHERE app_id = 20200"));
        assertEquals("2020-05-01\tmonth\n", select("SELECT release_date, release_date_precision FROM {t} WHERE app_id = 1232510"));
        assertEquals("四国志でらっくす ～酒池肉うどん戦記～\t24.99\n", select("SELECT name, price FROM {t} WHERE app_id = 1023420"));
        // U+0085 inside a quoted field is text, not a line break
        assertEquals("1\n", select("SELECT count() FROM {t} WHERE position(about_game, unhex('C285')) > 0"));
        assertEquals("['Casual','Indie','Sports']\n", select("SELECT genres FROM {t} WHERE app_id = 20200"));
    }

    @Test
    void upstreamFileTakesRealAppIdsAndIgnoresExtraColumns() {
        IngestionView job = ingest(files.serve("/upstream.csv", TestData.bytes(TestData.UPSTREAM_1000)));
        assertEquals(IngestionStatus.succeeded, job.status(), job.error());
        assertEquals(1000, job.rowsInserted());
        assertTrue(job.ignoredColumns().contains("Peak CCU"), job.ignoredColumns().toString());
        assertEquals(1, job.notes().size());
        assertEquals("Gold Hunter Playtest\t2022-04-22\t0.00\t[]\n",
                select("SELECT name, release_date, price, supported_languages FROM {t} WHERE app_id = 1472640"));
        assertEquals("0\n", select("SELECT count() FROM {t} WHERE app_id = 33399"));
    }

    @Test
    void crlfQuotesNewlinesAndBadRowsAreAccountedFor() {
        String csv = HEADER + "\r\n"
                + "1,\"Say \"\"hi\"\"\r\nagain\",\"Oct 1, 2010\",0,1.5,0,,\"['English', 'French']\",TRUE,FALSE,FALSE,1,2,,\"Wise Wizard Games, LLC\",B,\"a,b\",RPG,x\r\n"
                + "2,Bad date,31/31/2020,0,1.50,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e\r\n"
                + "3,Coming,Coming soon,0,0,0,,[],True,False,True,1,2,5,a,b,c,d,e\r\n"
                + "4,Bad price,\"Oct 1, 2010\",0,abc,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e"; // no trailing newline
        IngestionView job = ingest(Map.of("url", files.serve("/quirks.csv", csv.getBytes(StandardCharsets.UTF_8)), "maxRejectRatio", 0.5));
        assertEquals(IngestionStatus.succeeded, job.status(), job.error());
        assertEquals(4, job.rowsRead());
        assertEquals(2, job.rowsInserted());
        assertEquals(2, job.rowsRejected());
        assertEquals("Say \"hi\"\\r\\nagain\t['English','French']\tWise Wizard Games, LLC\t['a','b']\t1.50\n",
                select("SELECT name, supported_languages, developers, categories, price FROM {t} WHERE app_id = 1"));
        assertEquals("\\N\t\\N\t5\t1\n", select("SELECT release_date, release_date_precision, score_rank, linux FROM {t} WHERE app_id = 3"));
        RejectsPage rejects = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/ingestions/" + job.id() + "/rejects"), RejectsPage.class);
        assertEquals(List.of(
                new RejectedRow(4, 2, "release_date", "cannot parse \"31/31/2020\" as a date like \"Oct 21, 2008\" or \"May 2020\"",
                        "2,Bad date,31/31/2020,0,1.50,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e"),
                new RejectedRow(6, 4, "price", "cannot parse \"abc\" as a decimal number",
                        "4,Bad price,\"Oct 1, 2010\",0,abc,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e")), rejects.data());
        assertEquals(null, rejects.nextCursor());
    }

    /**
     * About 50 batches of 64 KiB through the two insert threads, with a bad price in every 97th record: every row is
     * counted once, none is lost or doubled between batches, and the rejects are exactly the bad records.
     */
    @Test
    void manyBatchesWithRejectsSpreadThroughAreAccountedExactly() throws IOException {
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        new GamesCsvGenerator(TestData.bytes(TestData.SAMPLE), 13).write(generated, 3_000_000);
        List<String[]> records = TestDataset.records(generated.toByteArray());
        String[] header = records.get(0);
        int price = List.of(header).indexOf("Price");
        int appId = List.of(header).indexOf("AppID");
        long expectedRows = 0;
        long expectedAppIds = 0;
        List<Long> badRows = new ArrayList<>();
        StringWriter csv = new StringWriter();
        CsvWriter writer = CsvText.writer(csv);
        writer.writeRow((Object[]) header);
        for (int i = 1; i < records.size(); i++) {
            String[] record = records.get(i);
            if (i % 97 == 0) {
                record[price] = "n/a";
                badRows.add((long) i);
            } else {
                expectedRows++;
                expectedAppIds += Long.parseLong(record[appId]);
            }
            writer.writeRow((Object[]) record);
        }
        writer.close();
        IngestionView job = ingest(files.serve("/batches.csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(IngestionStatus.succeeded, job.status(), job.error());
        assertEquals(records.size() - 1, job.rowsRead());
        assertEquals(expectedRows, job.rowsInserted());
        assertEquals(badRows.size(), job.rowsRejected());
        assertEquals(expectedRows + "\t" + expectedRows + "\t" + expectedAppIds + "\n",
                select("SELECT count(), uniqExact(source_row), sum(app_id) FROM {t}"));
        RejectsPage rejects = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/ingestions/" + job.id() + "/rejects?limit=1000"),
                RejectsPage.class);
        assertEquals(badRows, rejects.data().stream().map(RejectedRow::sourceRow).toList());
        assertTrue(rejects.data().stream().allMatch(r -> "price".equals(r.column())), rejects.data().toString());
        // the load leaves a few parts per year (merges wait while it runs); once published, each year becomes one part
        String parts = "SELECT count(), uniqExact(partition_id) FROM system.parts WHERE active AND database = '" + db
                + "' AND table = '" + currentTable() + "' FORMAT TabSeparated";
        String years = ch.sql("SELECT uniqExact(release_year) FROM " + db + "." + currentTable() + " FORMAT TabSeparated").strip();
        await().atMost(Duration.ofSeconds(60)).until(() -> ch.sql(parts).strip(), (years + "\t" + years)::equals);
        // the year index holds each row's app_id and year, as one part
        String pairs = "SELECT arraySort(groupArray((app_id, release_year))) FROM {t}";
        assertEquals(select(pairs), select(pairs.replace("{t}", "{t}" + GamesTable.YEAR_INDEX_SUFFIX)));
        assertEquals("1\n", ch.sql("SELECT count() FROM system.parts WHERE active AND database = '" + db + "' AND table = '"
                + GamesTable.yearIndex(currentTable()) + "' FORMAT TabSeparated"));
    }

    /** A data table made before the year index gets one when the service starts (its migration), from its rows. */
    @Test
    void aTableWithoutAYearIndexGetsOneAtStart() {
        String old = "games_before_index";
        ch.sql(GamesTable.createDataTable(db, old));
        ch.sql("INSERT INTO " + db + "." + old + " (app_id, name, release_date, source_row) VALUES (7, 'a', '2019-03-04', 1), (8, 'b', NULL, 2)");
        store.migrate();
        assertEquals("7\t2019\n8\t0\n", ch.sql("SELECT app_id, release_year FROM " + db + "." + GamesTable.yearIndex(old)
                + " ORDER BY app_id FORMAT TabSeparated"));
        tables.dropTable(old);
        assertEquals("0\n", ch.sql("SELECT count() FROM system.tables WHERE database = '" + db + "' AND startsWith(name, '" + old + "')"));
    }

    @Test
    void aFailedIngestionLeavesThePreviousDataInPlace() {
        IngestionView first = ingest(files.serve("/first.csv", TestData.bytes(TestData.SAMPLE)));
        assertEquals(IngestionStatus.succeeded, first.status(), first.error());
        String table = currentTable();

        IngestionView missing = ingest(files.serve("/missing.csv", "AppID,Name\n1,x\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(IngestionStatus.failed, missing.status());
        assertTrue(missing.error().startsWith("missing required column(s): Release date, Required age, Price"), missing.error());
        assertEquals(0, missing.rowsInserted());

        IngestionView notFound = ingest(files.url("/nope.csv"));
        assertEquals(IngestionStatus.failed, notFound.status());
        assertEquals("download failed: the server answered HTTP 404 Not Found", notFound.error());

        IngestionView empty = ingest(files.serve("/empty.csv", new byte[0]));
        assertTrue(empty.error().contains("without a body"), empty.error());
        IngestionView headerOnly = ingest(files.serve("/header.csv", (HEADER + "\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals("the file has a header but no data rows", headerOnly.error());

        assertEquals(table, currentTable());
        assertEquals("100\n", select("SELECT count() FROM {t}"));
        // no half-loaded tables are left behind: the current one and its year index only
        assertEquals(table + "\n" + GamesTable.yearIndex(table) + "\n", ch.sql("SELECT name FROM system.tables WHERE database = '" + db
                + "' AND name LIKE 'games\\\\_%' AND name != 'games_current' ORDER BY name"));
    }

    @Test
    void aSuccessfulIngestionReplacesThePreviousData() {
        ingest(files.serve("/a.csv", TestData.bytes(TestData.SAMPLE)));
        String before = currentTable();
        IngestionView second = ingest(files.serve("/b.csv", TestData.bytes(TestData.UPSTREAM_1000)));
        assertEquals(IngestionStatus.succeeded, second.status(), second.error());
        assertTrue(!before.equals(currentTable()));
        assertEquals("1000\n", select("SELECT count() FROM {t}"));
        assertEquals("0\n", ch.sql("SELECT count() FROM system.tables WHERE database = '" + db + "' AND startsWith(name, '" + before + "')"));
        List<IngestionView> all = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/ingestions"), JobsPage.class).data();
        assertEquals(second.id(), all.get(0).id()); // newest first
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"url\": \"ftp://example.com/x.csv\"}", "url");
        cases.put("{\"url\": \"not a url\"}", "url");
        cases.put("{}", "url");
        cases.put("{\"url\": \"http://example.com/" + "x".repeat(2100) + "\"}", "url"); // 2 KiB at most
        cases.put("{\"url\": \"http://127.0.0.1/x.csv\", \"mode\": \"merge\"}", "mode");
        cases.put("{\"url\": \"http://127.0.0.1/x.csv\", \"maxRejectRatio\": 2}", "maxRejectRatio");
        cases.put("{\"url\": \"http://127.0.0.1/x.csv\", \"maxRejectRatio\": -0.1}", "maxRejectRatio");
        cases.forEach((body, field) -> {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(HttpRequest.POST("/api/v1/ingestions", body), String.class));
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus(), body);
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
            Map<String, Object> problem = e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
            assertEquals(java.util.Set.of("type", "title", "status", "detail", "parameter"), problem.keySet(), body);
            assertEquals(field, problem.get("parameter"), body);
            assertTrue(String.valueOf(problem.get("detail")).contains(field), body + ": " + problem);
        });
        assertEquals(0, http.toBlocking().retrieve(HttpRequest.GET("/api/v1/ingestions?limit=1000"), JobsPage.class).data().stream()
                .filter(job -> job.url().contains("x.csv")).count(), "a refused request creates no job");
        HttpClientResponseException notFound = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange("/api/v1/ingestions/nope", String.class));
        assertEquals(HttpStatus.NOT_FOUND, notFound.getStatus());
        assertEquals("application/problem+json", notFound.getResponse().getContentType().orElseThrow().toString());
    }

    @Test
    void healthReportsClickHouse() {
        String body = http.toBlocking().retrieve("/health");
        assertTrue(body.contains("\"status\":\"UP\""), body);
        assertTrue(body.contains("clickhouse"), body);
    }

    @Test
    void rejectsOfUnknownJobIs404() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange("/api/v1/ingestions/x/rejects", String.class));
        assertEquals(HttpStatus.NOT_FOUND, e.getStatus());
    }
}
