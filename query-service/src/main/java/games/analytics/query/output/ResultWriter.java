package games.analytics.query.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import games.analytics.model.TabSeparated;
import games.analytics.query.grammar.Cursor;
import games.analytics.query.grammar.OutputFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Renders result rows (raw TSV fields) in one output format, into a buffer the stream drains. */
abstract sealed class ResultWriter permits ResultWriter.Json, ResultWriter.Csv {

    private static final JsonFactory JSON = new JsonFactory();

    final List<OutputColumn> columns;

    ResultWriter(List<OutputColumn> columns) {
        this.columns = columns;
    }

    /**
     * @param cursored  whether a json page carries nextCursor (row queries do, aggregates do not)
     * @param totalCount written as totalCount on a json page when not null
     */
    static ResultWriter create(OutputFormat format, List<OutputColumn> columns, ChunkBuffer out, boolean cursored, Long totalCount) {
        try {
            return format == OutputFormat.csv ? new Csv(columns, out)
                    : new Json(columns, out, format == OutputFormat.json, cursored, totalCount);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders the current row of {@code rows}: its first {@code columns.size()} fields. */
    abstract void row(TsvRows rows) throws IOException;

    /** @param next the cursor of the next page, or null on the last one */
    abstract void end(Cursor next) throws IOException;

    /** ClickHouse failed after rows were sent: say so in-band where the format allows. */
    abstract void error(String message) throws IOException;

    abstract void flush() throws IOException;

    static final class Json extends ResultWriter {
        private final JsonGenerator json;
        private final boolean page;
        private final boolean cursored;
        private final Long totalCount;

        Json(List<OutputColumn> columns, OutputStream out, boolean page, boolean cursored, Long totalCount) throws IOException {
            super(columns);
            this.json = JSON.createGenerator(out);
            json.setRootValueSeparator(null); // ndjson lines start with '{', not the default ' '
            this.page = page;
            this.cursored = cursored;
            this.totalCount = totalCount;
            if (page) {
                json.writeStartObject();
                json.writeArrayFieldStart("data");
            }
        }

        @Override
        void row(TsvRows rows) throws IOException {
            json.writeStartObject();
            for (int i = 0; i < columns.size(); i++) {
                json.writeFieldName(columns.get(i).name());
                value(columns.get(i).render(), rows, i);
            }
            json.writeEndObject();
            if (!page) {
                json.writeRaw('\n');
            }
        }

        private void value(OutputColumn.Render render, TsvRows rows, int field) throws IOException {
            if (noValue(render, rows, field)) {
                json.writeNull();
                return;
            }
            switch (render) {
                case NUMBER, FLOAT -> json.writeNumber(rows.text(field));
                case BOOLEAN -> json.writeBoolean(rows.isTrue(field));
                case STRING -> json.writeString(TabSeparated.unescape(rows.text(field)));
                case YEAR_MONTH -> json.writeString(yearMonth(rows.text(field)));
                case LIST -> {
                    json.writeStartArray();
                    for (String item : TabSeparated.parseArray(rows.text(field))) {
                        json.writeString(item);
                    }
                    json.writeEndArray();
                }
            }
        }

        @Override
        void end(Cursor next) throws IOException {
            if (page) {
                json.writeEndArray();
                if (cursored) {
                    json.writeStringField("nextCursor", next == null ? null : next.encode());
                }
                if (totalCount != null) {
                    json.writeNumberField("totalCount", totalCount);
                }
                json.writeEndObject();
            }
            json.flush();
        }

        @Override
        void error(String message) throws IOException {
            if (page) {
                json.writeEndArray();
                if (cursored) {
                    json.writeNullField("nextCursor");
                }
                json.writeStringField("error", message);
                json.writeEndObject();
            } else {
                json.writeStartObject();
                json.writeStringField("error", message);
                json.writeEndObject();
                json.writeRaw('\n');
            }
            json.flush();
        }

        @Override
        void flush() throws IOException {
            json.flush();
        }
    }

    /**
     * RFC 4180 with a header row, CRLF line ends; lists as JSON arrays, booleans as true/false, NULL, nan and inf as
     * an empty field; text that a spreadsheet would run as a formula is neutralised. Rendered from the TSV's bytes
     * ({@link CsvFields}).
     */
    static final class Csv extends ResultWriter {
        private final ChunkBuffer out;

        Csv(List<OutputColumn> columns, ChunkBuffer out) {
            super(columns);
            this.out = out;
            for (int i = 0; i < columns.size(); i++) {
                byte[] name = columns.get(i).name().getBytes(StandardCharsets.UTF_8);
                separate(i);
                CsvFields.text(name, 0, name.length, i == 0, out);
            }
            out.write('\r');
            out.write('\n');
        }

        @Override
        void row(TsvRows rows) {
            int rowStart = out.size();
            byte[] b = rows.bytes();
            for (int i = 0; i < columns.size(); i++) {
                separate(i);
                int start = rows.start(i);
                int end = rows.end(i);
                OutputColumn.Render render = columns.get(i).render();
                if (noValue(render, rows, i)) {
                    continue; // an empty field
                }
                switch (render) {
                    case NUMBER, FLOAT -> CsvFields.number(b, start, end, out);
                    case BOOLEAN -> CsvFields.bool(rows.isTrue(i), out);
                    case STRING -> CsvFields.text(b, start, end, i == 0, out);
                    case YEAR_MONTH -> { // a group key: few of them
                        byte[] text = yearMonth(rows.text(i)).getBytes(StandardCharsets.US_ASCII);
                        out.write(text, 0, text.length);
                    }
                    case LIST -> CsvFields.list(b, start, end, out);
                }
            }
            if (out.size() == rowStart) {
                CsvFields.emptyRow(out);
            }
            out.write('\r');
            out.write('\n');
        }

        private void separate(int column) {
            if (column > 0) {
                out.write(',');
            }
        }

        @Override
        void end(Cursor next) {
        }

        @Override
        void error(String message) throws IOException {
            throw new IOException("ClickHouse failed mid-stream: " + message); // abort: a truncated CSV must not look complete
        }

        @Override
        void flush() {
        }
    }

    /** NULL, and a float aggregate's nan or inf: null in json, an empty field in csv. */
    static boolean noValue(OutputColumn.Render render, TsvRows rows, int field) {
        return rows.isNull(field) || render == OutputColumn.Render.FLOAT && rows.isNonFinite(field);
    }

    /** toYYYYMM's 202005 as 2020-05. */
    static String yearMonth(String yyyymm) {
        return yyyymm.length() == 6 ? yyyymm.substring(0, 4) + "-" + yyyymm.substring(4) : yyyymm;
    }
}
