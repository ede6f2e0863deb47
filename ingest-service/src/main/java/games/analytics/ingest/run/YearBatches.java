package games.analytics.ingest.run;

import games.analytics.model.RowBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encoded rows grouped by release year before they go to the insert stage. The table is partitioned by year and an
 * INSERT writes one part per year it holds: rows in file order made every batch write a part for every year (on 18.16
 * each part costs two 1 MiB buffers per column file), and current releases refuse a block touching more than 100
 * partitions. So rows wait here, per year, within a byte budget; past the budget the largest year goes as an INSERT of
 * its own (one part), and at the end the rest go together, at most {@value #MAX_YEARS_PER_INSERT} years per INSERT.
 * Memory is the budget, whatever the file's size.
 */
final class YearBatches {

    /** Current releases' {@code max_partitions_per_insert_block}; 18.16 has no limit. */
    static final int MAX_YEARS_PER_INSERT = 100;
    /** A chunk goes once less than this is left in it, so a row (typically ~2 KB) almost never makes the array grow. */
    private static final int ROOM = 64 * 1024;

    /** One year's rows: filled chunks, then the one being filled. */
    private static final class Year {
        final List<InsertQueue.Chunk> full = new ArrayList<>();
        final RowBuffer filling;
        long bytes;
        long rows;

        Year(byte[] chunk) {
            filling = RowBuffer.over(chunk);
        }

        /** Bytes of heap this year holds: what the budget counts. */
        long held() {
            return (long) full.size() * InsertQueue.CHUNK_BYTES + filling.array().length;
        }
    }

    private final InsertQueue queue;
    private final long budget;
    private final Map<Integer, Year> years = new TreeMap<>();
    private long held;
    private long pendingRows; // rows sent since the last batch end

    YearBatches(InsertQueue queue, long budget) {
        this.queue = queue;
        this.budget = budget;
    }

    /** Where the next row of {@code year} is written; call {@link #written} after writing it. */
    RowBuffer buffer(int year) throws InterruptedException {
        Year y = years.get(year);
        if (y == null) {
            y = new Year(queue.emptyChunk());
            years.put(year, y);
            held += y.held();
        } else if (y.filling.size() > InsertQueue.CHUNK_BYTES - ROOM) {
            held -= y.held();
            int length = y.filling.size();
            y.full.add(new InsertQueue.Chunk(y.filling.detach(queue.emptyChunk()), length));
            held += y.held();
        }
        return y.filling;
    }

    /** Counts a row of {@code bytes} just written to {@code year}'s buffer; past the budget the largest year goes. */
    void written(int year, int bytes) throws InterruptedException {
        Year y = years.get(year);
        held -= y.held();
        y.bytes += bytes;
        y.rows++;
        held += y.held(); // a row that grew the array is counted at the array's new size
        if (held > budget) {
            int largest = years.entrySet().stream().max(Comparator.comparingLong(e -> e.getValue().bytes)).orElseThrow().getKey();
            send(years.remove(largest));
            endBatch();
        }
    }

    /** Sends every year still held, in year order, as INSERTs of at most {@value #MAX_YEARS_PER_INSERT} years. */
    void flush() throws InterruptedException {
        int inBatch = 0;
        for (Year y : years.values()) {
            send(y);
            if (++inBatch == MAX_YEARS_PER_INSERT) {
                endBatch();
                inBatch = 0;
            }
        }
        years.clear();
        endBatch();
    }

    private void endBatch() throws InterruptedException {
        if (pendingRows > 0) {
            queue.put(new InsertQueue.BatchEnd(pendingRows));
            pendingRows = 0;
        }
    }

    private void send(Year y) throws InterruptedException {
        held -= y.held();
        for (InsertQueue.Chunk chunk : y.full) {
            queue.put(chunk);
        }
        if (y.filling.size() > 0) {
            int length = y.filling.size();
            queue.put(new InsertQueue.Chunk(y.filling.detach(null), length));
        }
        pendingRows += y.rows;
    }

    /** Bytes of rows held now (for tests). */
    long held() {
        return held;
    }
}
