package games.analytics.query.output;

import games.analytics.model.CsvText;
import games.analytics.model.TabSeparated;

/**
 * Writes ClickHouse TSV fields as CSV fields byte for byte, without decoding them: the same CSV as {@link CsvText}'s
 * Univocity writer gives for the decoded values (its tests compare the two), at a fraction of the cost (a 10,000-row
 * export spent 12 ms of CPU decoding, re-encoding and re-scanning text). UTF-8 passes through: every byte this looks
 * at (escapes, quotes, commas) is ASCII, which never occurs inside a multi-byte character.
 */
final class CsvFields {

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CsvFields() {
    }

    static void number(byte[] b, int start, int end, ChunkBuffer out) {
        out.write(b, start, end - start);
    }

    static void bool(boolean value, ChunkBuffer out) {
        out.write(value ? TRUE : FALSE, 0, value ? TRUE.length : FALSE.length);
    }

    /** A row of one empty field: {@code ""}, as an empty line is skipped by CSV readers (and Univocity's writer). */
    static void emptyRow(ChunkBuffer out) {
        out.write('"');
        out.write('"');
    }

    /**
     * Escaped TSV text as a CSV field: quoted when it holds a comma, a quote or a line break, or starts a row with
     * {@code #} (a comment to many readers), quotes doubled, and a formula neutralised ({@link CsvText#neutralise}).
     * Text without escapes and quotes is copied as is.
     */
    static void text(byte[] b, int start, int end, boolean firstInRow, ChunkBuffer out) {
        int first = start == end ? -1 : b[start] != '\\' || start + 1 == end ? b[start] : unescaped(b[start + 1]);
        boolean quoted = firstInRow && first == '#';
        boolean plain = true;
        for (int i = start; i < end; i++) {
            byte c = b[i];
            if (c == '\\') {
                plain = false;
                quoted |= i + 1 < end && (b[i + 1] == 'n' || b[i + 1] == 'r');
                i++;
            } else if (c == '"') {
                plain = false;
                quoted = true;
            } else if (c == ',') {
                quoted = true;
            }
        }
        byte[] d = out.reserve(2 * (end - start) + 3); // a doubled quote is the most a byte becomes
        int o = out.size();
        if (quoted) {
            d[o++] = '"';
        }
        if (first >= 0 && CsvText.FORMULA_STARTS.indexOf(first) >= 0) {
            d[o++] = '\'';
        }
        if (plain) {
            System.arraycopy(b, start, d, o, end - start);
            o += end - start;
        } else {
            for (int i = start; i < end; i++) {
                int c = b[i];
                if (c == '\\' && i + 1 < end) {
                    c = unescaped(b[++i]);
                }
                if (c == '"') {
                    d[o++] = '"';
                }
                d[o++] = (byte) c;
            }
        }
        if (quoted) {
            d[o++] = '"';
        }
        out.setSize(o);
    }

    /**
     * A ClickHouse array ({@code ['a','b\'c']}) as a JSON array of strings, as a CSV field: {@code "[""a"",""b'c""]"}.
     * JSON escapes as Jackson's do: quote, backslash and control characters, nothing else.
     */
    static void list(byte[] b, int start, int end, ChunkBuffer out) {
        byte[] d = out.reserve(6 * (end - start) + 4); // a raw control character becomes a 6-byte JSON escape
        int o = out.size();
        if (end - start == 2) {
            d[o++] = '[';
            d[o++] = ']';
            out.setSize(o);
            return;
        }
        d[o++] = '"';
        d[o++] = '[';
        int i = start + 1; // after '['
        int last = end - 1; // at ']'
        while (i < last) {
            if (b[i] != '\'') {
                throw new IllegalStateException("malformed array in a result row");
            }
            if (i > start + 1) {
                d[o++] = ',';
            }
            d[o++] = '"';
            d[o++] = '"';
            for (i++; b[i] != '\''; i++) {
                int c = b[i];
                if (c == '\\') {
                    c = unescaped(b[++i]);
                }
                o = jsonChar(c, d, o);
            }
            d[o++] = '"';
            d[o++] = '"';
            i += 2; // the closing quote and the comma (or past ']')
        }
        d[o++] = ']';
        d[o++] = '"';
        out.setSize(o);
    }

    private static int jsonChar(int c, byte[] d, int o) {
        if (c < 0 || c >= 0x20 && c != '"' && c != '\\') { // most bytes, UTF-8 continuation bytes included
            d[o++] = (byte) c;
            return o;
        }
        d[o++] = '\\';
        switch (c) {
            case '"' -> {
                d[o++] = '"';
                d[o++] = '"'; // the quote doubled for CSV
            }
            case '\\' -> d[o++] = '\\';
            case '\n' -> d[o++] = 'n';
            case '\r' -> d[o++] = 'r';
            case '\t' -> d[o++] = 't';
            case '\b' -> d[o++] = 'b';
            case '\f' -> d[o++] = 'f';
            default -> {
                d[o++] = 'u';
                d[o++] = '0';
                d[o++] = '0';
                d[o++] = (byte) HEX[c >> 4];
                d[o++] = (byte) HEX[c & 15];
            }
        }
        return o;
    }

    /** TabSeparated's escapes; a byte after a backslash is always ASCII in ClickHouse's output. */
    private static int unescaped(byte c) {
        return TabSeparated.unescaped((char) (c & 0xFF));
    }
}
