package games.analytics.model;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.Writer;

/**
 * The CSV the services write (exports, aggregates, rejects): RFC 4180 by Univocity's writer (a field is quoted
 * when it holds a comma, a quote or a line break, quotes doubled, CRLF between rows, text kept byte for byte),
 * and text that a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab or CR
 * first) neutralised with a leading {@code '} (OWASP's advice on CSV injection). Numbers are never passed through
 * {@link #neutralise}, so a negative number stays a number.
 */
public final class CsvText {

    /** The first characters that make a spreadsheet run a cell as a formula. */
    public static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvText() {
    }

    /** A writer of rows into {@code out}; null and empty fields are both an empty field. */
    public static CsvWriter writer(Writer out) {
        CsvWriterSettings settings = new CsvWriterSettings();
        settings.getFormat().setLineSeparator("\r\n");
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setQuoteEscapingEnabled(true);
        settings.setNormalizeLineEndingsWithinQuotes(false); // a newline in the data stays that newline
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        return new CsvWriter(out, settings);
    }

    /** Text as a spreadsheet will show it, never run it. */
    public static String neutralise(String value) {
        return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
