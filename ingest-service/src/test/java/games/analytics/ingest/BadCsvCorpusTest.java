package games.analytics.ingest;

import static games.analytics.ingest.IngestTestSupport.currentTable;
import static games.analytics.ingest.IngestTestSupport.fingerprint;
import static games.analytics.ingest.IngestTestSupport.ingest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import games.analytics.ingest.job.RejectsPage;
import games.analytics.testing.TestData;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Broken files with the exact rows expected to land and to be rejected, or the exact reason the job fails. */
@MicronautTest
@org.junit.jupiter.api.Timeout(120)
class BadCsvCorpusTest extends ServiceOnClickHouse {

    static final String HEADER = IngestionTest.HEADER;
    static final String GOOD = ",n,\"Oct 1, 2010\",0,1.99,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e";

    BadCsvCorpusTest() throws IOException {
        super("corpus");
    }

    IngestionView load(String name, byte[] body) {
        return ingest(http, Map.of("url", files.serve("/" + name, body), "maxRejectRatio", 1.0));
    }

    IngestionView load(String name, String body) {
        return load(name, body.getBytes(StandardCharsets.UTF_8));
    }

    void counts(IngestionView job, long read, long inserted, long rejected) {
        assertEquals(IngestionStatus.succeeded, job.status(), job.error());
        assertEquals(read, job.rowsRead(), "rowsRead");
        assertEquals(inserted, job.rowsInserted(), "rowsInserted");
        assertEquals(rejected, job.rowsRejected(), "rowsRejected");
    }

    @Test
    void badCellsAndShapesAreRejectedRowByRow() {
        counts(load("dates.csv", HEADER + "\n1" + GOOD + "\n2,n,2020-13-45,0,1,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e"
                + "\n3,n,Coming soon,0,1,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e\n4,n,\"Feb 30, 2020\",0,1,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e"), 4, 2, 2);
        counts(load("numbers.csv", HEADER + "\n1" + GOOD + "\n2,n,\"Oct 1, 2010\",0,abc,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e"
                + "\n3,n,\"Oct 1, 2010\",0,-1,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e\n4,n,\"Oct 1, 2010\",0,1,0,,[],TRUE,FALSE,FALSE,1.5,2,,a,b,c,d,e"
                + "\n5,n,\"Oct 1, 2010\",0,1,0,,[],yes,FALSE,FALSE,1,2,,a,b,c,d,e\n6,n,\"Oct 1, 2010\",0,1.999,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e"), 6, 1, 5);
        counts(load("columns.csv", HEADER + "\n1" + GOOD + "\n2,n,x\n3" + GOOD + ",extra,fields\n4" + GOOD), 4, 2, 2);
        // a quote that never closes properly: the parser resynchronises at the line end, that record alone is rejected
        IngestionView quotes = load("quotes.csv", HEADER + "\n1" + GOOD + "\n2,\"Unclosed,\"Oct 1, 2010\",0,1,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e\n3" + GOOD);
        counts(quotes, 3, 2, 1);
        RejectsPage rejected = http.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET("/api/v1/ingestions/" + quotes.id() + "/rejects"), RejectsPage.class);
        assertEquals(2, rejected.data().get(0).sourceRow());
        counts(load("embedded.csv", HEADER + "\n1,\"Say \"\"hi\"\"\nthere\"" + GOOD.substring(2)), 1, 1, 0);
    }

    @Test
    void aRecordStartingWithHashIsDataNotAComment() {
        String nameFirst = "Name," + HEADER.replace(",Name", "");
        String row = GOOD.substring(2); // without the AppID's comma and the name
        counts(load("hash.csv", nameFirst + "\n#DRIVE,1" + row + "\n# not a comment,2" + row + "\nok,3" + row), 3, 3, 0);
        assertEquals("#DRIVE\n# not a comment\nok", ch.sql("SELECT name FROM " + db + "." + currentTable(ch, db) + " ORDER BY app_id").strip());
    }

    @Test
    void encodingsAndLineEndings() throws IOException {
        byte[] sample = TestData.bytes(TestData.SAMPLE);
        counts(load("sample.csv", sample), 100, 100, 0);
        String expected = fingerprint(ch, db);
        counts(load("crlf.csv", new String(sample, StandardCharsets.UTF_8).replace("\n", "\r\n")), 100, 100, 0);
        assertEquals(expected, fingerprint(ch, db));
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bom.write(sample);
        counts(load("bom.csv", bom.toByteArray()), 100, 100, 0);
        assertEquals(expected, fingerprint(ch, db));

        byte[] invalid = (HEADER + "\n1,Bad \u00ff name" + GOOD.substring(2)).getBytes(StandardCharsets.ISO_8859_1);
        IngestionView notUtf8 = load("latin1.csv", invalid);
        assertEquals(IngestionStatus.failed, notUtf8.status());
        int offset = (HEADER + "\n1,Bad ").length(); // the header is ASCII
        assertEquals("the file is not valid UTF-8 text (bytes FF 20 6E 61 at byte offset " + offset + ")", notUtf8.error());
        assertEquals(expected, fingerprint(ch, db)); // nothing half-loaded became visible
    }

    @Test
    void emptyAndHeaderOnlyFilesFail() {
        assertEquals("download failed: the server answered without a body (an empty file, or a redirect without a body)",
                load("empty.csv", new byte[0]).error());
        assertEquals("the file has a header but no data rows", load("header.csv", HEADER + "\r\n").error());
        assertEquals("missing required column(s): Tags", load("short-header.csv", HEADER.replace(",Tags", "") + "\n").error());
    }
}
