package games.analytics.query;

import games.analytics.model.Column;
import games.analytics.model.ColumnKind;
import games.analytics.model.Sql;
import games.analytics.model.TabSeparated;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Request text to typed Java value to SQL literal. Every value that reaches SQL passes through here
 * (or through {@link DateInterval}); a value that does not parse is a 400 naming the parameter.
 */
final class Literals {

    private static final int MAX_FLOAT_EXPONENT = 300;

    private Literals() {
    }

    /** The literal for one value of {@code kind}; dates must be whole days here. */
    static String of(ColumnKind kind, String parameter, String value) {
        return switch (kind) {
            case INTEGER -> Sql.integer(integer(parameter, value));
            case DECIMAL -> decimal(parameter, value);
            case DATE -> {
                DateInterval day = DateInterval.parse(parameter, value);
                if (!day.first().equals(day.last())) {
                    throw new BadParameterException(parameter, parameter + " needs a full date YYYY-MM-DD here, got \"" + value + "\"");
                }
                yield Sql.date(day.first());
            }
            case BOOLEAN -> bool(parameter, value) ? "1" : "0";
            case TEXT, LIST -> Sql.string(value);
        };
    }

    /** A value as ClickHouse printed it in TSV (used for cursors), back to a literal. */
    static String ofTsv(ColumnKind kind, String raw) {
        return kind == ColumnKind.TEXT ? Sql.string(TabSeparated.unescape(raw)) : of(kind, Cursor.PARAMETER, raw);
    }

    static long integer(String parameter, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException(parameter, parameter + " takes a whole number, got \"" + value + "\"");
        }
    }

    static String decimal(String parameter, String value) {
        BigDecimal decimal = number(parameter, value, "a decimal number like 19.99");
        if (decimal.scale() > 9 || decimal.precision() - decimal.scale() > 9) {
            throw new BadParameterException(parameter, parameter + " value is out of range: \"" + value + "\"");
        }
        return Sql.decimal(decimal, Math.max(decimal.scale(), 0));
    }

    /**
     * A Float64 literal (having values of averages, deviations, quantiles). Bounded like decimals: a value far
     * outside what a Float64 holds ({@code 1e999999999}, {@code 1e-999999}) is a 400, never a huge string or a
     * ClickHouse error.
     */
    static String float64(String parameter, String value) {
        BigDecimal decimal = number(parameter, value, "a number like 4.5 or 1e6");
        long exponent = (long) decimal.precision() - decimal.scale() - 1;
        if (decimal.signum() != 0 && (exponent > MAX_FLOAT_EXPONENT || exponent < -MAX_FLOAT_EXPONENT)) {
            throw new BadParameterException(parameter, parameter + " value is out of range (at most 1e" + MAX_FLOAT_EXPONENT
                    + " in size, at least 1e-" + MAX_FLOAT_EXPONENT + " unless 0): \"" + value + "\"");
        }
        return Sql.float64(decimal.doubleValue());
    }

    private static BigDecimal number(String parameter, String value, String expected) {
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException(parameter, parameter + " takes " + expected + ", got \"" + value + "\"");
        }
    }

    static boolean bool(String parameter, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new BadParameterException(parameter, parameter + " takes true or false, got \"" + value + "\"");
        };
    }

    /**
     * Splits a comma list; an item in double quotes may contain commas ({@code "Wise Wizard Games, LLC",Valve}),
     * and {@code ""} inside quotes is one quote.
     */
    static List<String> list(String parameter, String value) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < value.length() && value.charAt(i + 1) == '"') {
                    item.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    item.append(c);
                }
            } else if (c == '"' && item.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                item.setLength(0);
            } else if (c == ',') {
                items.add(wasQuoted ? item.toString() : item.toString().strip());
                item.setLength(0);
                wasQuoted = false;
            } else {
                item.append(c);
            }
        }
        if (quoted) {
            throw new BadParameterException(parameter, parameter + " has an unclosed quote: " + value);
        }
        items.add(wasQuoted ? item.toString() : item.toString().strip());
        return items;
    }

    static String column(Column column) {
        return Sql.identifier(column.name());
    }
}
