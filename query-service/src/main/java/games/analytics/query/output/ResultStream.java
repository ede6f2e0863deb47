package games.analytics.query.output;

import games.analytics.model.TabSeparated;
import games.analytics.query.grammar.Cursor;
import games.analytics.query.grammar.OutputFormat;
import java.io.InputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    private final BufferedReader reader;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK_BYTES * 2);
    private final ResultWriter writer;
    private final int visible;
    private final int fields;
    private final int pageSize;
    private final Function<List<String>, Cursor> cursors;
    private int rows;
    private String[] last;
    private boolean done;

    /**
     * @param pageSize rows to show before the extra row that signals a next page; 0 for unpaged output
     * @param cursors  makes a cursor from the hidden fields of the last row shown; null when unpaged
     */
    private ResultStream(InputStream body, OutputFormat format, List<OutputColumn> columns, int hidden,
                         int pageSize, Function<List<String>, Cursor> cursors, Long totalCount) {
        this.body = body;
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        this.writer = ResultWriter.create(format, columns, buffer, cursors != null, totalCount);
        this.visible = columns.size();
        this.fields = columns.size() + hidden;
        this.pageSize = pageSize;
        this.cursors = cursors;
    }

    /** @param body ClickHouse's TSV answer; closing it releases the connection */
    public static Flux<byte[]> stream(InputStream body, OutputFormat format, List<OutputColumn> columns, int hidden,
                                      int pageSize, Function<List<String>, Cursor> cursors, Long totalCount) {
        return Flux.using(() -> new ResultStream(body, format, columns, hidden, pageSize, cursors, totalCount),
                        stream -> Flux.generate((SynchronousSink<byte[]> sink) -> stream.next(sink)),
                        ResultStream::close)
                .subscribeOn(Schedulers.boundedElastic());
    }

    private void next(SynchronousSink<byte[]> sink) {
        if (done) {
            sink.complete();
            return;
        }
        try {
            while (buffer.size() < CHUNK_BYTES && !done) {
                String line = reader.readLine();
                if (line == null) {
                    done = true;
                    writer.end(null);
                } else if (pageSize > 0 && rows == pageSize) {
                    done = true;
                    writer.end(cursors.apply(Arrays.asList(last).subList(visible, fields)));
                } else {
                    row(line);
                }
            }
            writer.flush();
        } catch (IOException | RuntimeException e) {
            sink.error(e instanceof IOException io ? new UncheckedIOException(io) : e);
            return;
        }
        sink.next(buffer.toByteArray());
        buffer.reset();
    }

    private void row(String line) throws IOException {
        String[] split;
        try {
            split = TabSeparated.split(line, fields);
        } catch (IllegalStateException notARow) {
            // ClickHouse appends its exception text when a query fails after sending rows
            done = true;
            writer.error(line.length() > 500 ? line.substring(0, 500) : line);
            return;
        }
        writer.row(split);
        last = split;
        rows++;
    }

    /** Releases the ClickHouse connection, also when the client hangs up early. */
    @Override
    public void close() {
        try (body) {
            reader.close();
        } catch (Exception e) {
            // the connection is being discarded anyway
        }
    }
}
