package games.analytics.model;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

/** How users' CSV files are read: RFC 4180 quoting, LF or CRLF, no trimming, long text fields. */
public final class CsvFormat {

    /** "About the game" can be long; a broken quote must still fail instead of eating the heap. */
    public static final int MAX_CHARS_PER_FIELD = 1 << 20;

    private CsvFormat() {
    }

    public static CsvParser newParser() {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setDelimiter(',');
        settings.getFormat().setQuote('"');
        settings.getFormat().setQuoteEscape('"');
        settings.getFormat().setLineSeparator("\n");
        settings.setNormalizeLineEndingsWithinQuotes(false); // keep embedded CRLF text as it was
        settings.setLineSeparatorDetectionEnabled(true);     // LF or CRLF files
        settings.setHeaderExtractionEnabled(false);          // we map the header ourselves
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setIgnoreLeadingWhitespacesInQuotes(false);
        settings.setIgnoreTrailingWhitespacesInQuotes(false);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setSkipEmptyLines(true);
        settings.setCommentProcessingEnabled(false);         // "#DRIVE" is a game: Univocity skipped lines starting with #
        settings.setMaxCharsPerColumn(MAX_CHARS_PER_FIELD);
        settings.setMaxColumns(1024);
        settings.setReadInputOnSeparateThread(false);
        settings.setErrorContentLength(200);
        settings.setInputBufferSize(256 * 1024);
        return new CsvParser(settings);
    }
}
