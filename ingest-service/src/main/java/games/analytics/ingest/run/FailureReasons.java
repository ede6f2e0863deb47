package games.analytics.ingest.run;

import com.univocity.parsers.common.TextParsingException;
import games.analytics.ingest.source.Download;
import games.analytics.ingest.source.InputLimits;
import games.analytics.ingest.source.Utf8Reader;
import games.analytics.model.MissingColumnsException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.List;

/** The one place a failed job's reason is worded: the cause a user can act on, found among the wrappers. */
final class FailureReasons {

    /** How a failure of ClickHouse itself starts: the metrics count jobs by it. */
    static final String CLICKHOUSE_FAILED = "ClickHouse failed: ";

    private FailureReasons() {
    }

    /** The most telling cause: our own reasons, then download errors (the parser and client wrap them), then the rest. */
    static String reason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IngestionException || cause instanceof MissingColumnsException || cause instanceof InputLimits.Exceeded) {
                return cause.getMessage();
            }
        }
        if (e instanceof Error) {
            return "the ingest-service failed (" + e + "); nothing was published";
        }
        CharacterCodingException coding = find(e, CharacterCodingException.class);
        if (coding != null) {
            return "the file is not valid UTF-8 text" + (coding instanceof Utf8Reader.InvalidUtf8 ? " (" + coding.getMessage() + ")" : "");
        }
        for (Class<? extends IOException> download : List.of(Download.Fatal.class, Download.RestartRequired.class, DownloadFailure.class)) {
            IOException failure = find(e, download);
            if (failure != null) {
                return "download failed: " + failure.getMessage();
            }
        }
        TextParsingException parse = find(e, TextParsingException.class);
        if (parse != null) {
            return "CSV cannot be parsed near line " + (parse.getLineIndex() + 1) + ": " + firstLine(String.valueOf(parse.getMessage()));
        }
        return CLICKHOUSE_FAILED + firstLine(String.valueOf(deepest(e).getMessage()));
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static Throwable deepest(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Marks a read failure as the download's, wherever the parser or the client wraps it. */
    static final class DownloadFailure extends IOException {
        DownloadFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
