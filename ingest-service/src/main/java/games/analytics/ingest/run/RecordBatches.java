package games.analytics.ingest.run;

import com.univocity.parsers.csv.CsvParser;
import games.analytics.ingest.job.RejectedRow;
import games.analytics.ingest.source.Download;
import games.analytics.ingest.source.InputLimits;
import games.analytics.ingest.store.RejectStore;
import games.analytics.ingest.store.TsvBody;
import games.analytics.model.Rejection;
import games.analytics.model.RowConverter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls records from the parser; each insert batch writes TSV straight into the request body. Rejected
 * rows wait in a buffer bounded by rows and by characters, and go to the quarantine table in batches.
 */
final class RecordBatches {

    private final CsvParser parser;
    private final InputLimits limits;
    private final RowConverter converter;
    private final IngestionJob job;
    private final long firstRow;
    private final RejectStore rejects;
    private final IngestConfig config;
    private final StringBuilder line = new StringBuilder(4096);
    private final List<RejectedRow> pending = new ArrayList<>();
    private long pendingChars;
    private String[] next;
    private String nextRaw;
    private long nextStartLine;
    private long lastEndLine = 1; // the header
    private long sourceRow;
    long converted;
    boolean upstreamLayout;

    RecordBatches(CsvParser parser, InputLimits limits, RowConverter converter, IngestionJob job, long firstRow, RejectStore rejects,
                  IngestConfig config) throws IOException {
        this.parser = parser;
        this.limits = limits;
        this.converter = converter;
        this.job = job;
        this.firstRow = firstRow;
        this.rejects = rejects;
        this.config = config;
        advance();
    }

    boolean hasNext() {
        return next != null;
    }

    private void advance() throws IOException {
        try {
            next = parser.parseNext();
        } catch (RuntimeException e) {
            IOException io = FailureReasons.find(e, IOException.class);
            if (io instanceof Download.RestartRequired || io instanceof Download.Fatal || io instanceof InputLimits.Exceeded) {
                throw io;
            }
            if (io != null && !(io instanceof CharacterCodingException)) {
                throw new FailureReasons.DownloadFailure(io);
            }
            throw e;
        }
        limits.recordEnded();
        if (next != null) {
            nextStartLine = lastEndLine + 1;
            lastEndLine = parser.getContext().currentLine();
            nextRaw = parser.getContext().currentParsedContent();
        }
    }

    TsvBody batchWriter(long maxBytes) {
        return out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            long written = 0;
            while (next != null && written < maxBytes) {
                sourceRow++;
                job.rowsRead.incrementAndGet();
                upstreamLayout |= converter.isUpstreamLayout(next);
                line.setLength(0);
                Rejection rejection = converter.appendTsv(next, firstRow + sourceRow, line);
                if (rejection == null) {
                    writer.append(line);
                    written += line.length();
                    converted++;
                } else {
                    reject(rejection);
                }
                advance();
            }
            writer.flush();
        };
    }

    private void reject(Rejection rejection) {
        job.rowsRejected.incrementAndGet();
        String raw = RejectStore.clip(nextRaw == null ? String.join(",", next) : nextRaw.stripTrailing());
        pending.add(new RejectedRow(nextStartLine, sourceRow, rejection.column(), RejectStore.clip(rejection.reason()), raw));
        pendingChars += raw.length() + rejection.reason().length();
        if (pending.size() >= config.rejectBuffer() || pendingChars >= config.rejectBufferBytes()) {
            flushRejects();
        }
    }

    void flushRejects() {
        if (!pending.isEmpty()) {
            rejects.save(job.id, job.attempt(), List.copyOf(pending)).block();
            pending.clear();
            pendingChars = 0;
        }
    }
}
