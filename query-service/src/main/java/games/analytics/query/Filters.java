package games.analytics.query;

import games.analytics.model.Column;
import games.analytics.model.Sql;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One request value to one SQL condition. The value is parsed into its column's Java type first and
 * rendered back as a literal, so request text never reaches SQL as it came.
 */
final class Filters {

    private Filters() {
    }

    /** Numbers, decimals, booleans and dates match exactly; text is a case-insensitive substring; lists match any element. */
    static String matches(Column column, String value) {
        String name = Sql.identifier(column.name());
        return switch (column.kind()) {
            case INTEGER -> name + " = " + Sql.integer(integer(column, value));
            case DECIMAL -> name + " = " + decimalLiteral(column, value);
            case DATE -> name + " = " + Sql.date(date(column, value));
            case BOOLEAN -> name + " = " + (bool(column, value) ? 1 : 0);
            case TEXT -> "positionCaseInsensitiveUTF8(" + name + ", " + Sql.string(value) + ") > 0";
            case LIST -> "arrayExists(x -> positionCaseInsensitiveUTF8(x, " + Sql.string(value) + ") > 0, " + name + ")";
        };
    }

    static long integer(Column column, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException(column.name(), column.name() + " is a whole number, got \"" + value + "\"");
        }
    }

    static String decimalLiteral(Column column, String value) {
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException(column.name(), column.name() + " is a decimal number like 19.99, got \"" + value + "\"");
        }
        if (decimal.scale() > 9 || decimal.precision() - decimal.scale() > 9) {
            throw new BadParameterException(column.name(), column.name() + " value out of range: \"" + value + "\"");
        }
        return Sql.decimal(decimal, Math.max(decimal.scale(), 0));
    }

    static LocalDate date(Column column, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(column.name(), column.name() + " is a date as YYYY-MM-DD, got \"" + value + "\"");
        }
    }

    static boolean bool(Column column, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new BadParameterException(column.name(), column.name() + " is true or false, got \"" + value + "\"");
        };
    }
}
