package games.analytics.ingest.run;

import games.analytics.model.GameColumns;
import games.analytics.model.GamesTable;
import games.analytics.model.Rejection;
import games.analytics.model.RowBinary;
import games.analytics.model.RowBuffer;
import games.analytics.model.RowConverter;
import java.io.IOException;
import java.time.LocalDate;

/**
 * The convert and encode stages, on the ingestion's worker thread: each record becomes the registry's values,
 * then RowBinary bytes, grouped by release year ({@link YearBatches}, which holds at most {@code batchBytes}) and
 * handed to the insert stage in chunks with a mark after each batch. A record that cannot be converted goes to the
 * reject buffer with its line and reason instead.
 */
final class RowEncoder {

    private static final RowBinary.RowWriter WRITER = new RowBinary.RowWriter(GameColumns.ALL);
    private static final int RELEASE_DATE = GameColumns.ALL.indexOf(GameColumns.RELEASE_DATE);

    private final CsvRecords records;
    private final RowConverter converter;
    private final IngestionJob job;
    private final long firstRow;
    private final RejectBuffer rejects;
    private final InsertQueue queue;
    private final YearBatches batches;
    private final Object[] values = new Object[GameColumns.ALL.size()];
    boolean upstreamLayout;

    RowEncoder(CsvRecords records, RowConverter converter, IngestionJob job, long firstRow, RejectBuffer rejects, InsertQueue queue,
               long batchBytes) {
        this.records = records;
        this.converter = converter;
        this.job = job;
        this.firstRow = firstRow;
        this.rejects = rejects;
        this.queue = queue;
        this.batches = new YearBatches(queue, batchBytes);
    }

    void encodeAll() throws IOException, InterruptedException, IngestionException {
        long sourceRow = 0;
        while (records.next()) {
            sourceRow++;
            job.rowsRead.incrementAndGet();
            String[] record = records.record();
            upstreamLayout |= converter.isUpstreamLayout(record);
            Rejection rejection = converter.convert(record, firstRow + sourceRow, values);
            if (rejection != null) {
                rejects.add(records.startLine(), sourceRow, rejection, records.raw());
                continue;
            }
            int year = GamesTable.releaseYear((LocalDate) values[RELEASE_DATE]);
            RowBuffer buffer = batches.buffer(year);
            int before = buffer.size();
            WRITER.write(values, buffer);
            batches.written(year, buffer.size() - before);
        }
        batches.flush();
        rejects.flush();
        queue.put(InsertQueue.End.INSTANCE);
    }
}
