package games.analytics.query.grammar;

import games.analytics.model.ColumnKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The Java type a request value parses into, with its bounds: the one place request text becomes a typed value.
 * A value that does not parse, or lies outside what the column's ClickHouse type can compare with, is a 400
 * naming the parameter, never a ClickHouse error.
 */
public enum ValueType {
    INTEGER, DECIMAL, FLOAT, BOOLEAN, TEXT, DATE;

    private static final int MAX_DECIMAL_DIGITS = 9;
    private static final int MAX_FLOAT_EXPONENT = 300;

    /** How a column's values are typed: text and list elements alike are text. */
    public static ValueType of(ColumnKind kind) {
        return switch (kind) {
            case INTEGER -> INTEGER;
            case DECIMAL -> DECIMAL;
            case DATE -> DATE;
            case BOOLEAN -> BOOLEAN;
            case TEXT, LIST -> TEXT;
        };
    }

    public Interval parse(String parameter, String text) {
        return switch (this) {
            case INTEGER -> Interval.of(new Value.Int(integer(parameter, text)));
            case DECIMAL -> Interval.of(new Value.Dec(decimal(parameter, text)));
            case FLOAT -> Interval.of(new Value.Float(float64(parameter, text)));
            case BOOLEAN -> Interval.of(new Value.Bool(bool(parameter, text)));
            case TEXT -> Interval.of(new Value.Text(text));
            case DATE -> date(parameter, text);
        };
    }

    private static long integer(String parameter, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException(parameter, parameter + " takes a whole number, got \"" + value + "\"");
        }
    }

    private static BigDecimal decimal(String parameter, String value) {
        BigDecimal decimal = number(parameter, value, "a decimal number like 19.99");
        if (decimal.scale() > MAX_DECIMAL_DIGITS || decimal.precision() - decimal.scale() > MAX_DECIMAL_DIGITS) {
            throw new BadParameterException(parameter, parameter + " value is out of range: \"" + value + "\"");
        }
        return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
    }

    /** Bounded like decimals: {@code 1e999999999} or {@code 1e-999999} is a 400, never a huge string or a ClickHouse error. */
    private static double float64(String parameter, String value) {
        BigDecimal decimal = number(parameter, value, "a number like 4.5 or 1e6");
        long exponent = (long) decimal.precision() - decimal.scale() - 1;
        if (decimal.signum() != 0 && (exponent > MAX_FLOAT_EXPONENT || exponent < -MAX_FLOAT_EXPONENT)) {
            throw new BadParameterException(parameter, parameter + " value is out of range (at most 1e" + MAX_FLOAT_EXPONENT
                    + " in size, at least 1e-" + MAX_FLOAT_EXPONENT + " unless 0): \"" + value + "\"");
        }
        return decimal.doubleValue();
    }

    private static BigDecimal number(String parameter, String value, String expected) {
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException(parameter, parameter + " takes " + expected + ", got \"" + value + "\"");
        }
    }

    private static boolean bool(String parameter, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new BadParameterException(parameter, parameter + " takes true or false, got \"" + value + "\"");
        };
    }

    /** "2020" is the whole year, "2020-05" the month, "2020-05-17" a day. */
    private static Interval date(String parameter, String text) {
        String s = text.strip();
        try {
            return switch (s.length()) {
                case 4 -> {
                    Year year = Year.parse(s);
                    yield days(year.atDay(1), year.atMonth(12).atEndOfMonth());
                }
                case 7 -> {
                    YearMonth month = YearMonth.parse(s);
                    yield days(month.atDay(1), month.atEndOfMonth());
                }
                case 10 -> {
                    LocalDate day = LocalDate.parse(s);
                    yield days(day, day);
                }
                default -> throw new DateTimeParseException("length", s, 0);
            };
        } catch (DateTimeParseException e) {
            throw new BadParameterException(parameter, parameter + " takes a date as YYYY-MM-DD, YYYY-MM or YYYY, got \"" + text + "\"");
        }
    }

    private static Interval days(LocalDate first, LocalDate last) {
        return new Interval(new Value.Day(first), new Value.Day(last));
    }
}
