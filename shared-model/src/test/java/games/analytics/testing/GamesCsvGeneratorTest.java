package games.analytics.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.csv.CsvParser;
import games.analytics.model.CsvFormat;
import games.analytics.model.GameColumns;
import games.analytics.model.RowConverter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GamesCsvGeneratorTest {

    byte[] generate(long seed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GamesCsvGenerator(TestData.bytes(TestData.SAMPLE), seed).write(out, 2 * 1024 * 1024);
        return out.toByteArray();
    }

    @Test
    void sameSeedSameBytesAndEveryRowConverts() throws Exception {
        byte[] a = generate(7);
        assertArrayEquals(a, generate(7));
        assertTrue(a.length >= 2 * 1024 * 1024);
        CsvParser parser = CsvFormat.newParser();
        parser.beginParsing(new ByteArrayInputStream(a), StandardCharsets.UTF_8);
        RowConverter converter = RowConverter.forHeader(parser.parseNext());
        String[] record;
        long rows = 0;
        int monthOnly = 0;
        int undated = 0;
        Object[] values = new Object[GameColumns.ALL.size()];
        while ((record = parser.parseNext()) != null) {
            assertEquals(null, converter.convert(record, ++rows, values));
            String date = record[3];
            monthOnly += date.matches("[A-Z][a-z]{2} \\d{4}") ? 1 : 0;
            undated += date.isEmpty() ? 1 : 0;
        }
        assertTrue(rows > 500, "rows: " + rows);
        assertTrue(monthOnly > 0 && undated > 0, monthOnly + " month-only, " + undated + " undated");
    }
}
