package games.analytics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.csv.CsvParser;
import games.analytics.testing.TestData;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowConverterTest {

    record Result(List<Object[]> rows, List<Rejection> rejections, RowConverter converter) {
    }

    static Result convert(byte[] csv) throws MissingColumnsException {
        CsvParser parser = CsvFormat.newParser();
        parser.beginParsing(new ByteArrayInputStream(csv), StandardCharsets.UTF_8);
        RowConverter converter = RowConverter.forHeader(parser.parseNext());
        List<Object[]> rows = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        String[] record;
        long n = 0;
        while ((record = parser.parseNext()) != null) {
            Object[] values = new Object[GameColumns.ALL.size()];
            Rejection r = converter.convert(record, ++n, values);
            if (r != null) {
                rejections.add(r);
            } else {
                rows.add(values);
            }
        }
        return new Result(rows, rejections, converter);
    }

    static Object field(Object[] row, String column) {
        return row[GameColumns.ALL.indexOf(GameColumns.byName(column).orElseThrow())];
    }

    @Test
    void sampleFileConvertsEveryRow() throws Exception {
        Result r = convert(TestData.bytes(TestData.SAMPLE));
        assertEquals(List.of(), r.rejections());
        assertEquals(100, r.rows().size());
        assertEquals(List.of(), r.converter().ignoredHeaders());
        Object[] first = r.rows().get(0);
        assertEquals(20200L, field(first, "app_id"));
        assertEquals("Galactic Bowling", field(first, "name"));
        assertEquals(LocalDate.of(2008, 10, 21), field(first, "release_date"));
        assertEquals("day", field(first, "release_date_precision"));
        assertEquals(new BigDecimal("19.99"), field(first, "price"));
        assertEquals(List.of("English"), field(first, "supported_languages"));
        assertEquals(true, field(first, "windows"));
        assertEquals(false, field(first, "mac"));
        assertNull(field(first, "score_rank"));
        assertEquals(List.of("Casual", "Indie", "Sports"), field(first, "genres"));
        assertEquals(1L, field(first, "source_row"));
        long monthOnly = r.rows().stream().filter(row -> "month".equals(field(row, "release_date_precision"))).count();
        assertEquals(1, monthOnly);
    }

    @Test
    void upstreamFileTakesTheRealAppIdFromTheHeaderImage() throws Exception {
        Result r = convert(TestData.bytes(TestData.UPSTREAM_1000));
        assertEquals(List.of(), r.rejections());
        assertEquals(1000, r.rows().size());
        Object[] first = r.rows().get(0);
        assertEquals(1472640L, field(first, "app_id")); // not the index 33399
        assertEquals("Gold Hunter Playtest", field(first, "name"));
        assertEquals(new BigDecimal("0.00"), field(first, "price"));
        assertEquals(List.of(), field(first, "supported_languages"));
        assertTrue(r.converter().ignoredHeaders().contains("Estimated owners"));
        assertTrue(r.converter().ignoredHeaders().contains("Movies"));
    }

    @Test
    void missingColumnsAreNamed() {
        byte[] csv = "AppID,Name,Release date\n1,a,\"Oct 1, 2010\"\n".getBytes(StandardCharsets.UTF_8);
        MissingColumnsException e = assertThrows(MissingColumnsException.class, () -> convert(csv));
        assertTrue(e.missing().contains("Price"));
        assertTrue(e.getMessage().startsWith("missing required column(s): Required age, Price"));
    }

    @Test
    void badCellsRejectTheRowWithColumnAndReason() throws Exception {
        String header = "app_id,name,release_date,required_age,price,dlc_count,about_game,supported_languages,"
                + "windows,mac,linux,positive,negative,score_rank,developers,publishers,categories,genres,tags\r\n";
        String good = "1,\"Quote \"\"q\"\"\nline2\",\"Oct 1, 2010\",0,1.5,0,,[],TRUE,FALSE,FALSE,1,2,,\"A, LLC\",B,c,d,e\r\n";
        String badDate = "2,n,31/31/2020,0,1.5,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e\r\n";
        String shortRow = "3,n\r\n";
        String noDate = "4,n,Coming soon,0,0,0,,[],TRUE,FALSE,FALSE,1,2,7,a,b,c,d,e";
        Result r = convert((header + good + badDate + shortRow + noDate).getBytes(StandardCharsets.UTF_8));
        assertEquals(2, r.rows().size());
        assertEquals("Quote \"q\"\nline2", field(r.rows().get(0), "name"));
        assertEquals("A, LLC", field(r.rows().get(0), "developers"));
        assertEquals(new BigDecimal("1.50"), field(r.rows().get(0), "price"));
        assertNull(field(r.rows().get(1), "release_date"));
        assertEquals(7L, field(r.rows().get(1), "score_rank"));
        assertEquals(new Rejection("release_date",
                "cannot parse \"31/31/2020\" as a date like \"Oct 21, 2008\" or \"May 2020\""), r.rejections().get(0));
        assertEquals(new Rejection(null, "has 2 fields, the header has 19"), r.rejections().get(1));
        assertNull(r.rejections().get(1).column());
    }
}
