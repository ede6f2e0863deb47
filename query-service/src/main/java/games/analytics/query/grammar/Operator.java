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
import java.util.stream.Collectors;

/**
 * The operator table, in the spirit of Datasette's filters.py and PostgREST's operators: each row is one operator's
 * key, its wording for people, the shape of its value, the column kinds it applies to, and whether it compares
 * ordered values (numbers, dates, booleans, every metric in {@code having}). It holds no SQL: {@code sql.OperatorSql}
 * renders each row in one exhaustive switch. Adding an operator is a row here and a case there (the compiler asks for it); the schema endpoint, the parser and the UI follow.
 */
public enum Operator {
    eq("equals", Shape.ONE, EnumSet.allOf(ColumnKind.class), true),
    ne("does not equal", Shape.ONE, EnumSet.allOf(ColumnKind.class), true),
    contains("contains", Shape.ONE, EnumSet.of(TEXT, LIST), false),
    exact("is exactly", Shape.ONE, EnumSet.of(TEXT, LIST), false),
    startswith("starts with", Shape.ONE, EnumSet.of(TEXT, LIST), false),
    gt("is greater than", Shape.ONE, EnumSet.of(INTEGER, DECIMAL, DATE), true),
    gte("is at least", Shape.ONE, EnumSet.of(INTEGER, DECIMAL, DATE), true),
    lt("is less than", Shape.ONE, EnumSet.of(INTEGER, DECIMAL, DATE), true),
    lte("is at most", Shape.ONE, EnumSet.of(INTEGER, DECIMAL, DATE), true),
    between("is between", Shape.PAIR, EnumSet.of(INTEGER, DECIMAL, DATE), true),
    in("is one of", Shape.MANY, EnumSet.of(INTEGER, DECIMAL, DATE, TEXT, LIST), true),
    /** Only on nullable columns; the one operator that looks at NULL (every other never matches it). */
    isnull("is empty", Shape.FLAG, EnumSet.of(INTEGER, DECIMAL, DATE, BOOLEAN, TEXT), true);

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

    private final String wording;
    private final Shape shape;
    private final Set<ColumnKind> kinds;
    private final boolean ordered;

    Operator(String wording, Shape shape, Set<ColumnKind> kinds, boolean ordered) {
        this.wording = wording;
        this.shape = shape;
        this.kinds = kinds;
        this.ordered = ordered;
    }

    /** How the operator reads in a sentence: "price is greater than 10". */
    public String wording() {
        return wording;
    }

    public Shape shape() {
        return shape;
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
        return Arrays.stream(values()).filter(o -> o.ordered && o != isnull).toList();
    }

    public static String names(List<Operator> operators) {
        return operators.stream().map(Enum::name).collect(Collectors.joining(", "));
    }
}
