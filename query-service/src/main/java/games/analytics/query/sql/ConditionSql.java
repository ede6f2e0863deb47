package games.analytics.query.sql;

import games.analytics.model.Column;
import games.analytics.query.grammar.Condition;
import games.analytics.query.grammar.Operator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A condition tree to SQL through the operator table ({@link OperatorSql}). How a column kind takes an operator lives here once:
 * text and list elements use the operator's text form (a list matches when any element does; {@code ne} when none
 * equals), every other kind and every metric its ordered form. Comparisons never match NULL: on a nullable column
 * they compare {@code assumeNotNull(c)} behind {@code isNotNull(c)} (18.16 failed range conditions on a Nullable key
 * column holding NULLs, "Cannot compare unsigned long with DB::Null", while tables were partitioned by release year;
 * the form stays because it is NULL-safe on every version and layout).
 */
public final class ConditionSql {

    private ConditionSql() {
    }

    /** {@code WHERE a AND b ...}, or nothing. */
    static String where(List<Condition> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + and(conditions);
    }

    static String and(List<Condition> conditions) {
        return conditions.stream().map(ConditionSql::of).collect(Collectors.joining(" AND "));
    }

    public static String of(Condition condition) {
        return switch (condition) {
            case Condition.AnyOf any -> "(" + any.alternatives().stream().map(ConditionSql::of).collect(Collectors.joining(" OR ")) + ")";
            case Condition.Compare compare -> switch (compare.target()) {
                case Condition.MetricTarget metric -> OperatorSql.ordered(compare.operator(), Expressions.metric(metric.metric()),
                        compare.values());
                case Condition.ColumnTarget column -> column(column.column(), compare);
            };
        };
    }

    private static String column(Column column, Condition.Compare compare) {
        String c = Expressions.column(column);
        if (compare.operator() == Operator.isnull) { // the one operator that looks at NULL itself
            return OperatorSql.ordered(Operator.isnull, c, compare.values());
        }
        if (!column.nullable()) {
            return onKind(column, c, compare);
        }
        return "(isNotNull(" + c + ") AND " + onKind(column, "assumeNotNull(" + c + ")", compare) + ")";
    }

    private static String onKind(Column column, String c, Condition.Compare compare) {
        Operator op = compare.operator();
        return switch (column.kind()) {
            case INTEGER, DECIMAL, DATE, BOOLEAN -> OperatorSql.ordered(op, c, compare.values());
            case TEXT -> OperatorSql.text(op, c, compare.values());
            case LIST -> {
                Operator element = op == Operator.ne ? Operator.eq : op;
                String any = "arrayExists(x -> " + OperatorSql.text(element, "x", compare.values()) + ", " + c + ")";
                yield op == Operator.ne ? "NOT " + any : any;
            }
        };
    }
}
