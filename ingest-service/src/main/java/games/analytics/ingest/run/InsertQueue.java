package games.analytics.ingest.run;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hand-over from the encoding thread to the inserting threads: encoded chunks, an end mark after each
 * batch's last chunk, and one end of input. Bounded, so the service's memory does not grow with the file;
 * either side's failure unblocks the other.
 */
final class InsertQueue {

    sealed interface Item permits Chunk, BatchEnd, End {
    }

    /** RowBinary bytes of whole rows. */
    record Chunk(byte[] bytes, int length) implements Item {
    }

    /** The batch that began after the previous mark ends here; it holds {@code rows} rows. */
    record BatchEnd(long rows) implements Item {
    }

    /** No more input. */
    enum End implements Item { INSTANCE }

    /** The inserting side failed: the encoder stops with this. */
    static final class InsertFailed extends RuntimeException {
        InsertFailed(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static final long POLL_MILLIS = 50;
    /** Under half of G1's 1 MiB regions at -Xmx256m, so chunks are ordinary objects, not humongous ones. */
    static final int CHUNK_BYTES = 256 * 1024;

    private final BlockingQueue<Item> items;
    /**
     * Chunk arrays come back here once written: a chunk waits long enough in the queue to survive young
     * collections, and without reuse every byte of the file would be promoted and then collected again.
     */
    private final BlockingQueue<byte[]> free;
    private volatile Throwable insertFailure;
    private volatile boolean aborted;
    private long waitedNanos; // the encoder's own

    InsertQueue(int capacity) {
        items = new ArrayBlockingQueue<>(capacity);
        free = new ArrayBlockingQueue<>(capacity + 8); // the queued ones, one being filled, one being written per inserter
    }

    /** An empty chunk array, reused when one is free. */
    byte[] emptyChunk() {
        byte[] chunk = free.poll();
        return chunk != null ? chunk : new byte[CHUNK_BYTES];
    }

    /** Inserter side: {@code chunk} was written and may be filled again (a grown one is left to the collector). */
    void written(Chunk chunk) {
        if (chunk.bytes().length == CHUNK_BYTES) {
            free.offer(chunk.bytes());
        }
    }

    /** Encoder side: waits for room; throws once an inserter has failed. */
    void put(Item item) throws InterruptedException {
        if (!items.offer(item)) {
            long start = System.nanoTime();
            while (!items.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                checkInserts();
            }
            waitedNanos += System.nanoTime() - start;
        }
        checkInserts();
    }

    /** Encoder side: how long it waited for room, i.e. for ClickHouse. */
    long waitedNanos() {
        return waitedNanos;
    }

    /** Encoder side: the input failed; inserts in flight must fail too instead of committing part of a batch. */
    void abort() {
        aborted = true;
        items.clear();
    }

    void checkInserts() {
        Throwable failure = insertFailure;
        if (failure != null) {
            throw new InsertFailed(failure);
        }
    }

    /** Inserter side: the next item; an IOException once the encoder aborted, which aborts the insert's request. */
    Item take() throws IOException, InterruptedException {
        while (true) {
            if (aborted) {
                throw new IOException("the input failed; this insert is abandoned");
            }
            Item item = items.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (item != null) {
                return item;
            }
        }
    }

    /** Inserter side: remembered for the encoder, which stops at its next put. */
    void insertFailed(Throwable e) {
        if (insertFailure == null) {
            insertFailure = e;
        }
    }
}
