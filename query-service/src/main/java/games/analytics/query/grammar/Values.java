package games.analytics.query.grammar;

import java.util.ArrayList;
import java.util.List;

/** An operator's value text into typed intervals, by the operator's shape and the target's value type. */
final class Values {

    private Values() {
    }

    static List<Interval> parse(Operator op, ValueType type, String parameter, String text) {
        return switch (op.shape()) {
            case ONE -> List.of(type.parse(parameter, text));
            case FLAG -> List.of(ValueType.BOOLEAN.parse(parameter, text));
            case PAIR -> {
                List<String> bounds = list(parameter, text);
                if (bounds.size() != 2) {
                    throw new BadParameterException(parameter, parameter + " takes two values as low,high, got \"" + text + "\"");
                }
                yield List.of(type.parse(parameter, bounds.get(0)), type.parse(parameter, bounds.get(1)));
            }
            case MANY -> list(parameter, text).stream().map(item -> type.parse(parameter, item)).toList();
        };
    }

    /**
     * Splits a comma list; an item in double quotes may contain commas ({@code "Wise Wizard Games, LLC",Valve}),
     * and {@code ""} inside quotes is one quote.
     */
    static List<String> list(String parameter, String value) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < value.length() && value.charAt(i + 1) == '"') {
                    item.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    item.append(c);
                }
            } else if (c == '"' && item.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                item.setLength(0);
            } else if (c == ',') {
                items.add(wasQuoted ? item.toString() : item.toString().strip());
                item.setLength(0);
                wasQuoted = false;
            } else {
                item.append(c);
            }
        }
        if (quoted) {
            throw new BadParameterException(parameter, parameter + " has an unclosed quote: " + value);
        }
        items.add(wasQuoted ? item.toString() : item.toString().strip());
        return items;
    }
}
