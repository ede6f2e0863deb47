package games.analytics.query.sql;

import games.analytics.query.grammar.Interval;
import games.analytics.query.grammar.Operator;
import games.analytics.query.grammar.Value;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Each row of the operator table as SQL, in two exhaustive switches (as PostgREST's SqlFragment renders its operator
 * table): a new operator does not compile until it has its SQL here. {@link #ordered} compares numbers, dates,
 * booleans and metrics; {@link #text} compares text and list elements, case-insensitively where the operator says
 * so. Values become literals through {@link Literals} only.
 */
final class OperatorSql {

    private OperatorSql() {
    }

    static String ordered(Operator op, String c, List<Interval> v) {
        return switch (op) {
            case eq -> within(c, v.getFirst());
            case ne -> "NOT (" + within(c, v.getFirst()) + ")";
            case gt -> c + " > " + Literals.of(v.getFirst().last());
            case gte -> c + " >= " + Literals.of(v.getFirst().first());
            case lt -> c + " < " + Literals.of(v.getFirst().first());
            case lte -> c + " <= " + Literals.of(v.getFirst().last());
            case between -> "(" + c + " BETWEEN " + Literals.of(v.get(0).first()) + " AND " + Literals.of(v.get(1).last()) + ")";
            // equalities, not IN, for ordered values: each = finds a common type, while IN on 18.16 needs the exact column type
            case in -> "(" + v.stream().map(i -> within(c, i)).collect(Collectors.joining(" OR ")) + ")";
            case isnull -> (((Value.Bool) v.getFirst().first()).value() ? "isNull(" : "isNotNull(") + c + ")";
            case contains, exact, startswith -> throw new IllegalArgumentException(op + " does not compare ordered values");
        };
    }

    static String text(Operator op, String c, List<Interval> v) {
        return switch (op) {
            case eq -> "lowerUTF8(" + c + ") = lowerUTF8(" + Literals.of(v.getFirst().first()) + ")";
            case ne -> "lowerUTF8(" + c + ") != lowerUTF8(" + Literals.of(v.getFirst().first()) + ")";
            case contains -> "positionCaseInsensitiveUTF8(" + c + ", " + Literals.of(v.getFirst().first()) + ") > 0";
            case exact -> c + " = " + Literals.of(v.getFirst().first());
            case startswith -> "positionCaseInsensitiveUTF8(" + c + ", " + Literals.of(v.getFirst().first()) + ") = 1";
            case in -> "lowerUTF8(" + c + ") IN (" + v.stream().map(i -> "lowerUTF8(" + Literals.of(i.first()) + ")")
                    .collect(Collectors.joining(", ")) + ")";
            case gt, gte, lt, lte, between, isnull -> throw new IllegalArgumentException(op + " does not compare text");
        };
    }

    /** A value or a whole date range: {@code c = v}, or {@code c BETWEEN first AND last}. */
    private static String within(String c, Interval v) {
        return v.single() ? c + " = " + Literals.of(v.first())
                : "(" + c + " BETWEEN " + Literals.of(v.first()) + " AND " + Literals.of(v.last()) + ")";
    }
}
