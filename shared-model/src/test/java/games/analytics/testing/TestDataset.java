package games.analytics.testing;

import com.univocity.parsers.csv.CsvParser;
import games.analytics.model.CsvFormat;
import games.analytics.model.GameColumns;
import games.analytics.model.GamesTable;
import games.analytics.model.RowBinary;
import games.analytics.model.RowBuffer;
import games.analytics.model.RowConverter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
        ch.insert(database + "." + table, "RowBinary", rowBinary(csv));
        ch.sql(GamesTable.createYearIndex(database, table));
        ch.sql(GamesTable.fillYearIndex(database, table));
        ch.sql("INSERT INTO " + database + "." + GamesTable.POINTER_TABLE + " VALUES (" + System.nanoTime() + ", '"
                + table + "', 'test', now())");
        return table;
    }

    /** The file's rows as the ingest-service encodes them for {@code INSERT ... FORMAT RowBinary}. */
    public static byte[] rowBinary(byte[] csv) throws Exception {
        RowBuffer rows = new RowBuffer(1 << 16);
        RowBinary.RowWriter writer = new RowBinary.RowWriter(GameColumns.ALL);
        Object[] values = new Object[GameColumns.ALL.size()];
        CsvParser parser = CsvFormat.newParser();
        parser.beginParsing(new ByteArrayInputStream(csv), StandardCharsets.UTF_8);
        RowConverter converter = RowConverter.forHeader(parser.parseNext());
        String[] record;
        long row = 0;
        while ((record = parser.parseNext()) != null) {
            if (converter.convert(record, ++row, values) != null) {
                throw new IllegalArgumentException("test data row " + row + " does not convert");
            }
            writer.write(values, rows);
        }
        return Arrays.copyOf(rows.array(), rows.size());
    }

    /** The file's records as raw strings keyed by header, header row first. Independent of the registry. */
    public static List<String[]> records(byte[] csv) {
        CsvParser parser = CsvFormat.newParser();
        return new ArrayList<>(parser.parseAll(new ByteArrayInputStream(csv), StandardCharsets.UTF_8));
    }
}
