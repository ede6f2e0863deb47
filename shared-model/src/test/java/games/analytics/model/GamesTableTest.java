package games.analytics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.TestData;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The DDL and our RowBinary encoding against a real ClickHouse: what comes back (as ClickHouse's own TSV) is what
 * the values were. The expected TSV is rendered here from the Java values, independently of the encoder.
 */
class GamesTableTest {

    private static final String NASTY = "a\tb\nc\\d'e\r\0f\u0085g 日本 🎮 \"q\" ,;";

    @Test
    void sampleRoundTripsThroughClickHouse() throws Exception {
        ClickHouseServer ch = ClickHouseServer.get();
        String db = ch.newDatabase("model");
        ch.sql(GamesTable.createDataTable(db, "games_t"));

        RowConverterTest.Result r = RowConverterTest.convert(TestData.bytes(TestData.SAMPLE));
        assertSame(expectedTsv(r.rows()), roundTrip(ch, db, r.rows()));
        assertEquals("2020-05-01\tmonth\n", ch.sql("SELECT release_date, release_date_precision FROM " + db
                + ".games_t WHERE release_date_precision = 'month' FORMAT TabSeparated"));
        assertEquals("1\n", ch.sql("SELECT count() FROM " + db + ".games_t WHERE price = " + Sql.decimal(new BigDecimal("19.99"), 2)
                + " AND app_id = 20200 AND release_date = " + Sql.date(LocalDate.of(2008, 10, 21))));
        // one INSERT writes one part per release year present, undated games in a partition of their own (0)
        int date = GameColumns.ALL.indexOf(GameColumns.RELEASE_DATE);
        String years = r.rows().stream().map(row -> row[date] == null ? 0 : ((LocalDate) row[date]).getYear()).distinct().sorted()
                .map(year -> year + "\t1\n").collect(Collectors.joining());
        assertEquals(years, ch.sql("SELECT partition_id, count() FROM system.parts WHERE database = '" + db
                + "' AND table = 'games_t' AND active GROUP BY partition_id ORDER BY toUInt16(partition_id) FORMAT TabSeparated"));
        assertEquals("", ch.sql("SELECT app_id FROM " + db + ".games_t WHERE release_year != ifNull(toYear(release_date), 0) FORMAT TabSeparated"));
        // the year index: each row's app_id with the year of its partition, computed here from the dates
        ch.sql(GamesTable.createYearIndex(db, "games_t"));
        ch.sql(GamesTable.fillYearIndex(db, "games_t"));
        int appId = GameColumns.ALL.indexOf(GameColumns.ORDER_KEY.getFirst());
        String pairs = r.rows().stream().map(row -> row[appId] + "\t" + GamesTable.releaseYear((LocalDate) row[date]) + "\n").sorted()
                .collect(Collectors.joining());
        assertEquals(pairs, ch.sql("SELECT app_id, release_year FROM " + db + ".games_t_years ORDER BY toString(app_id), release_year FORMAT TabSeparated"));
    }

    /** Every type at its limits, text that TSV and CSV would have to escape, a 1 MiB cell and a 5,000-item list. */
    @Test
    void hostileValuesRoundTripExactly() {
        ClickHouseServer ch = ClickHouseServer.get();
        String db = ch.newDatabase("model");
        ch.sql(GamesTable.createDataTable(db, "games_t"));
        String huge = "é".repeat(512 * 1024); // 1 MiB of UTF-8: a three-byte length
        List<String> many = Collections.nCopies(5_000, "Indie 🎮");
        List<Object[]> rows = List.of(
                row(4_294_967_295L, NASTY, ReleaseDates.MAX_DATE, "day", 65_535L, new BigDecimal("9999999999.99"), many, true, null, 1L),
                row(0L, "", ReleaseDates.MIN_DATE, "month", 0L, new BigDecimal("0.00"), List.of(), false, 4_294_967_295L, 2L),
                row(7L, huge, null, null, 18L, new BigDecimal("0.01"), List.of(NASTY, "", "'"), true, 0L, 1L << 40));
        assertSame(expectedTsv(rows), roundTrip(ch, db, rows));
        // the first and last storable years, and the undated game in a partition of its own
        assertEquals("0\n1970\n2105\n", ch.sql("SELECT DISTINCT partition_id FROM system.parts WHERE database = '" + db
                + "' AND table = 'games_t' AND active ORDER BY toUInt16(partition_id) FORMAT TabSeparated"));
    }

    /** A table made before the partition key gets its year column, computed from release_date when read. */
    @Test
    void aTableWithoutTheYearColumnGetsIt() {
        ClickHouseServer ch = ClickHouseServer.get();
        String db = ch.newDatabase("model");
        ch.sql("CREATE TABLE " + db + ".games_old (app_id UInt32, release_date Nullable(Date)) ENGINE = MergeTree ORDER BY app_id");
        ch.sql("INSERT INTO " + db + ".games_old VALUES (1, '2019-03-04'), (2, NULL)");
        ch.sql(GamesTable.addPartitionColumn(db, "games_old"));
        assertEquals("1\t2019\n2\t0\n", ch.sql("SELECT app_id, release_year FROM " + db + ".games_old ORDER BY app_id FORMAT TabSeparated"));
    }

    /** Equal strings, or a failure that shows only where they part (the rows hold megabytes). */
    private static void assertSame(String expected, String actual) {
        int at = 0;
        while (at < Math.min(expected.length(), actual.length()) && expected.charAt(at) == actual.charAt(at)) {
            at++;
        }
        if (at < expected.length() || at < actual.length()) {
            int from = Math.max(0, at - 40);
            fail("differs at char " + at + " of " + expected.length() + "/" + actual.length() + ": expected ..."
                    + expected.substring(from, Math.min(expected.length(), at + 40)) + "... but got ..."
                    + actual.substring(from, Math.min(actual.length(), at + 40)) + "...");
        }
    }

    @Test
    void aTypeWithoutAWriterFailsAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> RowBinary.writerFor("Float32"));
        assertThrows(IllegalArgumentException.class, () -> RowBinary.writerFor("Decimal(38, 2)"));
    }

    private static Object[] row(long appId, String text, LocalDate date, String precision, long age, BigDecimal price, List<String> list,
                                boolean flag, Long rank, long sourceRow) {
        return new Object[] {appId, text, date, precision, age, price, 3L, text, list, flag, !flag, flag, 10L, 20L, rank, text, text,
            list, list, list, sourceRow};
    }

    private static String roundTrip(ClickHouseServer ch, String db, List<Object[]> rows) {
        RowBuffer out = new RowBuffer(16);
        RowBinary.RowWriter writer = new RowBinary.RowWriter(GameColumns.ALL);
        rows.forEach(values -> writer.write(values, out));
        ch.insert(db + ".games_t", "RowBinary", Arrays.copyOf(out.array(), out.size()));
        return ch.sql("SELECT * FROM " + db + ".games_t ORDER BY source_row FORMAT TabSeparated");
    }

    /** ClickHouse's TabSeparated rendering of our values, written out by hand. */
    static String expectedTsv(List<Object[]> rows) {
        List<Object[]> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Long.compare((Long) a[a.length - 1], (Long) b[b.length - 1]));
        StringBuilder tsv = new StringBuilder();
        for (Object[] values : sorted) {
            tsv.append(Arrays.stream(values).map(GamesTableTest::tsv).collect(Collectors.joining("\t"))).append('\n');
        }
        return tsv.toString();
    }

    private static String tsv(Object value) {
        if (value == null) {
            return "\\N";
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof List<?> items) {
            return items.stream().map(i -> "'" + escape((String) i) + "'").collect(Collectors.joining(",", "[", "]"));
        }
        return value instanceof String s ? escape(s) : value.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("'", "\\'").replace("\r", "\\r")
                .replace("\0", "\\0");
    }
}
