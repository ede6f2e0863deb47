package games.analytics.model;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;

/** The parsing rule for release-date cells: the forms found in real Steam exports, within what ClickHouse stores. */
public final class ReleaseDates {

    /**
     * ClickHouse Date is days since 1970 in a UInt16. Current releases show it up to 2149-06-06, but 18.16 only up
     * to 2105-12-31 (a later day reads back as 1970-01-01), and 18.16 shows day 0 as its "zero date" 0000-00-00:
     * the range both read back alike is what can be stored.
     */
    public static final LocalDate MIN_DATE = LocalDate.of(1970, 1, 2);
    public static final LocalDate MAX_DATE = LocalDate.of(2105, 12, 31);

    private static final List<DateTimeFormatter> DAY_FORMATS = List.of(
            formatter("MMM d, uuuu"),   // Oct 21, 2008 (Steam, sheet export)
            formatter("d MMM, uuuu"),   // 21 Oct, 2008 (Steam in some locales)
            formatter("uuuu-MM-dd"));   // ISO, from re-exported files
    private static final DateTimeFormatter MONTH_FORMAT = formatter("MMM uuuu"); // May 2020

    private ReleaseDates() {
    }

    private static DateTimeFormatter formatter(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    /**
     * Empty cells and texts with no digit ("Coming soon", "To be announced") are no date: null.
     * Anything else must parse, so a garbled date is rejected instead of stored wrong.
     */
    public static ReleaseDate parse(String cell) throws CellException {
        String s = cell == null ? "" : cell.strip();
        if (!hasDigit(s)) {
            return null;
        }
        LocalDate steam = steamDay(s);
        return steam != null ? new ReleaseDate(storable(steam, s), ReleaseDate.Precision.day) : releaseDateByFormats(s);
    }

    /** The formats in turn: what {@link #steamDay} does not recognise, and the oracle it is tested against. */
    static ReleaseDate releaseDateByFormats(String s) throws CellException {
        for (DateTimeFormatter format : DAY_FORMATS) {
            try {
                return new ReleaseDate(storable(LocalDate.parse(s, format), s), ReleaseDate.Precision.day);
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        try {
            LocalDate first = YearMonth.parse(s, MONTH_FORMAT).atDay(1);
            return new ReleaseDate(storable(first, s), ReleaseDate.Precision.month);
        } catch (DateTimeParseException e) {
            throw new CellException("cannot parse \"" + Cells.clip(s) + "\" as a date like \"Oct 21, 2008\" or \"May 2020\"");
        }
    }

    /**
     * "Oct 21, 2008", the form of nearly every cell, without the general formatter (a tenth of an ingestion's parse
     * time went there); null for anything else, including impossible days, which the formats then word as errors.
     */
    private static LocalDate steamDay(String s) {
        int n = s.length();
        if (n < 11 || n > 12 || s.charAt(3) != ' ' || s.charAt(n - 6) != ',' || s.charAt(n - 5) != ' ') {
            return null;
        }
        int at = MONTHS.indexOf(s.substring(0, 3).toLowerCase(Locale.ROOT));
        int month = at % 3 == 0 ? at / 3 + 1 : 0;
        int day = digits(s, 4, n - 6);
        int year = digits(s, n - 4, n);
        if (month < 1 || day < 1 || year < 0 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    /** The decimal value of s[from, to), or -1 unless all of them are ASCII digits. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static LocalDate storable(LocalDate date, String cell) throws CellException {
        if (date.isBefore(MIN_DATE) || date.isAfter(MAX_DATE)) {
            throw new CellException("\"" + Cells.clip(cell) + "\" is outside " + MIN_DATE + ".." + MAX_DATE);
        }
        return date;
    }

}
