package games.analytics.query.grammar;

import games.analytics.model.Column;
import games.analytics.model.ColumnKind;
import games.analytics.model.GameColumns;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One aggregate, {@code count} or {@code fn:column}, with a stable output name ({@code avg_price}, {@code p90_price})
 * and the type of its result, which is also the type of its {@code having} values.
 *
 * @param column  null for count
 * @param percent the quantile of {@code p<1-99>}, else 0
 */
public record Metric(Function function, Column column, int percent) {

    /** The aggregate functions, each with the column kinds it takes. */
    public enum Function {
        count(Set.of()), sum(Kinds.NUMERIC), avg(Kinds.NUMERIC), median(Kinds.NUMERIC), stddev(Kinds.NUMERIC),
        var(Kinds.NUMERIC), p(Kinds.NUMERIC), min(Kinds.ORDERED), max(Kinds.ORDERED), distinct(Kinds.ALL),
        /** Shape: population skewness and excess kurtosis, the interquartile range (p75 - p25), max - min. */
        skew(Kinds.NUMERIC), kurt(Kinds.NUMERIC), iqr(Kinds.NUMERIC), range(Kinds.NUMERIC),
        /** The most frequent value (of a list column: element), ties to the smallest; NULLs are not counted. */
        mode(Kinds.ALL),
        /** How many rows have NULL (0 for a column that cannot hold one). */
        nulls(Kinds.ALL);

        private final Set<ColumnKind> kinds;

        Function(Set<ColumnKind> kinds) {
            this.kinds = kinds;
        }

        public boolean takes(ColumnKind kind) {
            return kinds.contains(kind);
        }

        /** How the function is written in {@code metrics=}: p90, not p. */
        public String spelling() {
            return this == p ? "p<1-99>" : name();
        }

        private static final class Kinds {
            static final Set<ColumnKind> NUMERIC = EnumSet.of(ColumnKind.INTEGER, ColumnKind.DECIMAL, ColumnKind.BOOLEAN);
            static final Set<ColumnKind> ORDERED = EnumSet.of(ColumnKind.INTEGER, ColumnKind.DECIMAL, ColumnKind.DATE, ColumnKind.TEXT);
            static final Set<ColumnKind> ALL = EnumSet.allOf(ColumnKind.class);
        }
    }

    /** fn or fn:column, the function names from {@link Function} (p takes its percent: p90). */
    private static final Pattern SPEC = Pattern.compile("(" + java.util.Arrays.stream(Function.values()).filter(f -> f != Function.p)
            .map(Enum::name).collect(java.util.stream.Collectors.joining("|")) + "|p(\\d{1,2}))(?::([a-z_]+))?");
    public static final String HELP = "metrics are count, sum|avg|median|stddev|var|p<1-99>|skew|kurt|iqr|range:<numeric column>,"
            + " min|max:<column>, distinct|mode|nulls:<column>";

    public static Metric parse(String spec) {
        Matcher m = SPEC.matcher(spec.strip());
        if (!m.matches() || (m.group(1).equals("count") != (m.group(3) == null))) {
            throw new BadParameterException(Reserved.METRICS, HELP + "; got \"" + spec + "\"");
        }
        Function function = Function.valueOf(m.group(2) != null ? "p" : m.group(1));
        if (function == Function.count) {
            return new Metric(function, null, 0);
        }
        Column column = GameColumns.byName(m.group(3)).orElseThrow(() -> new BadParameterException(Reserved.METRICS,
                "unknown column \"" + m.group(3) + "\" in metric \"" + spec + "\""));
        if (!function.takes(column.kind())) {
            throw new BadParameterException(Reserved.METRICS, "\"" + spec + "\" needs a column of kind "
                    + function.kinds.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).sorted().toList() + "; " + column.name() + " is "
                    + column.kind().name().toLowerCase(Locale.ROOT));
        }
        int percent = function == Function.p ? Integer.parseInt(m.group(2)) : 0;
        if (function == Function.p && (percent < 1 || percent > 99)) {
            throw new BadParameterException(Reserved.METRICS, "quantiles are p1 to p99, got \"" + spec + "\"");
        }
        return new Metric(function, column, percent);
    }

    /** The output name: count, sum_price, p90_price. */
    public String name() {
        return function == Function.count ? "count" : (function == Function.p ? "p" + percent : function.name()) + "_" + column.name();
    }

    /**
     * What the result is: counts are whole numbers; sums, ranges, minima, maxima and modes keep the column's exact type
     * (a sum or range of booleans is a whole number, a list's mode is an element); averages, deviations, quantiles and
     * shape statistics are Float64.
     */
    public ValueType type() {
        return switch (function) {
            case count, distinct, nulls -> ValueType.INTEGER;
            case sum, range -> column.kind() == ColumnKind.BOOLEAN ? ValueType.INTEGER : ValueType.of(column.kind());
            case avg, median, stddev, var, p, skew, kurt, iqr -> ValueType.FLOAT;
            case min, max, mode -> ValueType.of(column.kind());
        };
    }
}
