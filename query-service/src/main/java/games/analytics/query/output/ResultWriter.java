package games.analytics.query.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.univocity.parsers.csv.CsvWriter;
import games.analytics.model.CsvText;
import games.analytics.model.TabSeparated;
import games.analytics.query.grammar.Cursor;
import games.analytics.query.grammar.OutputFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
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
    static ResultWriter create(OutputFormat format, List<OutputColumn> columns, OutputStream out, boolean cursored, Long totalCount) {
        try {
            return format == OutputFormat.csv ? new Csv(columns, out)
                    : new Json(columns, out, format == OutputFormat.json, cursored, totalCount);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    abstract void row(String[] fields) throws IOException;

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
        void row(String[] fields) throws IOException {
            json.writeStartObject();
            for (int i = 0; i < columns.size(); i++) {
                json.writeFieldName(columns.get(i).name());
                value(columns.get(i).render(), fields[i]);
            }
            json.writeEndObject();
            if (!page) {
                json.writeRaw('\n');
            }
        }

        private void value(OutputColumn.Render render, String raw) throws IOException {
            if (raw.equals(TabSeparated.NULL)) {
                json.writeNull();
                return;
            }
            switch (render) {
                case NUMBER -> json.writeNumber(raw);
                case FLOAT -> {
                    if (raw.equals("nan") || raw.equals("inf") || raw.equals("-inf")) {
                        json.writeNull();
                    } else {
                        json.writeNumber(raw);
                    }
                }
                case BOOLEAN -> json.writeBoolean(raw.equals("1"));
                case STRING -> json.writeString(TabSeparated.unescape(raw));
                case YEAR_MONTH -> json.writeString(yearMonth(raw));
                case LIST -> {
                    json.writeStartArray();
                    for (String item : TabSeparated.parseArray(raw)) {
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
     * RFC 4180 with a header row; lists as JSON arrays, booleans as true/false, NULL as an empty field; text that a
     * spreadsheet would run as a formula is neutralised ({@link CsvText}).
     */
    static final class Csv extends ResultWriter {
        private final CsvWriter out;
        private final String[] row;

        Csv(List<OutputColumn> columns, OutputStream out) throws IOException {
            super(columns);
            this.out = CsvText.writer(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            this.out.writeRow(columns.stream().map(OutputColumn::name).toArray());
            this.row = new String[columns.size()];
        }

        @Override
        void row(String[] fields) throws IOException {
            for (int i = 0; i < columns.size(); i++) {
                String raw = fields[i];
                row[i] = raw.equals(TabSeparated.NULL) ? null : switch (columns.get(i).render()) {
                    case NUMBER -> raw;
                    case FLOAT -> raw.equals("nan") || raw.contains("inf") ? null : raw;
                    case BOOLEAN -> raw.equals("1") ? "true" : "false";
                    case STRING -> CsvText.neutralise(TabSeparated.unescape(raw));
                    case YEAR_MONTH -> yearMonth(raw);
                    case LIST -> jsonArray(TabSeparated.parseArray(raw));
                };
            }
            out.writeRow((Object[]) row);
        }

        private static String jsonArray(List<String> items) throws IOException {
            java.io.StringWriter text = new java.io.StringWriter();
            try (JsonGenerator json = JSON.createGenerator(text)) {
                json.writeStartArray();
                for (String item : items) {
                    json.writeString(item);
                }
                json.writeEndArray();
            }
            return text.toString();
        }

        @Override
        void end(Cursor next) {
            out.flush();
        }

        @Override
        void error(String message) throws IOException {
            out.flush();
            throw new IOException("ClickHouse failed mid-stream: " + message); // abort: a truncated CSV must not look complete
        }

        @Override
        void flush() {
            out.flush();
        }
    }

    static String yearMonth(String yyyymm) {
        return yyyymm.length() == 6 ? yyyymm.substring(0, 4) + "-" + yyyymm.substring(4) : yyyymm;
    }
}
