package games.analytics.query.output;

import games.analytics.query.grammar.Cursor;
import games.analytics.query.grammar.OutputFormat;
import java.util.List;
import java.util.function.Function;

/**
 * How an answer is laid out: its format and columns, the hidden sort columns after them, the page it makes (if any),
 * the total count to report (if asked), and up to how many bytes it is written whole before it streams.
 *
 * @param hiddenColumns fields after the visible ones that only the cursor reads
 * @param page          null for unpaged output (streams, aggregates)
 * @param totalCount    null unless {@code count=exact} asked for it
 * @param wholeBytes    an answer up to this size is written on the reading thread and sent whole; 0: always streamed
 */
public record Layout(OutputFormat format, List<OutputColumn> columns, int hiddenColumns, Page page, Long totalCount, int wholeBytes) {

    /**
     * @param size    rows to show before the extra row that signals a next page
     * @param cursors makes a cursor from the hidden fields of the last row shown
     */
    public record Page(int size, Function<List<String>, Cursor> cursors) {
    }

    /** Unpaged, uncounted rows: an aggregate, an export. */
    public static Layout rows(OutputFormat format, List<OutputColumn> columns, int wholeBytes) {
        return new Layout(format, columns, 0, null, null, wholeBytes);
    }
}
