package games.analytics.ingest.run;

import games.analytics.model.GameColumns;
import games.analytics.model.Rejection;
import games.analytics.model.RowBinary;
import games.analytics.model.RowBuffer;
import games.analytics.model.RowConverter;
import java.io.IOException;

/**
 * The convert and encode stages, on the ingestion's worker thread: each record becomes the registry's values,
 * then RowBinary bytes, handed to the insert stage in chunks with a mark every {@code batchBytes}. A record that
 * cannot be converted goes to the reject buffer with its line and reason instead.
 */
final class RowEncoder {

    /** A chunk goes once less than this is left in it, so a row (typically ~2 KB) almost never makes the array grow. */
    private static final int ROOM = 64 * 1024;
    private static final RowBinary.RowWriter WRITER = new RowBinary.RowWriter(GameColumns.ALL);

    private final CsvRecords records;
    private final RowConverter converter;
    private final IngestionJob job;
    private final long firstRow;
    private final RejectBuffer rejects;
    private final InsertQueue queue;
    private final long batchBytes;
    private final RowBuffer buffer;
    private final Object[] values = new Object[GameColumns.ALL.size()];
    private long rowsInBatch;
    private long bytesInBatch;
    boolean upstreamLayout;

    RowEncoder(CsvRecords records, RowConverter converter, IngestionJob job, long firstRow, RejectBuffer rejects, InsertQueue queue,
               long batchBytes) {
        this.records = records;
        this.converter = converter;
        this.job = job;
        this.firstRow = firstRow;
        this.rejects = rejects;
        this.queue = queue;
        this.batchBytes = batchBytes;
        this.buffer = new RowBuffer(InsertQueue.CHUNK_BYTES);
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
            if (buffer.size() > InsertQueue.CHUNK_BYTES - ROOM) {
                sendChunk();
            }
            int before = buffer.size();
            WRITER.write(values, buffer);
            rowsInBatch++;
            bytesInBatch += buffer.size() - before;
            if (bytesInBatch >= batchBytes) {
                endBatch();
            }
        }
        endBatch();
        rejects.flush();
        queue.put(InsertQueue.End.INSTANCE);
    }

    private void sendChunk() throws InterruptedException {
        int length = buffer.size();
        queue.put(new InsertQueue.Chunk(buffer.detach(queue.emptyChunk()), length));
    }

    private void endBatch() throws InterruptedException {
        if (rowsInBatch > 0) {
            if (buffer.size() > 0) {
                sendChunk();
            }
            queue.put(new InsertQueue.BatchEnd(rowsInBatch));
            rowsInBatch = 0;
            bytesInBatch = 0;
        }
    }
}
