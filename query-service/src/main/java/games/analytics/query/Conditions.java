package games.analytics.query;

import games.analytics.model.Column;
import games.analytics.model.ColumnKind;
import games.analytics.model.GameColumns;
import games.analytics.model.Sql;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One filter to one SQL condition. Text operators other than {@code exact} are case-insensitive and
 * Unicode-aware; list operators hold when any element matches; a partial date stands for its whole
 * month or year ({@code release_date__gte=2020}).
 */
final class Conditions {

    static final String SEPARATOR = "__";

    private Conditions() {
    }

    /** {@code key} is {@code column} or {@code column__op}. */
    static String parse(String key, String value) {
        int split = key.lastIndexOf(SEPARATOR);
        String columnName = split < 0 ? key : key.substring(0, split);
        Column column = GameColumns.byName(columnName).orElseThrow(() -> new BadParameterException(key,
                "unknown parameter \"" + key + "\"; filter on one of: " + columnNames()
                        + " (optionally as column__op), or use " + String.join(", ", Parameters.ALL)));
        Set<Operator> allowed = allowed(column);
        Operator operator = split < 0 ? Operator.defaultFor(column.kind())
                : Operator.parse(key.substring(split + SEPARATOR.length())).filter(allowed::contains).orElseThrow(() ->
                        new BadParameterException(key, "\"" + key.substring(split + SEPARATOR.length()) + "\" does not apply to "
                                + column.name() + " (" + column.kind().name().toLowerCase() + "); use one of: " + Operator.names(allowed)));
        return render(column, operator, key, value);
    }

    static Set<Operator> allowed(Column column) {
        Set<Operator> allowed = EnumSet.copyOf(Operator.allowedFor(column.kind()));
        if (!column.nullable()) {
            allowed.remove(Operator.isnull);
        }
        return allowed;
    }

    /**
     * Comparisons never match NULL (use isnull). On a nullable column they compare assumeNotNull(c) behind
     * an isNotNull(c) guard: ClickHouse 18.16 fails range conditions on a Nullable partition-key column
     * that holds NULLs ("Cannot compare unsigned long with DB::Null"), and assumeNotNull(release_date) is
     * also what the table is partitioned by, so pruning still works.
     */
    private static String render(Column column, Operator op, String key, String value) {
        String name = Literals.column(column);
        if (op == Operator.isnull) {
            return (Literals.bool(key, value) ? "isNull(" : "isNotNull(") + name + ")";
        }
        if (!column.nullable()) {
            return render(column, name, op, key, value);
        }
        return "(isNotNull(" + name + ") AND " + render(column, "assumeNotNull(" + name + ")", op, key, value) + ")";
    }

    private static String render(Column column, String c, Operator op, String key, String value) {
        return switch (column.kind()) {
            case TEXT -> text(c, op, key, value);
            case LIST -> {
                // any element matches; ne means no element equals
                String any = "arrayExists(x -> " + text("x", op == Operator.ne ? Operator.eq : op, key, value) + ", " + c + ")";
                yield op == Operator.ne ? "NOT " + any : any;
            }
            case DATE -> date(c, op, key, value);
            case INTEGER, DECIMAL, BOOLEAN -> compare(c, op, key, value, v -> Literals.of(column.kind(), key, v));
        };
    }

    private static String text(String c, Operator op, String key, String value) {
        String v = Sql.string(value);
        return switch (op) {
            case contains -> "positionCaseInsensitiveUTF8(" + c + ", " + v + ") > 0";
            case startswith -> "positionCaseInsensitiveUTF8(" + c + ", " + v + ") = 1";
            case exact -> c + " = " + v;
            case eq -> "lowerUTF8(" + c + ") = lowerUTF8(" + v + ")";
            case ne -> "lowerUTF8(" + c + ") != lowerUTF8(" + v + ")";
            case in -> "lowerUTF8(" + c + ") IN (" + Literals.list(key, value).stream()
                    .map(item -> "lowerUTF8(" + Sql.string(item) + ")").collect(Collectors.joining(", ")) + ")";
            default -> throw new IllegalStateException(op + " on text");
        };
    }

    /** Comparison operators on one expression; {@code literal} parses and renders each value for its type. */
    static String compare(String c, Operator op, String key, String value, Function<String, String> literal) {
        return switch (op) {
            case eq -> c + " = " + literal.apply(value);
            case ne -> c + " != " + literal.apply(value);
            case gt -> c + " > " + literal.apply(value);
            case gte -> c + " >= " + literal.apply(value);
            case lt -> c + " < " + literal.apply(value);
            case lte -> c + " <= " + literal.apply(value);
            case between -> {
                List<String> bounds = pair(key, value);
                yield c + " BETWEEN " + literal.apply(bounds.get(0)) + " AND " + literal.apply(bounds.get(1));
            }
            // equalities, not IN: each = finds a common type, while IN on 18.16 needs the column's exact type
            // (price IN (1) fails: "Type mismatch in IN section. Expected: Decimal(12, 2). Got: Decimal64")
            case in -> "(" + Literals.list(key, value).stream().map(v -> c + " = " + literal.apply(v)).collect(Collectors.joining(" OR ")) + ")";
            default -> throw new IllegalStateException(op + " is not a comparison");
        };
    }

    private static String date(String c, Operator op, String key, String value) {
        if (op == Operator.between) {
            List<String> bounds = pair(key, value);
            return within(c, DateInterval.parse(key, bounds.get(0)).first(), DateInterval.parse(key, bounds.get(1)).last());
        }
        if (op == Operator.in) {
            return "(" + Literals.list(key, value).stream().map(v -> DateInterval.parse(key, v))
                    .map(d -> within(c, d.first(), d.last())).collect(Collectors.joining(" OR ")) + ")";
        }
        DateInterval d = DateInterval.parse(key, value);
        return switch (op) {
            case eq -> within(c, d.first(), d.last());
            case ne -> "NOT " + within(c, d.first(), d.last());
            case gt -> c + " > " + Sql.date(d.last());
            case gte -> c + " >= " + Sql.date(d.first());
            case lt -> c + " < " + Sql.date(d.first());
            case lte -> c + " <= " + Sql.date(d.last());
            default -> throw new IllegalStateException(op + " on date");
        };
    }

    private static String within(String c, LocalDate first, LocalDate last) {
        return first.equals(last) ? c + " = " + Sql.date(first) : "(" + c + " BETWEEN " + Sql.date(first) + " AND " + Sql.date(last) + ")";
    }

    private static List<String> pair(String key, String value) {
        List<String> bounds = Literals.list(key, value);
        if (bounds.size() != 2) {
            throw new BadParameterException(key, key + " takes two values as low,high, got \"" + value + "\"");
        }
        return bounds;
    }

    static String columnNames() {
        return GameColumns.ALL.stream().map(Column::name).collect(Collectors.joining(", "));
    }
}
