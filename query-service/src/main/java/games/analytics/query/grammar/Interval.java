package games.analytics.query.grammar;

/**
 * What one request value stands for: a single value ({@code first == last}), or for a partial date the whole
 * month or year it names ({@code 2020} is 2020-01-01..2020-12-31). Comparisons use the end that makes them
 * mean what a person means: {@code gt} is after {@code last}, {@code gte} from {@code first}.
 */
public record Interval(Value first, Value last) {

    public static Interval of(Value value) {
        return new Interval(value, value);
    }

    public boolean single() {
        return first.equals(last);
    }
}
