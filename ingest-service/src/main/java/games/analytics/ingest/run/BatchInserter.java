package games.analytics.ingest.run;

import games.analytics.ingest.store.GamesStore;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The insert stage: each batch is one {@code INSERT ... FORMAT RowBinary} whose body streams from the queue. The
 * threads take turns: while one waits for ClickHouse to sort and write its batch's parts, the next streams the
 * following batch, so neither the encoder nor the wire waits for a batch's tail.
 */
final class BatchInserter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchInserter.class);

    private final GamesStore store;
    private final IngestionJob job;
    private final InsertQueue queue;
    private final Semaphore turn = new Semaphore(1); // one body streams at a time, so batches leave the queue whole
    private final AtomicInteger batches = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean ended;

    BatchInserter(GamesStore store, IngestionJob job, InsertQueue queue) {
        this.store = store;
        this.job = job;
        this.queue = queue;
    }

    void start(int count) {
        for (int i = 1; i <= count; i++) {
            threads.add(Thread.ofPlatform().name("ingest-insert-" + i).daemon().start(this::insertUntilEnd));
        }
    }

    /** Waits for every insert to be answered (or abandoned). */
    void join() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void insertUntilEnd() {
        try {
            while (insertNextBatch()) {
                // one batch per round
            }
        } catch (Throwable e) { // an Error too: the encoder must learn of it instead of waiting for room forever
            queue.insertFailed(e);
        }
    }

    /** Streams the next batch into one INSERT and waits for its answer; false once the input has ended. */
    private boolean insertNextBatch() throws InterruptedException, IOException {
        turn.acquire();
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                turn.release();
            }
        };
        try {
            InsertQueue.Item first = ended ? InsertQueue.End.INSTANCE : queue.take();
            if (first == InsertQueue.End.INSTANCE) {
                ended = true;
                return false;
            }
            long[] rows = new long[1];
            store.insert(job.table(), out -> {
                try {
                    rows[0] = streamBatch(first, out);
                } finally {
                    release.run(); // the body is complete: the next batch may stream while ClickHouse writes this one
                }
            });
            job.rowsInserted.addAndGet(rows[0]);
            LOG.info("ingestion {} batch {} inserted: {} rows so far, {} rejected, {} bytes read", job.id, batches.incrementAndGet(),
                    job.rowsInserted.get(), job.rowsRejected.get(), job.bytesRead.get());
            return true;
        } finally {
            release.run();
        }
    }

    /** Writes chunks up to the batch's end mark; returns its row count. */
    private long streamBatch(InsertQueue.Item first, OutputStream out) throws IOException {
        InsertQueue.Item item = first;
        try {
            while (item instanceof InsertQueue.Chunk chunk) {
                out.write(chunk.bytes(), 0, chunk.length());
                queue.written(chunk);
                item = queue.take();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (item instanceof InsertQueue.BatchEnd end) {
            return end.rows();
        }
        throw new IllegalStateException("the input ended inside a batch"); // the encoder always marks a batch's end first
    }
}
