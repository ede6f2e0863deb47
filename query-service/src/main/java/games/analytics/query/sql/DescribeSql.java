package games.analytics.query.sql;

import games.analytics.model.Column;
import games.analytics.model.Sql;
import games.analytics.query.grammar.DescribeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The describe statement: one read of the filtered rows gathers each column's values (a sorted array per column);
 * those become one row per column, and each statistic is computed from its column's array ({@link Sorted}).
 */
public final class DescribeSql {

    /**
     * One statistic of a describe row, in output order.
     *
     * @param whole a count (an integer), else a Float64 rounded to 6 places
     * @param sql   its SQL over the column's sorted values {@code vals} (and {@code n}, the rows read)
     */
    public record Statistic(String name, boolean whole, UnaryOperator<String> sql) {
    }

    public static final List<Statistic> STATISTICS = List.of(
            new Statistic("count", true, Sorted::count),
            new Statistic("nulls", true, v -> "(n - length(" + v + "))"),
            new Statistic("mean", false, Sorted::mean),
            new Statistic("stddev", false, Sorted::sampleStddev),
            new Statistic("min", false, Sorted::min),
            new Statistic("p25", false, v -> Sorted.quantile(v, 0.25)),
            new Statistic("median", false, v -> Sorted.quantile(v, 0.5)),
            new Statistic("p75", false, v -> Sorted.quantile(v, 0.75)),
            new Statistic("max", false, Sorted::max),
            new Statistic("iqr", false, v -> "(" + Sorted.quantile(v, 0.75) + " - " + Sorted.quantile(v, 0.25) + ")"),
            new Statistic("range", false, v -> "(" + Sorted.max(v) + " - " + Sorted.min(v) + ")"),
            new Statistic("skew", false, Sorted::skew),
            new Statistic("kurt", false, Sorted::kurt));

    /** The name of the first output column, which names the described column. */
    public static final String COLUMN = "column";

    private DescribeSql() {
    }

    public static Statement describe(Source source, DescribeRequest request) {
        List<String> arrays = new ArrayList<>();
        List<String> tuples = new ArrayList<>();
        for (int i = 0; i < request.columns().size(); i++) {
            Column column = request.columns().get(i);
            arrays.add(Sorted.floats(Expressions.column(column)) + " AS s" + i);
            tuples.add("(" + Sql.string(column.name()) + ", s" + i + ")");
        }
        String gathered = "SELECT count() AS n, " + String.join(", ", arrays) + Reads.from(source, request.filters(), List.of());
        String perColumn = "SELECT arrayJoin([" + String.join(", ", tuples) + "]) AS t, t.1 AS col, t.2 AS vals, n FROM (" + gathered + ")";
        List<String> selected = new ArrayList<>(List.of("col"));
        STATISTICS.forEach(s -> selected.add(s.whole() ? s.sql().apply("vals") : "round(" + s.sql().apply("vals") + ", 6)"));
        String sql = "SELECT " + String.join(", ", selected) + " FROM (" + perColumn + ") FORMAT TabSeparated";
        return new Statement(sql, GamesSql.keyLookup(request.filters()), 0, true);
    }
}
