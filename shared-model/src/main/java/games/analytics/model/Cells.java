package games.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The parsing rules for CSV cells, one per kind of content found in real Steam exports. */
public final class Cells {

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

    private Cells() {
    }

    private static DateTimeFormatter formatter(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    public static String text(String cell) {
        return cell == null ? "" : cell;
    }

    public static CellParser integer(long max) {
        return cell -> {
            String s = cell == null ? "" : cell.strip();
            if (s.isEmpty()) {
                throw new CellException("empty, a whole number is required");
            }
            return wholeNumber(s, max);
        };
    }

    public static CellParser nullableInteger(long max) {
        return cell -> {
            String s = cell == null ? "" : cell.strip();
            return s.isEmpty() ? null : wholeNumber(s, max);
        };
    }

    private static Long wholeNumber(String s, long max) throws CellException {
        long value;
        try {
            value = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CellException("cannot parse \"" + clip(s) + "\" as a whole number");
        }
        if (value < 0 || value > max) {
            throw new CellException(value + " is outside 0.." + max);
        }
        return value;
    }

    /** Exact decimal with at most {@code scale} fraction digits: 19.99 stays 19.99, 0.0 is 0. */
    public static CellParser decimal(int precision, int scale) {
        BigDecimal limit = BigDecimal.TEN.pow(precision - scale);
        return cell -> {
            String s = cell == null ? "" : cell.strip();
            if (s.isEmpty()) {
                throw new CellException("empty, a decimal number is required");
            }
            BigDecimal value;
            try {
                value = new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw new CellException("cannot parse \"" + clip(s) + "\" as a decimal number");
            }
            if (value.signum() < 0 || value.compareTo(limit) >= 0) {
                throw new CellException(s + " is outside 0.." + limit);
            }
            BigDecimal stripped = value.stripTrailingZeros();
            if (stripped.scale() > scale) {
                throw new CellException(s + " has more than " + scale + " decimal places");
            }
            return value.setScale(scale); // exact: only trailing zeros are added or dropped
        };
    }

    /** TRUE/FALSE (sheet export) and True/False (upstream). */
    public static Boolean bool(String cell) throws CellException {
        String s = cell == null ? "" : cell.strip();
        if (s.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new CellException("cannot parse \"" + clip(s) + "\" as true/false");
    }

    /**
     * Empty cells and texts with no digit ("Coming soon", "To be announced") are no date: null.
     * Anything else must parse, so a garbled date is rejected instead of stored wrong.
     */
    public static ReleaseDate releaseDate(String cell) throws CellException {
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
            throw new CellException("cannot parse \"" + clip(s) + "\" as a date like \"Oct 21, 2008\" or \"May 2020\"");
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
            throw new CellException("\"" + clip(cell) + "\" is outside " + MIN_DATE + ".." + MAX_DATE);
        }
        return date;
    }

    /** Comma-joined without spaces: "Casual,Indie,Sports". */
    public static List<String> commaList(String cell) {
        List<String> items = new ArrayList<>();
        if (cell == null) {
            return items;
        }
        for (String part : cell.split(",")) {
            String item = part.strip();
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return items;
    }

    /**
     * A Python list literal: ['English', 'Spanish - Spain'], ["K'iche'"], [] or an empty cell.
     * Bare items (upstream writes K'iche' unquoted) run to the next comma.
     */
    public static List<String> pythonList(String cell) throws CellException {
        String s = cell == null ? "" : cell.strip();
        List<String> items = new ArrayList<>();
        if (s.isEmpty()) {
            return items;
        }
        if (s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
            throw new CellException("\"" + clip(s) + "\" is not a list like ['English', 'French']");
        }
        int i = skipSpaces(s, 1);
        int end = s.length() - 1;
        if (i == end) {
            return items;
        }
        while (true) {
            char quote = s.charAt(i);
            if (quote != '\'' && quote != '"') { // upstream has bare items such as K'iche'
                int comma = s.indexOf(',', i);
                int stop = comma < 0 ? end : comma;
                items.add(s.substring(i, stop).strip());
                if (comma < 0) {
                    return items;
                }
                i = skipSpaces(s, comma + 1);
                continue;
            }
            StringBuilder item = new StringBuilder();
            i++;
            while (i < end && s.charAt(i) != quote) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < end) {
                    char next = s.charAt(++i);
                    item.append(switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> next;
                    });
                } else {
                    item.append(c);
                }
                i++;
            }
            if (i >= end) {
                throw new CellException("unterminated list item in \"" + clip(s) + "\"");
            }
            items.add(item.toString());
            i = skipSpaces(s, i + 1);
            if (i == end) {
                return items;
            }
            if (s.charAt(i) != ',') {
                throw new CellException("expected ',' at " + i + " of \"" + clip(s) + "\"");
            }
            i = skipSpaces(s, i + 1);
            if (i == end) { // trailing comma, as Python allows
                return items;
            }
        }
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Reasons quote the cell; keep them short for very long cells. */
    static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
