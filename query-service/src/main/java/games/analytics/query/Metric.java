package games.analytics.query;

import games.analytics.model.Column;
import games.analytics.model.ColumnKind;
import games.analytics.model.GameColumns;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One aggregate, {@code count} or {@code fn:column}, with a stable output name ({@code avg_price},
 * {@code p90_price}). Every result type is explicit so ClickHouse 18.16 and current releases return
 * the same numbers: sums, minima and maxima keep the column's exact type; averages, deviations and
 * quantiles are Float64 rounded to 6 places (quantiles are exact elements of the data).
 *
 * @param literal parses a having value for comparison with this metric
 */
record Metric(String name, String sql, OutputColumn.Render render, Function<String, String> literal) {

    private static final Pattern SPEC = Pattern.compile("(count|sum|avg|min|max|median|stddev|var|distinct|p(\\d{1,2}))(?::([a-z_]+))?");
    private static final Set<ColumnKind> NUMERIC = EnumSet.of(ColumnKind.INTEGER, ColumnKind.DECIMAL, ColumnKind.BOOLEAN);
    private static final Set<ColumnKind> ORDERED = EnumSet.of(ColumnKind.INTEGER, ColumnKind.DECIMAL, ColumnKind.DATE, ColumnKind.TEXT);
    static final String HELP = "metrics are count, sum|avg|median|stddev|var|p<1-99>:<numeric column>, min|max:<column>, distinct:<column>";

    static Metric parse(String spec) {
        Matcher m = SPEC.matcher(spec.strip());
        if (!m.matches() || (m.group(1).equals("count") != (m.group(3) == null))) {
            throw new BadParameterException(Parameters.METRICS, HELP + "; got \"" + spec + "\"");
        }
        String fn = m.group(2) != null ? "p" : m.group(1);
        if (fn.equals("count")) {
            return new Metric("count", "count()", OutputColumn.Render.NUMBER, v -> Literals.of(ColumnKind.INTEGER, Parameters.HAVING, v));
        }
        Column column = GameColumns.byName(m.group(3)).orElseThrow(() -> new BadParameterException(Parameters.METRICS,
                "unknown column \"" + m.group(3) + "\" in metric \"" + spec + "\""));
        String c = Literals.column(column);
        String asFloat = "toFloat64(" + c + ")";
        Function<String, String> sameType = v -> Literals.of(column.kind(), Parameters.HAVING, v);
        return switch (fn) {
            case "sum" -> new Metric("sum_" + column.name(), "sum(" + c + ")", OutputColumn.Render.NUMBER,
                    requireKind(column, NUMERIC, spec, column.kind() == ColumnKind.BOOLEAN
                            ? v -> Literals.of(ColumnKind.INTEGER, Parameters.HAVING, v) : sameType));
            case "avg" -> floating(column, spec, "avg", "avg(" + asFloat + ")");
            case "median" -> floating(column, spec, "median", "quantileExact(0.5)(" + asFloat + ")");
            case "stddev" -> floating(column, spec, "stddev", "stddevSamp(" + asFloat + ")");
            case "var" -> floating(column, spec, "var", "varSamp(" + asFloat + ")");
            case "p" -> {
                int percent = Integer.parseInt(m.group(2));
                if (percent < 1 || percent > 99) {
                    throw new BadParameterException(Parameters.METRICS, "quantiles are p1 to p99, got \"" + spec + "\"");
                }
                yield floating(column, spec, "p" + percent, "quantileExact(" + percent / 100.0 + ")(" + asFloat + ")");
            }
            case "min", "max" -> new Metric(fn + "_" + column.name(), fn + "(" + c + ")", OutputColumn.of(column).render(),
                    requireKind(column, ORDERED, spec, sameType));
            case "distinct" -> new Metric("distinct_" + column.name(),
                    (column.kind() == ColumnKind.LIST ? "uniqExactArray(" : "uniqExact(") + c + ")",
                    OutputColumn.Render.NUMBER, v -> Literals.of(ColumnKind.INTEGER, Parameters.HAVING, v));
            default -> throw new IllegalStateException(fn);
        };
    }

    private static Metric floating(Column column, String spec, String fn, String sql) {
        return new Metric(fn + "_" + column.name(), "round(" + sql + ", 6)", OutputColumn.Render.FLOAT,
                requireKind(column, NUMERIC, spec, v -> Literals.float64(Parameters.HAVING, v)));
    }

    private static <T> T requireKind(Column column, Set<ColumnKind> kinds, String spec, T value) {
        if (!kinds.contains(column.kind())) {
            throw new BadParameterException(Parameters.METRICS, "\"" + spec + "\" needs a column of kind "
                    + kinds.stream().map(k -> k.name().toLowerCase()).toList() + "; " + column.name() + " is " + column.kind().name().toLowerCase());
        }
        return value;
    }
}
