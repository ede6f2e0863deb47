package games.analytics.query.sql;

import games.analytics.model.Column;
import games.analytics.model.ColumnKind;
import games.analytics.model.GameColumns;
import games.analytics.model.Sql;
import games.analytics.query.grammar.GroupKey;
import games.analytics.query.grammar.Metric;

/**
 * The SQL expression of a column, a metric and a group key. Every metric's result type is explicit, so ClickHouse
 * 18.16 and current releases return the same numbers: sums, minima and maxima keep the column's exact type;
 * averages, deviations, quantiles and shape statistics are Float64 rounded to 6 places (quantiles are exact elements
 * of the data; the shape statistics are summed in a fixed order, {@link Sorted}).
 */
public final class Expressions {

    private Expressions() {
    }

    public static String column(Column column) {
        return Sql.identifier(column.name());
    }

    public static String metric(Metric metric) {
        String c = metric.column() == null ? "" : column(metric.column());
        String asFloat = "toFloat64(" + c + ")";
        return switch (metric.function()) {
            case count -> "count()";
            case sum -> "sum(" + c + ")";
            case avg -> rounded("avg(" + asFloat + ")");
            case median -> rounded("quantileExact(0.5)(" + asFloat + ")");
            case stddev -> rounded("stddevSamp(" + asFloat + ")");
            case var -> rounded("varSamp(" + asFloat + ")");
            case p -> rounded("quantileExact(" + metric.percent() / 100.0 + ")(" + asFloat + ")");
            case min -> "min(" + c + ")";
            case max -> "max(" + c + ")";
            case distinct -> (list(metric) ? "uniqExactArray(" : "uniqExact(") + c + ")";
            case skew -> rounded(Sorted.skew(Sorted.floats(c)));
            case kurt -> rounded(Sorted.kurt(Sorted.floats(c)));
            // the difference of the p75 and p25 metrics, exact elements as theirs are
            case iqr -> rounded("quantileExact(0.75)(" + asFloat + ") - quantileExact(0.25)(" + asFloat + ")");
            case range -> "(max(" + c + ") - min(" + c + "))";
            case mode -> Sorted.mode("arraySort(" + (list(metric) ? "groupArrayArray(" : "groupArray(") + c + "))");
            case nulls -> "(count() - count(" + c + "))";
        };
    }

    private static boolean list(Metric metric) {
        return metric.column().kind() == ColumnKind.LIST;
    }

    private static String rounded(String sql) {
        return "round(" + sql + ", 6)";
    }

    public static String group(GroupKey key) {
        return switch (key) {
            case GroupKey.DateBucket bucket -> (bucket.month() ? "toYYYYMM(" : "toYear(") + column(GameColumns.RELEASE_DATE) + ")";
            case GroupKey.ByColumn byColumn -> byColumn.column().kind() == ColumnKind.LIST
                    ? "arrayJoin(" + column(byColumn.column()) + ")" : column(byColumn.column());
        };
    }
}
