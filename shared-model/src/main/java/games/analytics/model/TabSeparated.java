package games.analytics.model;

import java.util.ArrayList;
import java.util.List;

/**
 * ClickHouse's TabSeparated text format: results are read as TSV, and our own small tables (jobs, rejects) are written as TSV.
 * Every version from 18.16 on reads and writes it the same way, including arrays ({@code ['a','b']}).
 */
public final class TabSeparated {

    public static final String NULL = "\\N";

    private TabSeparated() {
    }

    /** Escapes as ClickHouse does; also valid inside a quoted SQL string literal. */
    public static void escapeInto(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c);
            }
        }
    }

    /** Splits one output line into raw (still escaped) fields; tabs inside values are always escaped. */
    public static String[] split(String line, int expectedFields) {
        String[] fields = new String[expectedFields];
        int start = 0;
        for (int i = 0; i < expectedFields - 1; i++) {
            int tab = line.indexOf('\t', start);
            if (tab < 0) {
                throw new IllegalStateException("expected " + expectedFields + " fields in a result row");
            }
            fields[i] = line.substring(start, tab);
            start = tab + 1;
        }
        fields[expectedFields - 1] = line.substring(start);
        return fields;
    }

    public static String unescape(String raw) {
        int slash = raw.indexOf('\\');
        if (slash < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        out.append(raw, 0, slash);
        for (int i = slash; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                out.append(unescaped(raw.charAt(++i)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The character an escape ({@code \\} then {@code c}) stands for: \\t \\n \\r \\0 \\b \\f, and c itself otherwise. */
    public static char unescaped(char c) {
        return switch (c) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case '0' -> '\0';
            case 'b' -> '\b';
            case 'f' -> '\f';
            default -> c;
        };
    }

    /** Parses an array field as written by ClickHouse: {@code ['a','b\'c']}. */
    public static List<String> parseArray(String raw) {
        List<String> items = new ArrayList<>();
        int i = 1; // after '['
        int end = raw.length() - 1; // at ']'
        while (i < end) {
            if (raw.charAt(i) != '\'') {
                throw new IllegalStateException("malformed array in a result row: " + raw);
            }
            StringBuilder item = new StringBuilder();
            i++;
            while (raw.charAt(i) != '\'') {
                char c = raw.charAt(i);
                if (c == '\\') {
                    item.append(unescaped(raw.charAt(++i)));
                } else {
                    item.append(c);
                }
                i++;
            }
            items.add(item.toString());
            i += 2; // closing quote and the comma (or past ']')
        }
        return items;
    }
}
