package games.analytics.model;

/**
 * One text cell of a CSV the services write (exports, aggregates, rejects): RFC 4180 quoting, and text that a
 * spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab or CR first) gets a leading
 * {@code '} (OWASP's advice on CSV injection). Numbers are written by the caller as numbers and never pass here,
 * so a negative price stays a number.
 */
public final class CsvText {

    private CsvText() {
    }

    public static void append(String value, StringBuilder out) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        if (quote) {
            out.append('"').append(safe.replace("\"", "\"\"")).append('"');
        } else {
            out.append(safe);
        }
    }
}
