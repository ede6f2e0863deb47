package games.analytics.ingest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import games.analytics.ingest.job.IngestMode;
import games.analytics.ingest.job.IngestionStatus;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** A job's status moves only forward: queued -> running -> one final state, which nothing rewrites. */
class IngestionJobStatesTest {

    private static IngestionJob job() {
        return new IngestionJob(URI.create("https://example.com/games.csv"), IngestMode.replace, 0.1, null, false);
    }

    @Test
    void aCancelIsCancelledAndAServiceStopIsAFailureWithItsReason() {
        IngestionJob queued = job();
        queued.cancel();
        assertEquals(IngestionStatus.cancelled, queued.status());
        queued.start();
        assertEquals(IngestionStatus.cancelled, queued.status(), "a job cancelled while it waited never runs");

        IngestionJob running = job();
        running.start();
        running.interrupt("interrupted: the ingest-service stopped");
        running.fail("the download was closed"); // what the worker sees once its download is closed
        assertEquals(IngestionStatus.failed, running.status());
        assertEquals("interrupted: the ingest-service stopped", running.view().error());

        IngestionJob cancelled = job();
        cancelled.start();
        cancelled.cancel();
        cancelled.fail("the download was closed");
        assertEquals(IngestionStatus.cancelled, cancelled.status());
        assertEquals("cancelled", cancelled.view().error());
    }

    @Test
    void aFinalStateIsNeverRewritten() {
        IngestionJob done = job();
        done.start();
        done.succeed();
        done.interrupt("interrupted: the ingest-service stopped");
        done.fail("late");
        assertEquals(IngestionStatus.succeeded, done.status());
        assertEquals(null, done.view().error());
    }
}
