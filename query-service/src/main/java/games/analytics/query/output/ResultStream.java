package games.analytics.query.output;

import games.analytics.model.TabSeparated;
import games.analytics.query.grammar.Cursor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Schedulers;

/**
 * Streams a ClickHouse TSV answer to the client in chunks of about 32 KiB, never holding the result:
 * each line is split, its visible fields rendered by the {@link ResultWriter}, and for paged output the
 * hidden sort-key fields of the last row become the next cursor. The query asks for one row more than
 * the page; seeing it means there is a next page.
 */
public final class ResultStream implements AutoCloseable {

    private static final int CHUNK_BYTES = 32 * 1024;

    private final InputStream body;
    private final TsvRows rows;
    private final ChunkBuffer buffer = new ChunkBuffer(4096); // grows to a chunk for long answers
    private final ResultWriter writer;
    private final int visible;
    private final int fields;
    private final int pageSize;
    private final Function<List<String>, Cursor> cursors;
    private int shown;
    private List<String> lastKey;
    private boolean done;
    /** ClickHouse's exception text, when its answer ended in one after rows (a query sent without wait_end_of_query). */
    private String failedLate;

    private ResultStream(InputStream body, Layout how) {
        this.body = body;
        this.rows = new TsvRows(body, how.columns().size() + how.hiddenColumns());
        this.writer = ResultWriter.create(how.format(), how.columns(), buffer, how.page() != null, how.totalCount());
        this.visible = how.columns().size();
        this.fields = how.columns().size() + how.hiddenColumns();
        this.pageSize = how.page() == null ? 0 : how.page().size();
        this.cursors = how.page() == null ? null : how.page().cursors();
    }

    /**
     * Writes the answer on the calling thread while it fits in {@code wholeBytes}: a page or an aggregate that
     * ClickHouse has finished ({@code wait_end_of_query}) is read without waiting, and sent whole, one thread hand-off
     * and the streaming machinery fewer per request. A longer answer streams on from where it got to, so memory per
     * request stays bounded. With 0 it all streams. An answer that ends in ClickHouse's exception text within the bound
     * (sent without wait_end_of_query) fails with that text ({@link ClickHouseFailedLate}), to be answered like a failure ClickHouse
     * reports before any row; a streamed one ends in an error the format can carry.
     *
     * @param body ClickHouse's TSV answer; closing it releases the connection
     */
    public static ResultBody body(InputStream body, Layout how) {
        ResultStream stream = new ResultStream(body, how);
        int wholeBytes = how.wholeBytes();
        if (wholeBytes == 0) {
            return new ResultBody.Streamed(chunks(stream));
        }
        try {
            stream.renderUpTo(wholeBytes);
        } catch (Throwable e) {
            stream.close();
            throw failure(e);
        }
        if (stream.done) {
            stream.close();
            if (stream.failedLate != null) { // nothing is sent yet: the client gets an HTTP error, not rows and an error field
                throw new ClickHouseFailedLate(stream.failedLate);
            }
            return new ResultBody.Whole(stream.buffer.take());
        }
        return new ResultBody.Streamed(chunks(stream)); // what is rendered so far leads the first chunk
    }

    private static Flux<byte[]> chunks(ResultStream stream) {
        return Flux.using(() -> stream, s -> Flux.generate((SynchronousSink<byte[]> sink) -> s.next(sink)), ResultStream::close)
                .subscribeOn(Schedulers.boundedElastic());
    }

    private void next(SynchronousSink<byte[]> sink) {
        if (done) {
            sink.complete();
            return;
        }
        try {
            renderUpTo(CHUNK_BYTES);
            if (failedLate != null) { // rows have left already: the answer ends in the error its format can carry
                writer.error(failedLate);
            }
        } catch (Throwable e) {
            sink.error(failure(e));
            return;
        }
        sink.next(buffer.take());
    }

    /**
     * What the request fails with. A JVM error (out of memory, stack overflow) is wrapped: Reactor rethrows those on
     * the thread instead of signalling them, which left the client waiting and the ClickHouse connection held.
     */
    private static RuntimeException failure(Throwable e) {
        return switch (e) {
            case RuntimeException runtime -> runtime;
            case IOException io -> new UncheckedIOException(io);
            default -> new IllegalStateException("rendering the answer failed: " + e, e);
        };
    }

    /** Renders rows until the buffer holds {@code bytes} or the answer is done. */
    private void renderUpTo(int bytes) throws IOException {
        while (buffer.size() < bytes && !done) {
            if (!rows.next()) {
                done = true;
                writer.end(null);
            } else if (pageSize > 0 && shown == pageSize) {
                done = true;
                writer.end(cursors.apply(lastKey));
            } else {
                row();
            }
        }
        writer.flush();
    }

    private void row() throws IOException {
        if (!rows.wellFormed()) {
            // ClickHouse appends its exception text when a query fails after sending rows: a whole answer throws it
            // (render), a streamed one writes it (next)
            done = true;
            String line = rows.line();
            failedLate = line.length() > 500 ? line.substring(0, 500) : line;
            return;
        }
        writer.row(rows);
        if (pageSize > 0) { // the next page starts after this row
            String[] key = new String[fields - visible];
            Arrays.setAll(key, i -> TabSeparated.unescape(rows.text(visible + i))); // the cursor carries values, not TSV
            lastKey = Arrays.asList(key);
        }
        shown++;
    }

    /** Releases the ClickHouse connection, also when the client hangs up early. */
    @Override
    public void close() {
        try {
            body.close();
        } catch (Exception e) {
            // the connection is being discarded anyway
        }
    }
}
