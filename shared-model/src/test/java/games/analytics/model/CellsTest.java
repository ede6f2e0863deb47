package games.analytics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CellsTest {

    @Test
    void steamDatesGiveWhatTheFormatsGive() throws Exception {
        Random random = new Random(5);
        String[] months = {"Jan", "feb", "MAR", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "anf", "Xyz", "J\u0430n"};
        int days = 0;
        for (int i = 0; i < 20000; i++) {
            String day = random.nextInt(10) == 0 ? "0" + random.nextInt(10) : Integer.toString(random.nextInt(33));
            String year = String.format("%04d", random.nextInt(10) == 0 ? random.nextInt(10000) : 1965 + random.nextInt(150));
            String cell = months[random.nextInt(months.length)] + " " + day + (random.nextInt(20) == 0 ? " " : ", ") + year;
            ReleaseDate expected;
            try {
                expected = Cells.releaseDateByFormats(cell);
            } catch (CellException e) {
                CellException refused = assertThrows(CellException.class, () -> Cells.releaseDate(cell), cell);
                assertEquals(e.getMessage(), refused.getMessage(), cell);
                continue;
            }
            days++;
            assertEquals(expected, Cells.releaseDate(cell), cell);
        }
        assertTrue(days > 10000, "the corpus must be mostly valid days, had " + days);
    }

    @Test
    void datesKeepTheirPrecisionAndNeverGetInvented() throws Exception {
        assertEquals(new ReleaseDate(LocalDate.of(2008, 10, 21), ReleaseDate.Precision.day), Cells.releaseDate("Oct 21, 2008"));
        assertEquals(new ReleaseDate(LocalDate.of(2008, 10, 1), ReleaseDate.Precision.day), Cells.releaseDate("1 Oct, 2008"));
        assertEquals(new ReleaseDate(LocalDate.of(2020, 5, 1), ReleaseDate.Precision.month), Cells.releaseDate("May 2020"));
        assertEquals(new ReleaseDate(LocalDate.of(2021, 2, 3), ReleaseDate.Precision.day), Cells.releaseDate("2021-02-03"));
        assertNull(Cells.releaseDate(""));
        assertNull(Cells.releaseDate("Coming soon"));
        assertEquals("cannot parse \"31/31/2020\" as a date like \"Oct 21, 2008\" or \"May 2020\"",
                assertThrows(CellException.class, () -> Cells.releaseDate("31/31/2020")).getMessage());
        assertThrows(CellException.class, () -> Cells.releaseDate("Feb 30, 2020"));
        assertThrows(CellException.class, () -> Cells.releaseDate("Jan 1, 1969"));
        assertThrows(CellException.class, () -> Cells.releaseDate("Jan 1, 1970")); // 18.16 would show 0000-00-00
        assertEquals(LocalDate.of(2105, 12, 31), Cells.releaseDate("Dec 31, 2105").date());
        assertThrows(CellException.class, () -> Cells.releaseDate("Jan 1, 2106")); // 18.16 would read it back as 1970-01-01
    }

    @Test
    void pricesStayExact() throws Exception {
        CellParser price = Cells.decimal(12, 2);
        assertEquals(new BigDecimal("19.99"), price.parse("19.99"));
        assertEquals(new BigDecimal("0.00"), price.parse("0.0"));
        assertEquals(new BigDecimal("0.00"), price.parse("0"));
        assertEquals(new BigDecimal("100.00"), price.parse("100"));
        assertEquals(new BigDecimal("1.50"), price.parse("1.5"));
        assertEquals("1.999 has more than 2 decimal places", assertThrows(CellException.class, () -> price.parse("1.999")).getMessage());
        assertThrows(CellException.class, () -> price.parse("abc"));
        assertThrows(CellException.class, () -> price.parse("-1"));
        assertThrows(CellException.class, () -> price.parse(""));
    }

    @Test
    void integersAndBooleans() throws Exception {
        CellParser age = Cells.integer(65_535);
        assertEquals(17L, age.parse("17"));
        assertThrows(CellException.class, () -> age.parse("17.5"));
        assertThrows(CellException.class, () -> age.parse("70000"));
        assertNull(Cells.nullableInteger(10).parse(""));
        assertEquals(true, Cells.bool("TRUE"));
        assertEquals(false, Cells.bool("False"));
        assertThrows(CellException.class, () -> Cells.bool("yes"));
    }

    @Test
    void listsInBothShapes() throws Exception {
        assertEquals(List.of("English", "Spanish - Spain"), Cells.pythonList("['English', 'Spanish - Spain']"));
        assertEquals(List.of(), Cells.pythonList("[]"));
        assertEquals(List.of(), Cells.pythonList(""));
        assertEquals(List.of("K'iche'", "a,b"), Cells.pythonList("[\"K'iche'\", 'a,b']"));
        assertEquals(List.of("it's"), Cells.pythonList("['it\\'s']"));
        assertEquals(List.of("Kazakh", "K'iche'", "Xhosa"), Cells.pythonList("['Kazakh', K'iche', 'Xhosa']"));
        assertThrows(CellException.class, () -> Cells.pythonList("English, French"));
        assertThrows(CellException.class, () -> Cells.pythonList("['English"));
        assertEquals(List.of("Casual", "Indie", "Sports"), Cells.commaList("Casual,Indie,Sports"));
        assertEquals(List.of(), Cells.commaList(""));
    }
}
