package games.analytics.query.grammar;

import java.util.Optional;

/**
 * A filter key as requests write it, {@code name} or {@code name__op}: the one place the separator is split (filters,
 * {@code or=(...)} groups and {@code having} all read their keys through it). The operator part is as written; whether
 * it names an operator, and one the target takes, is for the caller to say.
 */
public record FilterKey(String name, Optional<String> operator) {

    public static final String SEPARATOR = "__";

    public static FilterKey parse(String key) {
        int split = key.lastIndexOf(SEPARATOR);
        return split < 0 ? new FilterKey(key, Optional.empty())
                : new FilterKey(key.substring(0, split), Optional.of(key.substring(split + SEPARATOR.length())));
    }

    /** The operator named, if it is one of the table's. */
    public Optional<Operator> knownOperator() {
        return operator.flatMap(Operator::named);
    }
}
