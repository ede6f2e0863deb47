package games.analytics.ingest.run;

import com.univocity.parsers.csv.CsvParser;
import games.analytics.ingest.source.Download;
import games.analytics.ingest.source.InputLimits;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;

/**
 * The parse stage: the header, then CSV records one at a time, with the file lines each one spans and its raw text
 * (for rejects). It alone tells the input where a record ends, so the record size bound counts per record. Read errors
 * that the parser wraps come out as the download's own exceptions, so restarts and reasons see them.
 */
final class CsvRecords {

    private final CsvParser parser;
    private final InputLimits limits;
    private String[] record;
    private long startLine;
    private long lastEndLine = 1; // the header

    CsvRecords(CsvParser parser, InputLimits limits) {
        this.parser = parser;
        this.limits = limits;
    }

    /** The header row; null for an empty file. Read before the first {@link #next}. */
    String[] header() throws IOException {
        return parse();
    }

    /** Moves to the next record; false at the end of the file. */
    boolean next() throws IOException {
        record = parse();
        if (record == null) {
            return false;
        }
        startLine = lastEndLine + 1;
        lastEndLine = parser.getContext().currentLine();
        return true;
    }

    private String[] parse() throws IOException {
        String[] parsed;
        try {
            parsed = parser.parseNext();
        } catch (RuntimeException e) {
            IOException io = JobFailure.find(e, IOException.class);
            if (io instanceof Download.RestartRequired || io instanceof Download.Fatal || io instanceof InputLimits.Exceeded) {
                throw io;
            }
            if (io != null && !(io instanceof CharacterCodingException)) {
                throw new JobFailure.DownloadBroke(io);
            }
            throw e;
        }
        limits.recordEnded();
        return parsed;
    }

    String[] record() {
        return record;
    }

    /** The first file line of the record (a quoted field may span several). */
    long startLine() {
        return startLine;
    }

    /** The record as it was in the file, for the quarantine. */
    String raw() {
        String raw = parser.getContext().currentParsedContent();
        return raw == null ? String.join(",", record) : raw.stripTrailing();
    }
}
