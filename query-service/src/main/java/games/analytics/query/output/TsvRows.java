package games.analytics.query.output;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * ClickHouse's TabSeparated answer read as bytes, one line at a time, split at tabs without decoding: in UTF-8 a
 * tab or newline byte is never part of another character, and ClickHouse escapes both inside values. Fields stay
 * escaped; a line longer than the buffer grows it (as {@code BufferedReader.readLine} would).
 */
final class TsvRows {

    private static final int GROWN = 64 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long TABS = 0x0909090909090909L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final InputStream in;
    private final int fields;
    private final int[] starts; // of the current line's fields, from the line's start
    private final int[] ends;
    /** Small at first (most answers are a page: a 64 KiB buffer per request was 3% of its CPU), grown as reads fill it. */
    private byte[] buf = new byte[8 * 1024];
    private int pos;
    private int limit;
    private int lineStart;
    private int lineEnd;
    private boolean wellFormed;

    /** @param fields the fields every row has; a line with another count is not a row ({@link #wellFormed}) */
    TsvRows(InputStream in, int fields) {
        this.in = in;
        this.fields = fields;
        this.starts = new int[fields]; // starts[0] stays 0
        this.ends = new int[fields];
    }

    /**
     * Moves to the next line; false at the end of the answer. One pass over its bytes finds the tabs and the newline;
     * field offsets are kept relative to the line's start, so a refill that moves the line keeps the progress.
     */
    boolean next() throws IOException {
        int field = 0;
        boolean tooMany = false;
        int scanned = 0;
        while (true) {
            for (int i = separator(pos + scanned); i < limit; i = separator(i + 1)) {
                if (buf[i] == '\n') {
                    endLine(i, field, tooMany);
                    pos = i + 1;
                    return true;
                }
                if (field + 1 == fields) {
                    tooMany = true;
                } else {
                    ends[field] = i - pos;
                    starts[++field] = i + 1 - pos;
                }
            }
            scanned = limit - pos;
            if (!fill()) {
                if (scanned == 0) {
                    return false;
                }
                endLine(limit, field, tooMany); // a last line without its newline: ClickHouse's error text can end so
                pos = limit;
                return true;
            }
        }
    }

    /**
     * The first tab or newline at or after {@code from}, or {@code limit}: eight bytes at a time (a byte equal to the
     * separator is a zero byte after XOR; the lowest flagged byte of the classic zero-byte test is exact), the tail
     * byte by byte. Scanning was the largest part of a CSV export's CPU.
     */
    private int separator(int from) {
        int i = from;
        for (; i + 8 <= limit; i += 8) {
            long word = (long) LONGS.get(buf, i);
            long tabs = word ^ TABS;
            long newlines = word ^ NEWLINES;
            long found = ((tabs - ONES) & ~tabs | (newlines - ONES) & ~newlines) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < limit; i++) {
            if (buf[i] == '\t' || buf[i] == '\n') {
                return i;
            }
        }
        return limit;
    }

    private void endLine(int end, int field, boolean tooMany) {
        lineStart = pos;
        lineEnd = end;
        ends[field] = end - pos;
        wellFormed = !tooMany && field + 1 == fields;
    }

    /** Moves the unread bytes to the front, grows a full buffer, and reads; false at the end of the answer. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) { // a line longer than the buffer
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int read = in.read(buf, limit, buf.length - limit);
        if (read < 0) {
            return false;
        }
        if (read == buf.length - limit && buf.length < GROWN) { // a long answer: fewer, larger reads
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        limit += read;
        return true;
    }

    /** Whether the current line has the fields of a row; ClickHouse appends its error text when a query fails late. */
    boolean wellFormed() {
        return wellFormed;
    }

    String line() {
        return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
    }

    byte[] bytes() {
        return buf;
    }

    int start(int field) {
        return lineStart + starts[field];
    }

    int end(int field) {
        return lineStart + ends[field];
    }

    /** The field's raw (still escaped) text. */
    String text(int field) {
        return new String(buf, start(field), end(field) - start(field), StandardCharsets.UTF_8);
    }

    boolean isNull(int field) {
        return end(field) - start(field) == 2 && buf[start(field)] == '\\' && buf[start(field) + 1] == 'N';
    }

    /** ClickHouse's nan, -nan, inf and -inf: the only float texts with an n (finite ones are digits, sign, . and e). */
    boolean isNonFinite(int field) {
        for (int i = start(field); i < end(field); i++) {
            if (buf[i] == 'n') {
                return true;
            }
        }
        return false;
    }

    boolean isTrue(int field) {
        return end(field) - start(field) == 1 && buf[start(field)] == '1';
    }
}
