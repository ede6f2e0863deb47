package games.analytics.query.sql;

/**
 * Statistics of one column computed from its non-NULL values as a sorted array: the formulas of {@code describe} and
 * of the shape metrics, in one place. ClickHouse 18.16 has no {@code skewPop}, {@code kurtPop} or interpolating
 * quantile, and current releases compute their moments from raw power sums in whatever order the threads merge; here
 * each moment is a sum of {@code (v - mean)^k} over the values in ascending order, two-pass and in a fixed order, so
 * every version (and a plain Java loop over the sorted file) adds the same doubles in the same order. An empty array
 * gives NaN (shown as null); so do a deviation of one value and the shape of values that are all equal.
 *
 * <p>{@code values} is the SQL of an {@code Array(Float64)} sorted ascending. It may be an aggregate expression: ClickHouse
 * evaluates it once per group, also where it is repeated; the lambdas below capture only scalars (the mean).
 */
final class Sorted {

    private Sorted() {
    }

    /** ClickHouse's {@code arraySort(groupArray(...))} of a column as Float64 (NULLs are skipped). */
    static String floats(String column) {
        return "arraySort(groupArray(toFloat64(" + column + ")))";
    }

    static String count(String values) {
        return "length(" + values + ")";
    }

    static String mean(String values) {
        return "(arraySum(" + values + ") / length(" + values + "))";
    }

    /** The sample standard deviation (n - 1), as pandas' {@code std()}: none for fewer than two values. */
    static String sampleStddev(String values) {
        return "if(length(" + values + ") < 2, nan, sqrt(" + powerSum(values, 2) + " / (length(" + values + ") - 1)))";
    }

    /** Population skewness: m3 / (m2 * sqrt(m2)), with m_k the k-th central moment. */
    static String skew(String values) {
        String m2 = moment(values, 2);
        return "(" + moment(values, 3) + " / (" + m2 + " * sqrt(" + m2 + ")))";
    }

    /** Population excess kurtosis: m4 / (m2 * m2) - 3. */
    static String kurt(String values) {
        String m2 = moment(values, 2);
        return "(" + moment(values, 4) + " / (" + m2 + " * " + m2 + ") - 3)";
    }

    static String min(String values) {
        return "if(length(" + values + ") = 0, nan, " + values + "[1])";
    }

    static String max(String values) {
        return "if(length(" + values + ") = 0, nan, " + values + "[length(" + values + ")])";
    }

    /**
     * The quantile at {@code level} interpolated linearly between the two nearest values, as pandas' and numpy's
     * default: at position h = (n - 1) * level, v[floor(h)] + (h - floor(h)) * (v[floor(h) + 1] - v[floor(h)]).
     */
    static String quantile(String values, double level) {
        String h = "((length(" + values + ") - 1) * " + level + ")";
        String at = values + "[toUInt64(floor(" + h + ")) + 1]";
        String next = values + "[toUInt64(floor(" + h + ")) + 2]";
        return "if(length(" + values + ") = 0, nan, " + at + " + (" + h + " - floor(" + h + ")) * (" + next + " - " + at + "))";
    }

    /**
     * The most frequent element of a sorted array of any type, the smallest on a tie, NULL when it is empty: a run of
     * equal values starts where a value differs from the one before it (the array beside its own copy shifted by one);
     * run lengths are the differences of the starts; the first longest run wins. No lambda captures the array (a captured
     * array is copied once per element, which makes the work quadratic), so it stays linear in the group's values.
     */
    static String mode(String values) {
        String before = "arraySlice(arrayPushFront(" + values + ", " + values + "[1]), 1, length(" + values + "))";
        String starts = "arrayFilter((i, a, b) -> i = 1 OR a != b, arrayEnumerate(" + values + "), " + values + ", " + before + ")";
        String lengths = "arrayPopFront(arrayDifference(arrayPushBack(" + starts + ", length(" + values + ") + 1)))";
        return "if(length(" + values + ") = 0, NULL, " + values + "[" + starts + "[indexOf(" + lengths + ", arrayReduce('max', "
                + lengths + "))]])";
    }

    /** The k-th central moment, divided by n. */
    private static String moment(String values, int k) {
        return "(" + powerSum(values, k) + " / length(" + values + "))";
    }

    /** The sum of (v - mean)^k over the values, the powers as products (the same doubles on every version). */
    private static String powerSum(String values, int k) {
        String d = "(v - " + mean(values) + ")";
        return "arraySum(arrayMap(v -> " + String.join(" * ", java.util.Collections.nCopies(k, d)) + ", " + values + "))";
    }
}
