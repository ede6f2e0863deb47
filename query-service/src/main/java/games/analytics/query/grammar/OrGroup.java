package games.analytics.query.grammar;

import games.analytics.model.GameColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the inside of {@code or=(...)} into conditions. A comma starts a new condition only outside double
 * quotes and only when a real filter key follows it (a column, optionally {@code __} and an operator, then
 * {@code =}); any other comma belongs to the value, so {@code name=a,x=b} is one condition on "a,x=b" and
 * {@code name="a,price=1"} one on the quoted text.
 */
final class OrGroup {

    private OrGroup() {
    }

    static List<String> split(String inside) {
        List<String> conditions = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < inside.length() && inside.charAt(i + 1) == '"') {
                    i++; // "" inside quotes is one quote
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"' && i > 0 && (inside.charAt(i - 1) == '=' || inside.charAt(i - 1) == ',')) {
                quoted = true; // a quoted item, as in the in and between lists
            } else if (c == ',' && !quoted && startsCondition(inside, i + 1)) {
                conditions.add(inside.substring(start, i));
                start = i + 1;
            }
        }
        conditions.add(inside.substring(start));
        return conditions;
    }

    private static boolean startsCondition(String text, int from) {
        int eq = text.indexOf('=', from);
        if (eq < 0) {
            return false;
        }
        FilterKey key = FilterKey.parse(text.substring(from, eq).strip());
        return GameColumns.byName(key.name()).isPresent() && (key.operator().isEmpty() || key.knownOperator().isPresent());
    }
}
