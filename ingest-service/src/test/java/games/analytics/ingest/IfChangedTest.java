package games.analytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import games.analytics.testing.CsvFileServer.Route;
import games.analytics.testing.TestData;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code "ifChanged": true}: a link whose server says 304 to the validators of the data served now, or whose bytes have
 * the same SHA-256, ends {@code skipped} naming that ingestion and loads nothing; a changed file loads; without
 * ifChanged the same file loads again.
 */
@MicronautTest
class IfChangedTest extends ServiceOnClickHouse {

    IfChangedTest() throws IOException {
        super("ifchanged");
    }

    IngestionView ingest(String url, boolean ifChanged) {
        return IngestTestSupport.ingest(http, Map.of("url", url, "ifChanged", ifChanged));
    }

    @Test
    void anUnchangedFileIsSkippedAndAChangedOneLoads() throws Exception {
        byte[] sample = TestData.bytes(TestData.SAMPLE);
        String url = files.serve("/fresh.csv", Route.csv(sample).header("ETag", "\"v1\"").header("Last-Modified", "Sat, 05 Dec 2026 10:00:00 GMT"));
        IngestionView first = ingest(url, true);
        assertEquals(IngestionStatus.succeeded, first.status(), first.error());
        assertEquals("\"v1\"", first.file().etag());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sample)), first.file().sha256(),
                "the SHA-256 of the bytes as served");
        String table = IngestTestSupport.currentTable(ch, db);

        IngestionView asked = ingest(url, true);
        assertEquals(IngestionStatus.skipped, asked.status());
        assertEquals(null, asked.error());
        assertTrue(asked.notes().contains("unchanged: the server answered 304 Not Modified for the file of ingestion " + first.id()
                + ", whose data is served now; nothing was published"), asked.notes().toString());
        assertEquals(table, IngestTestSupport.currentTable(ch, db), "nothing published");

        files.serve("/fresh.csv", sample); // the same bytes from a server without validators: read, then compared
        IngestionView read = ingest(url, true);
        assertEquals(IngestionStatus.skipped, read.status());
        assertTrue(read.notes().contains("unchanged: the file has the same SHA-256 (" + first.file().sha256() + ") as that of ingestion "
                + first.id() + ", whose data is served now; nothing was published"), read.notes().toString());
        assertEquals(sample.length, read.bytesRead());
        assertEquals(table, IngestTestSupport.currentTable(ch, db));
        assertEquals("0", ch.sql("SELECT count() FROM system.tables WHERE database = '" + db + "' AND name LIKE 'games_%' AND name != '"
                + table + "' AND name NOT IN ('games_current') AND name NOT LIKE '%_years'").strip(), "the skipped job's table is dropped");

        byte[] changed = IngestTestSupport.generated(2_000_000, 3);
        files.serve("/fresh.csv", Route.csv(changed).header("ETag", "\"v2\""));
        IngestionView loaded = ingest(url, true);
        assertEquals(IngestionStatus.succeeded, loaded.status(), loaded.error());
        assertNotEquals(table, IngestTestSupport.currentTable(ch, db));

        IngestionView again = ingest(url, false);
        assertEquals(IngestionStatus.succeeded, again.status(), "without ifChanged the same file loads again");
        assertEquals("\"v2\"", again.file().etag(), "the validators are kept always");
        assertEquals(null, again.file().sha256(), "the fingerprint only with ifChanged");
        assertNotNull(loaded.file().sha256());
    }

    @Test
    void anotherLinksDataIsNeverTakenForThisFile() {
        byte[] sample = TestData.bytes(TestData.SAMPLE);
        IngestionView other = ingest(files.serve("/other.csv", Route.csv(sample).header("ETag", "\"same\"")), true);
        assertEquals(IngestionStatus.succeeded, other.status(), other.error());
        IngestionView mine = ingest(files.serve("/mine.csv", Route.csv(sample).header("ETag", "\"same\"")), true);
        assertEquals(IngestionStatus.succeeded, mine.status(), "the data served now came from another link: " + mine.notes());
    }
}
