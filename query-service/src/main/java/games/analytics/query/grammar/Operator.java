package games.analytics.query.grammar;

import static games.analytics.model.ColumnKind.BOOLEAN;
import static games.analytics.model.ColumnKind.DATE;
import static games.analytics.model.ColumnKind.DECIMAL;
import static games.analytics.model.ColumnKind.INTEGER;
import static games.analytics.model.ColumnKind.LIST;
import static games.analytics.model.ColumnKind.TEXT;

import games.analytics.model.Column;
import games.analytics.model.ColumnKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operator table, in the spirit of Datasette's filters.py: each operator is one entry that knows its name,
 * the column kinds it applies to, the shape of its value, and how it renders, once for ordered values (numbers,
 * dates, booleans, and every metric in {@code having}) and once for text (text columns and list elements).
 * Adding an operator is one entry here; the schema endpoint, the parser and the SQL follow from it.
 */
public enum Operator {
    eq(Shape.ONE, EnumSet.allOf(ColumnKind.class),
            (c, v, sql) -> within(c, v.getFirst(), sql),
            (c, v, sql) -> "lowerUTF8(" + c + ") = lowerUTF8(" + sql.apply(v.getFirst().first()) + ")"),
    ne(Shape.ONE, EnumSet.allOf(ColumnKind.class),
            (c, v, sql) -> "NOT (" + within(c, v.getFirst(), sql) + ")",
            (c, v, sql) -> "lowerUTF8(" + c + ") != lowerUTF8(" + sql.apply(v.getFirst().first()) + ")"),
    contains(Shape.ONE, EnumSet.of(TEXT, LIST), null,
            (c, v, sql) -> "positionCaseInsensitiveUTF8(" + c + ", " + sql.apply(v.getFirst().first()) + ") > 0"),
    exact(Shape.ONE, EnumSet.of(TEXT, LIST), null,
            (c, v, sql) -> c + " = " + sql.apply(v.getFirst().first())),
    startswith(Shape.ONE, EnumSet.of(TEXT, LIST), null,
            (c, v, sql) -> "positionCaseInsensitiveUTF8(" + c + ", " + sql.apply(v.getFirst().first()) + ") = 1"),
    gt(Shape.ONE, EnumSet.of(INTEGER, DECIMAL, DATE), (c, v, sql) -> c + " > " + sql.apply(v.getFirst().last()), null),
    gte(Shape.ONE, EnumSet.of(INTEGER, DECIMAL, DATE), (c, v, sql) -> c + " >= " + sql.apply(v.getFirst().first()), null),
    lt(Shape.ONE, EnumSet.of(INTEGER, DECIMAL, DATE), (c, v, sql) -> c + " < " + sql.apply(v.getFirst().first()), null),
    lte(Shape.ONE, EnumSet.of(INTEGER, DECIMAL, DATE), (c, v, sql) -> c + " <= " + sql.apply(v.getFirst().last()), null),
    between(Shape.PAIR, EnumSet.of(INTEGER, DECIMAL, DATE),
            (c, v, sql) -> "(" + c + " BETWEEN " + sql.apply(v.get(0).first()) + " AND " + sql.apply(v.get(1).last()) + ")", null),
    // equalities, not IN, for ordered values: each = finds a common type, while IN on 18.16 needs the exact column type
    in(Shape.MANY, EnumSet.of(INTEGER, DECIMAL, DATE, TEXT, LIST),
            (c, v, sql) -> "(" + v.stream().map(i -> within(c, i, sql)).collect(Collectors.joining(" OR ")) + ")",
            (c, v, sql) -> "lowerUTF8(" + c + ") IN (" + v.stream().map(i -> "lowerUTF8(" + sql.apply(i.first()) + ")")
                    .collect(Collectors.joining(", ")) + ")"),
    /** Only on nullable columns; the one operator that looks at NULL (every other never matches it). */
    isnull(Shape.FLAG, EnumSet.of(INTEGER, DECIMAL, DATE, BOOLEAN, TEXT),
            (c, v, sql) -> (((Value.Bool) v.getFirst().first()).value() ? "isNull(" : "isNotNull(") + c + ")", null);

    /** How many values an operator takes, and how they are written. */
    public enum Shape {
        /** one value */
        ONE,
        /** {@code low,high} */
        PAIR,
        /** a comma list; an item in double quotes may contain commas */
        MANY,
        /** {@code true} or {@code false} */
        FLAG
    }

    /** SQL for {@code expression op values}, given how a typed value becomes a literal. */
    @FunctionalInterface
    public interface Render {
        String sql(String expression, List<Interval> values, Function<Value, String> literal);
    }

    private final Shape shape;
    private final Set<ColumnKind> kinds;
    private final Render ordered;
    private final Render text;

    Operator(Shape shape, Set<ColumnKind> kinds, Render ordered, Render text) {
        this.shape = shape;
        this.kinds = kinds;
        this.ordered = ordered;
        this.text = text;
    }

    public Shape shape() {
        return shape;
    }

    /** For ordered values; null where the operator has no meaning for them (contains, exact, startswith). */
    public Render ordered() {
        return ordered;
    }

    /** For text and list elements; null where the operator has no meaning for them. */
    public Render text() {
        return text;
    }

    public static Optional<Operator> named(String name) {
        return Arrays.stream(values()).filter(o -> o.name().equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** What {@code column=value} means without an operator. */
    public static Operator defaultFor(ColumnKind kind) {
        return switch (kind) {
            case TEXT, LIST -> contains;
            case INTEGER, DECIMAL, DATE, BOOLEAN -> eq;
        };
    }

    /** The operators a column takes, in table order; isnull only where the column can be NULL. */
    public static List<Operator> allowed(Column column) {
        return Arrays.stream(values()).filter(o -> o.kinds.contains(column.kind()) && (o != isnull || column.nullable())).toList();
    }

    /** The operators {@code having} takes: those that compare ordered values, but isnull (aggregates are never NULL). */
    public static List<Operator> forMetrics() {
        return Arrays.stream(values()).filter(o -> o.ordered != null && o != isnull).toList();
    }

    public static String names(List<Operator> operators) {
        return operators.stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    /** A value or a whole date range: {@code c = v}, or {@code c BETWEEN first AND last}. */
    private static String within(String c, Interval v, Function<Value, String> sql) {
        return v.single() ? c + " = " + sql.apply(v.first()) : "(" + c + " BETWEEN " + sql.apply(v.first()) + " AND " + sql.apply(v.last()) + ")";
    }
}
