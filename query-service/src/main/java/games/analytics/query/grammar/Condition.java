package games.analytics.query.grammar;

import java.util.List;

/** A parsed filter or having condition: typed values, no SQL (sql.ConditionSql renders it). */
public sealed interface Condition {

    /** What a condition compares: a stored column, or (in having) a requested metric. */
    sealed interface Target permits ColumnTarget, MetricTarget {
    }

    record ColumnTarget(games.analytics.model.Column column) implements Target {
    }

    record MetricTarget(Metric metric) implements Target {
    }

    /** {@code target op values}; {@code values} has the operator's shape (one, two, many, a flag). */
    record Compare(Target target, Operator operator, List<Interval> values) implements Condition {
    }

    /** {@code or=(...)}: holds when any alternative does. */
    record AnyOf(List<Compare> alternatives) implements Condition {
    }
}
