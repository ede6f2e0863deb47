package games.analytics.testing;

import com.univocity.parsers.csv.CsvParser;
import games.analytics.model.CsvFormat;
import games.analytics.model.GamesTable;
import games.analytics.model.RowConverter;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes a CSV file as the current games table straight through ClickHouse's HTTP interface, the
 * way an ingestion leaves it, so query tests do not depend on the ingest-service. Also gives tests the
 * file's raw records to compute expected answers from.
 */
public final class TestDataset {

    private TestDataset() {
    }

    public static String publish(ClickHouseServer ch, String database, byte[] csv) throws Exception {
        String table = "games_test" + Long.toHexString(System.nanoTime());
        ch.sql(GamesTable.createDataTable(database, table));
        ch.sql(GamesTable.createPointerTable(database));
        StringBuilder tsv = new StringBuilder();
        CsvParser parser = CsvFormat.newParser();
        parser.beginParsing(new ByteArrayInputStream(csv), StandardCharsets.UTF_8);
        RowConverter converter = RowConverter.forHeader(parser.parseNext());
        String[] record;
        long row = 0;
        while ((record = parser.parseNext()) != null) {
            if (converter.appendTsv(record, ++row, tsv) != null) {
                throw new IllegalArgumentException("test data row " + row + " does not convert");
            }
        }
        String insert = ch.url() + "/?query=" + ClickHouseServer.encode("INSERT INTO " + database + "." + table + " FORMAT TabSeparated");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(insert))
                .POST(HttpRequest.BodyPublishers.ofString(tsv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.body());
        }
        ch.sql("INSERT INTO " + database + "." + GamesTable.POINTER_TABLE + " VALUES (" + System.nanoTime() + ", '"
                + table + "', 'test', now())");
        return table;
    }

    /** The file's records as raw strings keyed by header, header row first. Independent of the registry. */
    public static List<String[]> records(byte[] csv) {
        CsvParser parser = CsvFormat.newParser();
        return new ArrayList<>(parser.parseAll(new ByteArrayInputStream(csv), StandardCharsets.UTF_8));
    }
}
