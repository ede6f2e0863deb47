package games.analytics.query.grammar;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The filter part shared by row and aggregate requests: every {@code column[__op]=value} parameter (ANDed,
 * repeats included) plus {@code or=(cond,cond,...)} groups (each group ORed inside, groups ANDed).
 */
public final class Filters {

    private Filters() {
    }

    public static List<Condition> parse(Map<String, List<String>> parameters) {
        List<Condition> conditions = new ArrayList<>();
        parameters.forEach((key, values) -> {
            if (key.equals(Reserved.OR)) {
                values.forEach(group -> conditions.add(orGroup(group)));
            } else if (!Reserved.ALL.contains(key)) {
                values.forEach(value -> conditions.add(condition(key, value)));
            }
        });
        return conditions;
    }

    /** {@code key} is {@code column} or {@code column__op}. */
    static Condition.Compare condition(String key, String value) {
        FilterKey filter = FilterKey.parse(key);
        Column column = GameColumns.byName(filter.name()).orElseThrow(() -> new BadParameterException(key,
                "unknown parameter \"" + key + "\"; filter on one of: " + columnNames()
                        + " (optionally as column__op), or use " + String.join(", ", Reserved.ALL)));
        List<Operator> allowed = Operator.allowed(column);
        Operator operator = filter.operator().isEmpty() ? Operator.defaultFor(column.kind())
                : filter.knownOperator().filter(allowed::contains).orElseThrow(() ->
                        new BadParameterException(key, "\"" + filter.operator().get() + "\" does not apply to "
                                + column.name() + " (" + column.kind().name().toLowerCase() + "); use one of: " + Operator.names(allowed)));
        return new Condition.Compare(new Condition.ColumnTarget(column), operator,
                Values.parse(operator, ValueType.of(column.kind()), key, value));
    }

    private static Condition orGroup(String group) {
        String body = group.strip();
        if (body.length() < 3 || body.charAt(0) != '(' || body.charAt(body.length() - 1) != ')') {
            throw new BadParameterException(Reserved.OR, "or takes (cond,cond,...) such as or=(price__lt=1,positive__gt=10000), got \"" + group + "\"");
        }
        List<Condition.Compare> alternatives = new ArrayList<>();
        for (String condition : OrGroup.split(body.substring(1, body.length() - 1))) {
            int eq = condition.indexOf('=');
            if (eq <= 0) {
                throw new BadParameterException(Reserved.OR, "each condition in or=(...) is column[__op]=value, got \"" + condition + "\"");
            }
            String key = condition.substring(0, eq).strip();
            if (Reserved.ALL.contains(key)) {
                throw new BadParameterException(Reserved.OR, key + " cannot be used inside or=(...)");
            }
            alternatives.add(condition(key, condition.substring(eq + 1)));
        }
        return new Condition.AnyOf(List.copyOf(alternatives));
    }

    public static String columnNames() {
        return GameColumns.ALL.stream().map(Column::name).collect(Collectors.joining(", "));
    }
}
