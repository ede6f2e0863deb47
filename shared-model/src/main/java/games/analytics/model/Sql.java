package games.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Pattern;

/** Renders typed Java values as ClickHouse SQL literals. Request text never reaches SQL any other way. */
public final class Sql {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Sql() {
    }

    /** Database and table names come from configuration or our own code; still, refuse anything odd. */
    public static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        return name;
    }

    public static String table(String database, String table) {
        return identifier(database) + "." + identifier(table);
    }

    public static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        TabSeparated.escapeInto(value, out);
        return out.append('\'').toString();
    }

    public static String integer(long value) {
        return Long.toString(value);
    }

    public static String decimal(BigDecimal value, int scale) {
        return "toDecimal64('" + value.toPlainString() + "', " + scale + ")";
    }

    /** A finite double; its shortest decimal form, which ClickHouse reads back to the same value. */
    public static String float64(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        return "toFloat64('" + value + "')";
    }

    public static String date(LocalDate value) {
        return "toDate('" + value + "')";
    }
}
