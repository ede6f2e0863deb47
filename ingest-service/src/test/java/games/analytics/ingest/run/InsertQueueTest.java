package games.analytics.ingest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Either side of the hand-over failing must release the other, never leave it waiting. */
class InsertQueueTest {

    private static InsertQueue.Chunk chunk(InsertQueue queue) {
        return new InsertQueue.Chunk(queue.emptyChunk(), 1);
    }

    @Test
    void aFullQueueStopsTheEncoderOnceAnInserterFailed() {
        InsertQueue queue = new InsertQueue(1);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            queue.put(chunk(queue));
            IllegalStateException cause = new IllegalStateException("ClickHouse is gone");
            Thread encoder = Thread.currentThread();
            Thread.ofPlatform().start(() -> {
                waitUntilBlocked(encoder); // in the put below, on the full queue
                queue.insertFailed(cause);
            });
            InsertQueue.InsertFailed failed = assertThrows(InsertQueue.InsertFailed.class, () -> queue.put(chunk(queue)));
            assertSame(cause, failed.getCause());
        });
    }

    @Test
    void anAbortFailsAWaitingInserterAndDropsWhatWasQueued() {
        InsertQueue queue = new InsertQueue(4);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            queue.put(chunk(queue));
            Thread inserter = Thread.currentThread();
            Thread.ofPlatform().start(() -> {
                waitUntilBlocked(inserter); // in the second take below, on the empty queue
                queue.abort();
            });
            assertEquals(1, ((InsertQueue.Chunk) queue.take()).length());
            assertThrows(IOException.class, queue::take); // waits, then learns of the abort
        });
    }

    @Test
    void writtenChunksAreReusedAndGrownOnesAreNot() {
        InsertQueue queue = new InsertQueue(4);
        InsertQueue.Chunk written = chunk(queue);
        queue.written(written);
        assertSame(written.bytes(), queue.emptyChunk());
        queue.written(new InsertQueue.Chunk(new byte[InsertQueue.CHUNK_BYTES * 2], 1));
        assertEquals(InsertQueue.CHUNK_BYTES, queue.emptyChunk().length);
    }

    /** Waits for the event itself: the thread parked in the queue's wait. */
    private static void waitUntilBlocked(Thread thread) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING);
    }
}
