package games.analytics.ingest;

import com.clickhouse.client.api.DataStreamWriter;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import games.analytics.model.CsvFormat;
import games.analytics.model.MissingColumnsException;
import games.analytics.model.Rejection;
import games.analytics.model.RowConverter;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ingestion on a worker thread: download stream, CSV parser, row conversion and batched
 * TSV inserts into a fresh table, then the pointer flip. Blocking here is deliberate and bounded:
 * the worker is not an event loop, and back-pressure reaches the download through the parser.
 */
@Singleton
class IngestionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(IngestionRunner.class);

    private final CsvDownloader downloader;
    private final GamesStore store;
    private final long batchBytes;

    IngestionRunner(CsvDownloader downloader, GamesStore store, @Value("${ingest.batch-bytes}") long batchBytes) {
        this.downloader = downloader;
        this.store = store;
        this.batchBytes = batchBytes;
    }

    void run(IngestionJob job) {
        job.start();
        LOG.info("ingestion {} started: {}", job.id, job.url);
        boolean tableCreated = false;
        CsvParser parser = CsvFormat.newParser();
        try (InputStream body = downloader.open(job.url, job.bytesRead::addAndGet)) {
            parser.beginParsing(body, StandardCharsets.UTF_8);
            String[] header = parser.parseNext();
            if (header == null) {
                throw new IngestionException("the file is empty: no header row");
            }
            RowConverter converter = RowConverter.forHeader(header);
            job.ignoredColumns(converter.ignoredHeaders());
            LOG.info("ingestion {} header ok: {} columns, {} ignored", job.id, header.length, converter.ignoredHeaders().size());

            store.createTable(job.table()).block();
            tableCreated = true;
            Records records = new Records(parser, converter, job);
            int batches = 0;
            while (records.hasNext()) {
                long before = records.converted;
                store.insert(job.table(), records.batchWriter(batchBytes)).block();
                job.rowsInserted.addAndGet(records.converted - before);
                LOG.info("ingestion {} batch {} inserted: {} rows so far, {} rejected, {} bytes read",
                        job.id, ++batches, job.rowsInserted.get(), job.rowsRejected.get(), job.bytesRead.get());
            }
            if (records.upstreamLayout) {
                job.note("upstream Kaggle layout: the AppID field holds a row index, so app_id was taken from the Header image URL");
            }
            if (job.rowsInserted.get() == 0) {
                throw new IngestionException(job.rowsRejected.get() == 0
                        ? "the file has a header but no data rows"
                        : "none of the " + job.rowsRejected.get() + " rows could be converted (see rejects)");
            }
            store.activate(job.table(), job.id).block();
            LOG.info("ingestion {} published table {}", job.id, job.table());
            job.succeed();
            dropPreviousTables(job);
            LOG.info("ingestion {} succeeded: {} rows inserted, {} rejected", job.id, job.rowsInserted.get(), job.rowsRejected.get());
        } catch (Exception e) {
            String reason = reason(e);
            job.fail(reason);
            LOG.warn("ingestion {} failed: {}", job.id, reason);
            if (tableCreated) {
                try {
                    store.dropTable(job.table()).block();
                } catch (Exception dropFailed) {
                    LOG.warn("ingestion {}: could not drop {}: {}", job.id, job.table(), dropFailed.getMessage());
                }
            }
        } finally {
            parser.stopParsing();
        }
    }

    private void dropPreviousTables(IngestionJob job) {
        try {
            for (String old : store.dataTablesExcept(job.table()).block()) {
                store.dropTable(old).block();
                LOG.info("ingestion {} dropped previous table {}", job.id, old);
            }
        } catch (Exception e) {
            LOG.warn("ingestion {}: previous tables not dropped: {}", job.id, e.getMessage());
        }
    }

    /** The most telling cause: our own reasons, then download errors (the CSV parser wraps them), then parse errors. */
    private static String reason(Throwable e) {
        TextParsingException parse = null;
        IOException io = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IngestionException || cause instanceof MissingColumnsException) {
                return cause.getMessage();
            }
            if (cause instanceof IOException found && io == null) {
                io = found;
            }
            if (cause instanceof TextParsingException found && parse == null) {
                parse = found;
            }
        }
        if (io != null) {
            return "download failed: " + io.getMessage();
        }
        if (parse != null) {
            return "CSV cannot be parsed near line " + (parse.getLineIndex() + 1) + ": " + firstLine(parse.getMessage());
        }
        return "ClickHouse or internal error: " + firstLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Pulls records from the parser; each insert batch writes TSV straight into the request body. */
    private static final class Records {
        private final CsvParser parser;
        private final RowConverter converter;
        private final IngestionJob job;
        private final StringBuilder line = new StringBuilder(4096);
        private String[] next;
        private long nextStartLine;
        private long lastEndLine = 1; // the header
        private long sourceRow;
        long converted;
        boolean upstreamLayout;

        Records(CsvParser parser, RowConverter converter, IngestionJob job) {
            this.parser = parser;
            this.converter = converter;
            this.job = job;
            advance();
        }

        boolean hasNext() {
            return next != null;
        }

        private void advance() {
            next = parser.parseNext();
            if (next != null) {
                nextStartLine = lastEndLine + 1;
                lastEndLine = parser.getContext().currentLine();
            }
        }

        DataStreamWriter batchWriter(long maxBytes) {
            return out -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                long written = 0;
                while (next != null && written < maxBytes) {
                    sourceRow++;
                    job.rowsRead.incrementAndGet();
                    upstreamLayout |= converter.isUpstreamLayout(next);
                    line.setLength(0);
                    Rejection rejection = converter.appendTsv(next, sourceRow, line);
                    if (rejection == null) {
                        writer.append(line);
                        written += line.length();
                        converted++;
                    } else {
                        job.reject(new RejectedRow(nextStartLine, sourceRow, rejection.column(), rejection.reason()));
                    }
                    advance();
                }
                writer.flush();
            };
        }
    }
}
