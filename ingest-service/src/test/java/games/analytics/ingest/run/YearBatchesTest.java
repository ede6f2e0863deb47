package games.analytics.ingest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.model.RowBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Rows grouped by year: each row here is its year (2 bytes) plus padding, so the batches can be read back and checked
 * against the years written, in plain Java.
 */
class YearBatchesTest {

    private static final int ROW = 1000;

    /** One batch as read back from the queue: the year of each row, in order. */
    record Batch(List<Integer> years, long rows) {
    }

    @Test
    void withinTheBudgetEveryYearGoesTogetherInYearOrder() throws Exception {
        InsertQueue queue = new InsertQueue(100_000);
        YearBatches batches = new YearBatches(queue, 64L << 20);
        List<Integer> written = write(batches, new Random(1), 5_000, 1997, 2024);
        batches.flush();
        List<Batch> out = drain(queue);
        assertEquals(1, out.size());
        assertEquals(written.stream().sorted().toList(), out.getFirst().years());
        assertEquals(5_000, out.getFirst().rows());
    }

    @Test
    void pastTheBudgetAYearHoldingAQuarterOfItGoesAlone() throws Exception {
        InsertQueue queue = new InsertQueue(100_000);
        long budget = 40L * InsertQueue.CHUNK_BYTES;
        YearBatches batches = new YearBatches(queue, budget);
        Random random = new Random(2);
        List<Integer> written = new ArrayList<>();
        long most = 0;
        for (int i = 0; i < 60_000; i++) {
            boolean recent = random.nextInt(10) < 6; // 60% of the rows in one year, as recent years dominate a store
            written.addAll(write(batches, random, 1, recent ? 2020 : 1990, recent ? 2020 : 2019));
            most = Math.max(most, batches.held());
        }
        batches.flush();
        assertTrue(most <= budget, "held " + most + " of a budget of " + budget);
        List<Batch> out = drain(queue);
        List<Batch> alone = out.stream().filter(b -> b.years().stream().allMatch(y -> y == 2020)).toList();
        assertTrue(alone.size() >= 2, "the big year went alone: " + alone.size() + " of " + out.size() + " batches");
        assertTrue(alone.stream().allMatch(b -> b.rows() * ROW >= budget / 4), "as large parts");
        assertEquals(written.stream().sorted().toList(), out.stream().flatMap(b -> b.years().stream()).sorted().toList(), "every row once");
        out.forEach(b -> assertEquals(b.years().stream().sorted().toList(), b.years(), "rows grouped by year in each INSERT"));
    }

    @Test
    void evenlySpreadYearsGoTogetherOncePerBudget() throws Exception {
        InsertQueue queue = new InsertQueue(100_000);
        long budget = 40L * InsertQueue.CHUNK_BYTES;
        YearBatches batches = new YearBatches(queue, budget);
        List<Integer> written = write(batches, new Random(3), 60_000, 1990, 2020);
        batches.flush();
        List<Batch> out = drain(queue);
        long bytes = 60_000L * ROW;
        assertEquals(bytes / (budget + ROW) + 1, out.size(), "one INSERT per budget, not one per year");
        assertEquals(written.stream().sorted().toList(), out.stream().flatMap(b -> b.years().stream()).sorted().toList(), "every row once");
        out.forEach(b -> assertEquals(b.years().stream().sorted().toList(), b.years(), "rows grouped by year in each INSERT"));
    }

    @Test
    void noInsertHoldsMoreThanAHundredYears() throws Exception {
        InsertQueue queue = new InsertQueue(100_000);
        YearBatches batches = new YearBatches(queue, 1L << 30);
        for (int year = 1970; year <= 2105; year++) {
            write(batches, new Random(year), 1, year, year);
        }
        write(batches, new Random(0), 1, 0, 0);
        batches.flush();
        List<Batch> out = drain(queue);
        assertEquals(List.of(100, 37), out.stream().map(b -> new TreeSet<>(b.years()).size()).toList());
    }

    /** Writes {@code rows} rows of random years in {@code from..to}; returns their years. */
    private static List<Integer> write(YearBatches batches, Random random, int rows, int from, int to) throws Exception {
        List<Integer> years = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int year = from + random.nextInt(to - from + 1);
            RowBuffer buffer = batches.buffer(year);
            int before = buffer.size();
            buffer.uint16(year);
            for (int b = 2; b < ROW; b++) {
                buffer.uint8(0);
            }
            batches.written(year, buffer.size() - before);
            years.add(year);
        }
        return years;
    }

    private static List<Batch> drain(InsertQueue queue) throws Exception {
        queue.put(InsertQueue.End.INSTANCE);
        List<Batch> batches = new ArrayList<>();
        List<Integer> years = new ArrayList<>();
        for (InsertQueue.Item item = queue.take(); item != InsertQueue.End.INSTANCE; item = queue.take()) {
            switch (item) {
                case InsertQueue.Chunk chunk -> {
                    assertEquals(0, chunk.length() % ROW, "chunks hold whole rows");
                    for (int at = 0; at < chunk.length(); at += ROW) {
                        years.add((chunk.bytes()[at] & 0xFF) | (chunk.bytes()[at + 1] & 0xFF) << 8);
                    }
                }
                case InsertQueue.BatchEnd end -> {
                    assertEquals(end.rows(), years.size());
                    batches.add(new Batch(List.copyOf(years), end.rows()));
                    years.clear();
                }
                case InsertQueue.End end -> throw new AssertionError("unreachable");
            }
        }
        assertEquals(List.of(), years, "no rows after the last batch end");
        return batches;
    }
}
