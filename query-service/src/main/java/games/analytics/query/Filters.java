package games.analytics.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WHERE part shared by row and aggregate queries: every {@code column[__op]=value} parameter
 * (ANDed, repeats included) plus {@code or=(cond,cond,...)} groups (each group ORed inside, groups ANDed).
 */
final class Filters {

    /** A comma starts a new condition in an or-group only when a column[__op]= follows it. */
    private static final Pattern NEXT_CONDITION = Pattern.compile(",(?=\\s*[a-z_]+(__[a-z]+)?=)");
    private static final Pattern GROUP = Pattern.compile("^\\((.*)\\)$", Pattern.DOTALL);

    private Filters() {
    }

    static List<String> parse(Map<String, List<String>> parameters) {
        List<String> conditions = new ArrayList<>();
        parameters.forEach((key, values) -> {
            if (key.equals(Parameters.OR)) {
                values.forEach(group -> conditions.add(orGroup(group)));
            } else if (!Parameters.ALL.contains(key)) {
                values.forEach(value -> conditions.add(Conditions.parse(key, value)));
            }
        });
        return conditions;
    }

    private static String orGroup(String group) {
        Matcher m = GROUP.matcher(group.strip());
        if (!m.matches() || m.group(1).isBlank()) {
            throw new BadParameterException(Parameters.OR, "or takes (cond,cond,...) such as or=(price__lt=1,positive__gt=10000), got \"" + group + "\"");
        }
        List<String> alternatives = new ArrayList<>();
        for (String condition : NEXT_CONDITION.split(m.group(1))) {
            int eq = condition.indexOf('=');
            if (eq <= 0) {
                throw new BadParameterException(Parameters.OR, "each condition in or=(...) is column[__op]=value, got \"" + condition + "\"");
            }
            String key = condition.substring(0, eq).strip();
            if (Parameters.ALL.contains(key)) {
                throw new BadParameterException(Parameters.OR, key + " cannot be used inside or=(...)");
            }
            alternatives.add(Conditions.parse(key, condition.substring(eq + 1)));
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }
}
