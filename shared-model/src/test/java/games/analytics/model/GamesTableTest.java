package games.analytics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DDL and our TSV encoding against a real ClickHouse: what we write is what comes back. */
class GamesTableTest {

    @Test
    void sampleRoundTripsThroughClickHouse() throws Exception {
        ClickHouseServer ch = ClickHouseServer.get();
        String db = ch.newDatabase("model");
        ch.sql(GamesTable.createDataTable(db, "games_t"));
        ch.sql(GamesTable.createPointerTable(db));

        RowConverterTest.Result r = RowConverterTest.convert(TestData.bytes(TestData.SAMPLE));
        StringBuilder tsv = new StringBuilder();
        for (String[] row : r.rows()) {
            tsv.append(String.join("\t", row)).append('\n');
        }
        String insert = ch.url() + "/?query=" + ClickHouseServer.encode("INSERT INTO " + db + ".games_t FORMAT TabSeparated");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(insert))
                .POST(HttpRequest.BodyPublishers.ofString(tsv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());

        assertEquals("100\n", ch.sql("SELECT count() FROM " + db + ".games_t"));
        // what ClickHouse sends back is byte-identical to what we sent: no value was re-interpreted
        String back = ch.sql("SELECT * FROM " + db + ".games_t ORDER BY source_row FORMAT TabSeparated");
        assertEquals(tsv.toString(), back);
        assertEquals("2020-05-01\tmonth\n", ch.sql("SELECT release_date, release_date_precision FROM " + db
                + ".games_t WHERE release_date_precision = 'month' FORMAT TabSeparated"));
        assertEquals("1\n", ch.sql("SELECT count() FROM " + db + ".games_t WHERE price = " + Sql.decimal(new java.math.BigDecimal("19.99"), 2)
                + " AND app_id = 20200 AND release_date = " + Sql.date(java.time.LocalDate.of(2008, 10, 21))));
        List<String> partitions = List.of(ch.sql("SELECT DISTINCT partition FROM system.parts WHERE database = '" + db
                + "' AND table = 'games_t' AND active").split("\n"));
        assertEquals(true, partitions.contains("2008"), partitions.toString());
    }
}
