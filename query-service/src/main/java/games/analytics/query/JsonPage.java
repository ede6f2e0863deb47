package games.analytics.query;

import com.clickhouse.client.api.query.QueryResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import games.analytics.model.TabSeparated;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Schedulers;

/**
 * Streams {@code {"data": [rows], "nextCursor": ...}} from a ClickHouse TSV answer, a chunk at a
 * time: rows are rendered by their registry kind (dates as strings, prices as exact decimals,
 * booleans as true/false, lists as arrays) and never collected.
 */
final class JsonPage implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int CHUNK_BYTES = 32 * 1024;
    private static final List<Column> COLUMNS = GameColumns.ALL;
    private static final int APP_ID = COLUMNS.indexOf(GameColumns.APP_ID);
    private static final int SOURCE_ROW = COLUMNS.indexOf(GameColumns.SOURCE_ROW);

    private final QueryResponse response;
    private final BufferedReader reader;
    private final int limit;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK_BYTES * 2);
    private final JsonGenerator json;
    private int rows;
    private Cursor lastCursor;
    private boolean done;

    private JsonPage(QueryResponse response, int limit) throws IOException {
        this.response = response;
        this.reader = new BufferedReader(new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
        this.limit = limit;
        this.json = JSON.createGenerator(buffer);
        json.writeStartObject();
        json.writeArrayFieldStart("data");
    }

    static Flux<byte[]> stream(QueryResponse response, int limit) {
        return Flux.using(() -> new JsonPage(response, limit),
                        page -> Flux.generate((SynchronousSink<byte[]> sink) -> page.next(sink)),
                        JsonPage::close)
                .subscribeOn(Schedulers.boundedElastic());
    }

    private void next(SynchronousSink<byte[]> sink) {
        if (done) {
            sink.complete();
            return;
        }
        try {
            while (buffer.size() < CHUNK_BYTES && !done) {
                String line = reader.readLine();
                if (line == null) {
                    finish(null);
                } else if (rows == limit) { // the extra row: there is a next page
                    finish(lastCursor);
                } else {
                    writeRow(TabSeparated.split(line, COLUMNS.size()));
                }
            }
            json.flush();
            sink.next(buffer.toByteArray());
            buffer.reset();
        } catch (IOException e) {
            sink.error(new UncheckedIOException(e));
        }
    }

    private void writeRow(String[] fields) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < fields.length; i++) {
            json.writeFieldName(COLUMNS.get(i).name());
            writeValue(COLUMNS.get(i), fields[i]);
        }
        json.writeEndObject();
        rows++;
        lastCursor = new Cursor(Long.parseLong(fields[APP_ID]), Long.parseLong(fields[SOURCE_ROW]));
    }

    private void writeValue(Column column, String raw) throws IOException {
        if (raw.equals(TabSeparated.NULL)) {
            json.writeNull();
            return;
        }
        switch (column.kind()) {
            case INTEGER, DECIMAL -> json.writeNumber(raw); // ClickHouse's own text: exact, e.g. 19.99
            case DATE -> json.writeString(raw);
            case BOOLEAN -> json.writeBoolean(raw.equals("1"));
            case TEXT -> json.writeString(TabSeparated.unescape(raw));
            case LIST -> {
                json.writeStartArray();
                for (String item : TabSeparated.parseArray(raw)) {
                    json.writeString(item);
                }
                json.writeEndArray();
            }
        }
    }

    private void finish(Cursor next) throws IOException {
        json.writeEndArray();
        if (next == null) {
            json.writeNullField("nextCursor");
        } else {
            json.writeStringField("nextCursor", next.encode());
        }
        json.writeEndObject();
        done = true;
    }

    /** Releases the ClickHouse connection, also when the client hangs up early. */
    @Override
    public void close() {
        try (response) {
            reader.close();
        } catch (Exception e) {
            // the connection is being discarded anyway
        }
    }
}
