package games.analytics.ingest.run;

import games.analytics.model.RowBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encoded rows grouped by release year before they go to the insert stage. The table is partitioned by year and an
 * INSERT writes one part per year it holds (on 18.16 each part costs two 1 MiB buffers per column file), and current
 * releases refuse a block touching more than 100 partitions. So rows wait here, per year, within a byte budget. Past
 * the budget, a year holding a quarter of it goes as an INSERT of its own (one large part); when years are spread
 * evenly, everything held goes instead (a part per year, as few INSERTs as batches), since a lone year would be a tiny
 * part. Either way, and at the end, at most {@value #MAX_YEARS_PER_INSERT} years go per INSERT. Memory is the budget
 * plus one partly filled array per year, whatever the file's size.
 */
final class YearBatches {

    /** Current releases' {@code max_partitions_per_insert_block}; 18.16 has no limit. */
    static final int MAX_YEARS_PER_INSERT = 100;
    /** A year's first array: most years of a small file, or of an even spread, never fill it. */
    private static final int FIRST_CHUNK = 16 * 1024;

    /** One year's rows: filled chunks, then the one being filled. */
    private static final class Year {
        final List<InsertQueue.Chunk> full = new ArrayList<>();
        final RowBuffer filling;
        long bytes;
        long rows;

        Year() {
            filling = new RowBuffer(FIRST_CHUNK);
        }
    }

    private final InsertQueue queue;
    private final long budget;
    private final Map<Integer, Year> years = new TreeMap<>();
    private long held; // bytes of rows held, all years
    private long pendingRows; // rows sent since the last batch end

    YearBatches(InsertQueue queue, long budget) {
        this.queue = queue;
        this.budget = budget;
    }

    /** Where the next row of {@code year} is written; call {@link #written} after writing it. */
    RowBuffer buffer(int year) {
        Year y = years.computeIfAbsent(year, k -> new Year());
        int capacity = y.filling.array().length;
        if (y.filling.size() > capacity - capacity / 4) { // a chunk goes with a quarter left, so a row rarely grows it
            int length = y.filling.size();
            y.full.add(new InsertQueue.Chunk(y.filling.detach(queue.emptyChunk()), length));
        }
        return y.filling;
    }

    /** Counts a row of {@code bytes} just written to {@code year}'s buffer; past the budget, rows go (see the class). */
    void written(int year, int bytes) throws InterruptedException {
        Year y = years.get(year);
        y.bytes += bytes;
        y.rows++;
        held += bytes;
        if (held > budget) {
            int largest = years.entrySet().stream().max(Comparator.comparingLong(e -> e.getValue().bytes)).orElseThrow().getKey();
            if (years.get(largest).bytes >= budget / 4) {
                send(years.remove(largest));
                endBatch();
            } else {
                flush();
            }
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
        held -= y.bytes;
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
