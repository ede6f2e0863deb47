package games.analytics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReleaseDatesTest {

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
                expected = ReleaseDates.releaseDateByFormats(cell);
            } catch (CellException e) {
                CellException refused = assertThrows(CellException.class, () -> ReleaseDates.parse(cell), cell);
                assertEquals(e.getMessage(), refused.getMessage(), cell);
                continue;
            }
            days++;
            assertEquals(expected, ReleaseDates.parse(cell), cell);
        }
        assertTrue(days > 10000, "the corpus must be mostly valid days, had " + days);
    }

    @Test
    void datesKeepTheirPrecisionAndNeverGetInvented() throws Exception {
        assertEquals(new ReleaseDate(LocalDate.of(2008, 10, 21), ReleaseDate.Precision.day), ReleaseDates.parse("Oct 21, 2008"));
        assertEquals(new ReleaseDate(LocalDate.of(2008, 10, 1), ReleaseDate.Precision.day), ReleaseDates.parse("1 Oct, 2008"));
        assertEquals(new ReleaseDate(LocalDate.of(2020, 5, 1), ReleaseDate.Precision.month), ReleaseDates.parse("May 2020"));
        assertEquals(new ReleaseDate(LocalDate.of(2021, 2, 3), ReleaseDate.Precision.day), ReleaseDates.parse("2021-02-03"));
        assertNull(ReleaseDates.parse(""));
        assertNull(ReleaseDates.parse("Coming soon"));
        assertEquals("cannot parse \"31/31/2020\" as a date like \"Oct 21, 2008\" or \"May 2020\"",
                assertThrows(CellException.class, () -> ReleaseDates.parse("31/31/2020")).getMessage());
        assertThrows(CellException.class, () -> ReleaseDates.parse("Feb 30, 2020"));
        assertThrows(CellException.class, () -> ReleaseDates.parse("Jan 1, 1969"));
        assertThrows(CellException.class, () -> ReleaseDates.parse("Jan 1, 1970")); // 18.16 would show 0000-00-00
        assertEquals(LocalDate.of(2105, 12, 31), ReleaseDates.parse("Dec 31, 2105").date());
        assertThrows(CellException.class, () -> ReleaseDates.parse("Jan 1, 2106")); // 18.16 would read it back as 1970-01-01
    }
}
