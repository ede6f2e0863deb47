package games.analytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reject ratio is judged while reading: a file that is mostly garbage fails after its first thousand rows. */
@MicronautTest
class RejectPolicyTest extends ServiceOnClickHouse {

    RejectPolicyTest() throws IOException {
        super("rejectpolicy");
    }

    /** {@code rows} data rows; every {@code badEvery}-th has a price that is not a number (0: none). */
    static byte[] csv(int rows, int badEvery) {
        StringBuilder csv = new StringBuilder(IngestionTest.HEADER).append('\n');
        for (int i = 1; i <= rows; i++) {
            String price = badEvery > 0 && i % badEvery == 0 ? "not a price" : "1.99";
            csv.append(i).append(",game ").append(i).append(",\"Oct 1, 2010\",0,").append(price).append(",0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMostlyBadFileFailsEarlyWithItsRejectsKept() {
        IngestionView job = IngestTestSupport.ingest(http, Map.of("url", files.serve("/garbage.csv", csv(50_000, 2)), "maxRejectRatio", 0.1));
        assertEquals(IngestionStatus.failed, job.status());
        assertTrue(job.error().startsWith("500 of 1000 rows were rejected (50.0%), above maxRejectRatio 0.1 in the first 1000 rows;"), job.error());
        assertEquals(1000, job.rowsRead(), "the rest of the file was not read");
        assertEquals("500", ch.sql("SELECT count() FROM " + db + ".ingestion_rejects WHERE job_id = '" + job.id() + "'").strip());
    }

    @Test
    void aFileWithinTheRatioLoadsAndOneBelowTheMinimumIsJudgedAtTheEnd() {
        IngestionView fine = IngestTestSupport.ingest(http, Map.of("url", files.serve("/fine.csv", csv(3000, 20)), "maxRejectRatio", 0.1));
        assertEquals(IngestionStatus.succeeded, fine.status(), fine.error());
        assertEquals(150, fine.rowsRejected());
        IngestionView small = IngestTestSupport.ingest(http, Map.of("url", files.serve("/small.csv", csv(900, 2)), "maxRejectRatio", 0.1));
        assertEquals("450 of 900 rows were rejected (50.0%), above maxRejectRatio 0.1; nothing was published (see rejects)", small.error());
    }
}
