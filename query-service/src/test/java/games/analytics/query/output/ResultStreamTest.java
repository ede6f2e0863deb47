package games.analytics.query.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.univocity.parsers.csv.CsvWriter;
import games.analytics.model.CsvText;
import games.analytics.model.TabSeparated;
import games.analytics.query.grammar.Cursor;
import games.analytics.query.grammar.OutputFormat;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * The byte-level rendering of ClickHouse's TSV against independent oracles: for CSV, Univocity's writer ({@link CsvText})
 * over the decoded values, byte for byte; for ndjson, Jackson reading the output back. Values are drawn from the
 * characters that break CSV, JSON and TSV (quotes, commas, escapes, control characters, formula starts, '#',
 * multi-byte UTF-8), rows are TSV-escaped as ClickHouse writes them, and ClickHouse's answer arrives in reads of random
 * sizes, so rows and characters are split across reads; some rows are longer than the 64 KiB read buffer.
 */
class ResultStreamTest {

    private static final String[] ALPHABET = {"a", "Z", "0", " ", "é", "漢", "😀", ",", "\"", "'", "\\", "\t", "\n", "\r", "\0",
            "\b", "\f", "\u0001", "\u001f", "\u007f", "#", "=", "+", "-", "@", "N", "[", "]", "\u2028"};
    private static final OutputColumn.Render[] RENDERS = OutputColumn.Render.values();

    /** A value as ClickHouse holds it; null for NULL. */
    private record Cell(OutputColumn.Render render, Object value) {
    }

    @Test
    void csvIsUnivocitysCsvOfTheDecodedValuesByteForByte() throws Exception {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            List<OutputColumn> columns = columns(random);
            List<List<Cell>> rows = rows(random, columns);
            byte[] actual = render(OutputFormat.csv, columns, tsv(rows), random);
            assertSame(new String(oracleCsv(columns, rows), StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8), "seed " + seed);
        }
    }

    @Test
    void anAnswerWithinTheBoundIsWholeAndALongerOneStreamsOnTheSameBytes() throws Exception {
        int streamed = 0;
        for (int seed = 0; seed < 100; seed++) {
            Random random = new Random(seed);
            List<OutputColumn> columns = columns(random);
            byte[] answer = tsv(rows(random, columns));
            for (OutputFormat format : List.of(OutputFormat.json, OutputFormat.csv)) {
                byte[] expected = render(format, columns, answer, new Random(seed));
                ResultBody whole = ResultStream.body(new ByteArrayInputStream(answer), Layout.rows(format, columns, expected.length + 1));
                assertArrayEquals(expected, assertInstanceOf(ResultBody.Whole.class, whole).bytes(), "seed " + seed);
                // past the bound it streams on, unless the row that crossed it was the last one
                ResultBody bounded = ResultStream.body(new ByteArrayInputStream(answer), Layout.rows(format, columns, 100));
                if (bounded instanceof ResultBody.Streamed chunks) {
                    streamed++;
                    assertArrayEquals(expected, collect(chunks.chunks()), "seed " + seed);
                } else {
                    assertArrayEquals(expected, ((ResultBody.Whole) bounded).bytes(), "seed " + seed);
                }
            }
        }
        assertTrue(streamed > 50, "most answers here are longer than 100 bytes: " + streamed);
    }

    @Test
    void aJvmErrorWhileReadingFailsTheRequestAndReleasesTheConnectionInsteadOfHanging() {
        List<OutputColumn> columns = List.of(new OutputColumn("a", OutputColumn.Render.NUMBER));
        AtomicBoolean closed = new AtomicBoolean();
        Supplier<InputStream> failing = () -> new InputStream() {
            @Override
            public int read() {
                throw new OutOfMemoryError("simulated");
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        Flux<byte[]> stream = stream(failing.get(), OutputFormat.ndjson, columns, 0, 0, null, null);
        IllegalStateException streamed = assertThrows(IllegalStateException.class, () -> stream.blockLast(Duration.ofSeconds(10)));
        assertInstanceOf(OutOfMemoryError.class, streamed.getCause(), streamed.toString());
        assertTrue(closed.getAndSet(false), "the answer's body is closed");
        assertThrows(IllegalStateException.class, () -> ResultStream.body(failing.get(), Layout.rows(OutputFormat.json, columns, 1000)));
        assertTrue(closed.get(), "the answer's body is closed");
    }

    @Test
    void aRowOfOneEmptyFieldIsAQuotedEmptyFieldNotASkippedLine() {
        List<OutputColumn> name = List.of(new OutputColumn("name", OutputColumn.Render.STRING));
        assertEquals("name\r\n\"\"\r\n\"\"\r\nx\r\n", new String(render(OutputFormat.csv, name, "\\N\n\nx\n".getBytes(StandardCharsets.UTF_8),
                new Random(1)), StandardCharsets.UTF_8));
    }

    @Test
    void ndjsonReadsBackAsTheValues() throws Exception {
        JsonMapper mapper = JsonMapper.createDefault();
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            List<OutputColumn> columns = columns(random);
            List<List<Cell>> rows = rows(random, columns);
            String[] lines = new String(render(OutputFormat.ndjson, columns, tsv(rows), random), StandardCharsets.UTF_8).split("\n");
            assertEquals(rows.size(), rows.isEmpty() ? 0 : lines.length, "seed " + seed);
            for (int r = 0; r < rows.size(); r++) {
                Map<String, Object> expected = new LinkedHashMap<>();
                for (int c = 0; c < columns.size(); c++) {
                    expected.put(columns.get(c).name(), jsonValue(rows.get(r).get(c)));
                }
                assertEquals(expected, mapper.readValue(lines[r], Argument.mapOf(String.class, Object.class)), "seed " + seed + " row " + r);
            }
        }
    }

    @Test
    void aLineThatIsNotARowEndsACsvWithAnErrorAndAPageWithTheErrorText() {
        List<OutputColumn> columns = List.of(new OutputColumn("a", OutputColumn.Render.NUMBER), new OutputColumn("b", OutputColumn.Render.STRING));
        byte[] answer = "1\tx\nCode: 241. DB::Exception: Memory limit exceeded".getBytes(StandardCharsets.UTF_8);
        assertThrows(RuntimeException.class, () -> render(OutputFormat.csv, columns, answer, new Random(1)));
        String page = new String(collect(stream(new ByteArrayInputStream(answer), OutputFormat.json, columns, 0, 0, null, null)),
                StandardCharsets.UTF_8);
        assertEquals("{\"data\":[{\"a\":1,\"b\":\"x\"}],\"error\":\"Code: 241. DB::Exception: Memory limit exceeded\"}", page);
        byte[] tooMany = "1\tx\n2\ty\tz\n3\tw\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"a\":1,\"b\":\"x\"}\n{\"error\":\"2\\ty\\tz\"}\n", new String(render(OutputFormat.ndjson, columns, tooMany, new Random(2)),
                StandardCharsets.UTF_8));
    }

    /** Equal texts, or a failure showing where they part (the texts can be megabytes). */
    private static void assertSame(String expected, String actual, String what) {
        int at = 0;
        while (at < Math.min(expected.length(), actual.length()) && expected.charAt(at) == actual.charAt(at)) {
            at++;
        }
        if (at < expected.length() || at < actual.length()) {
            assertEquals(excerpt(expected, at), excerpt(actual, at), what + ", first difference at char " + at);
        }
    }

    private static String excerpt(String text, int at) {
        return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 40)).replace("\r", "<CR>")
                .replace("\n", "<LF>").replace("\t", "<TAB>").replace("\0", "<NUL>");
    }

    private static List<OutputColumn> columns(Random random) {
        List<OutputColumn> columns = new ArrayList<>();
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            columns.add(new OutputColumn("c" + i, RENDERS[random.nextInt(RENDERS.length)]));
        }
        return columns;
    }

    private static List<List<Cell>> rows(Random random, List<OutputColumn> columns) {
        List<List<Cell>> rows = new ArrayList<>();
        int count = random.nextInt(40);
        for (int r = 0; r < count; r++) {
            List<Cell> row = new ArrayList<>();
            for (OutputColumn column : columns) {
                row.add(new Cell(column.render(), random.nextInt(8) == 0 ? null : value(random, column.render())));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object value(Random random, OutputColumn.Render render) {
        return switch (render) {
            case NUMBER -> random.nextBoolean() ? Long.toString(random.nextLong()) : "-" + random.nextInt(1000) + "." + random.nextInt(100);
            case FLOAT -> List.of("nan", "-nan", "inf", "-inf", "1.5", "-0.25", "1e-7", "123456789.125").get(random.nextInt(8));
            case BOOLEAN -> random.nextBoolean();
            case STRING -> text(random);
            case YEAR_MONTH -> Integer.toString(190001 + random.nextInt(13000));
            case LIST -> {
                List<String> items = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    items.add(text(random));
                }
                yield items;
            }
        };
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(60) == 0 ? 70_000 : random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return text.toString();
    }

    /** The rows as ClickHouse writes TabSeparated. */
    @SuppressWarnings("unchecked")
    private static byte[] tsv(List<List<Cell>> rows) {
        StringBuilder out = new StringBuilder();
        for (List<Cell> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                out.append(c == 0 ? "" : "\t");
                Cell cell = row.get(c);
                if (cell.value() == null) {
                    out.append(TabSeparated.NULL);
                } else if (cell.render() == OutputColumn.Render.STRING) {
                    TabSeparated.escapeInto((String) cell.value(), out);
                } else if (cell.render() == OutputColumn.Render.LIST) {
                    out.append('[');
                    List<String> items = (List<String>) cell.value();
                    for (int i = 0; i < items.size(); i++) {
                        out.append(i == 0 ? "'" : ",'");
                        TabSeparated.escapeInto(items.get(i), out);
                        out.append('\'');
                    }
                    out.append(']');
                } else if (cell.render() == OutputColumn.Render.BOOLEAN) {
                    out.append((Boolean) cell.value() ? '1' : '0');
                } else {
                    out.append(cell.value());
                }
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] render(OutputFormat format, List<OutputColumn> columns, byte[] answer, Random random) {
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(answer)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(random.nextBoolean() ? 7 : 100_000)));
            }
        };
        return collect(stream(trickle, format, columns, 0, 0, null, null));
    }

    /** The answer streamed from the start, as the service sends ndjson and csv. */
    private static Flux<byte[]> stream(InputStream body, OutputFormat format, List<OutputColumn> columns, int hidden, int pageSize,
                                       Function<List<String>, Cursor> cursors, Long totalCount) {
        return ((ResultBody.Streamed) ResultStream.body(body, new Layout(format, columns, hidden,
                pageSize > 0 ? new Layout.Page(pageSize, cursors) : null, totalCount, 0))).chunks();
    }

    private static byte[] collect(Flux<byte[]> chunks) {
        return chunks.reduce(new ByteArrayOutputStream(), (out, chunk) -> {
            out.writeBytes(chunk);
            return out;
        }).block().toByteArray();
    }

    /** What the service wrote before rendering from bytes: decoded values through Univocity's CSV writer. */
    @SuppressWarnings("unchecked")
    private static byte[] oracleCsv(List<OutputColumn> columns, List<List<Cell>> rows) throws IOException {
        StringWriter text = new StringWriter();
        CsvWriter csv = CsvText.writer(text);
        csv.writeRow(columns.stream().map(OutputColumn::name).toArray());
        for (List<Cell> row : rows) {
            Object[] fields = new Object[row.size()];
            for (int c = 0; c < row.size(); c++) {
                Object value = row.get(c).value();
                fields[c] = value == null ? null : switch (row.get(c).render()) {
                    case NUMBER -> value;
                    case FLOAT -> ((String) value).contains("n") ? null : value;
                    case BOOLEAN -> value.toString();
                    case STRING -> CsvText.neutralise((String) value);
                    case YEAR_MONTH -> value.toString().substring(0, 4) + "-" + value.toString().substring(4);
                    case LIST -> jsonArray((List<String>) value);
                };
            }
            if (fields.length == 1 && (fields[0] == null || fields[0].toString().isEmpty())) {
                csv.flush(); // Univocity skips the row; the service writes "" (an empty line would be skipped by readers)
                text.write("\"\"\r\n");
                continue;
            }
            csv.writeRow(fields);
        }
        csv.flush();
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonArray(List<String> items) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.writeStartArray();
            for (String item : items) {
                json.writeString(item);
            }
            json.writeEndArray();
        }
        return text.toString();
    }

    private static Object jsonValue(Cell cell) {
        Object value = cell.value();
        if (value == null) {
            return null;
        }
        return switch (cell.render()) {
            case NUMBER -> number((String) value);
            case FLOAT -> ((String) value).contains("n") ? null : Double.parseDouble((String) value);
            case BOOLEAN, STRING, LIST -> value;
            case YEAR_MONTH -> value.toString().substring(0, 4) + "-" + value.toString().substring(4);
        };
    }

    private static Object number(String text) {
        if (text.contains(".")) {
            return Double.parseDouble(text);
        }
        long n = Long.parseLong(text);
        return n == (int) n ? (Object) (int) n : (Object) n;
    }
}
