package games.analytics.query;

import io.micronaut.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** GET /api/v1/games/aggregate, validated: filters, group keys, metrics, having, sort, limit, format. */
record AggregateRequest(List<String> filters, List<GroupKey> groups, List<Metric> metrics, List<String> having,
                        List<String> orderBy, int limit, OutputFormat format) {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 100_000;

    static AggregateRequest parse(HttpRequest<?> request) {
        var parameters = request.getParameters();
        for (String name : List.of(Parameters.CURSOR, Parameters.FIELDS, Parameters.COUNT)) {
            if (parameters.contains(name)) {
                throw new BadParameterException(name, name + " does not apply to aggregates");
            }
        }
        List<GroupKey> groups = new ArrayList<>();
        for (String name : items(parameters.getAll(Parameters.GROUP_BY))) {
            if (groups.stream().anyMatch(g -> g.name().equals(name))) {
                throw new BadParameterException(Parameters.GROUP_BY, "group_by names " + name + " twice");
            }
            groups.add(GroupKey.parse(name));
        }
        Map<String, Metric> metrics = new LinkedHashMap<>();
        List<String> specs = items(parameters.getAll(Parameters.METRICS));
        for (String spec : specs.isEmpty() ? List.of("count") : specs) {
            Metric metric = Metric.parse(spec);
            metrics.putIfAbsent(metric.name(), metric);
        }
        List<String> having = new ArrayList<>();
        for (String condition : parameters.getAll(Parameters.HAVING)) {
            having.add(having(condition, metrics));
        }
        return new AggregateRequest(Filters.parse(parameters.asMap()), groups, List.copyOf(metrics.values()), having,
                orderBy(parameters.get(Parameters.SORT), groups, metrics),
                GamesRequest.limit(parameters.get(Parameters.LIMIT), DEFAULT_LIMIT, MAX_LIMIT), OutputFormat.of(request));
    }

    List<OutputColumn> columns() {
        List<OutputColumn> columns = new ArrayList<>();
        groups.forEach(g -> columns.add(new OutputColumn(g.name(), g.render())));
        metrics.forEach(m -> columns.add(new OutputColumn(m.name(), m.render())));
        return columns;
    }

    /** {@code having=count__gt=100}: a requested metric, an operator, a value of the metric's type. */
    private static String having(String condition, Map<String, Metric> metrics) {
        int eq = condition.indexOf('=');
        String key = eq < 0 ? condition : condition.substring(0, eq);
        int split = key.lastIndexOf(Conditions.SEPARATOR);
        if (eq < 0 || split < 0) {
            throw new BadParameterException(Parameters.HAVING, "having is metric__op=value, e.g. having=count__gt=100; got \"" + condition + "\"");
        }
        Metric metric = Optional.ofNullable(metrics.get(key.substring(0, split))).orElseThrow(() -> new BadParameterException(
                Parameters.HAVING, "having names a metric that is not requested: \"" + key.substring(0, split) + "\"; requested: "
                        + String.join(", ", metrics.keySet())));
        Operator op = Operator.parse(key.substring(split + Conditions.SEPARATOR.length()))
                .filter(o -> Operator.allowedFor(games.analytics.model.ColumnKind.INTEGER).contains(o) && o != Operator.isnull)
                .orElseThrow(() -> new BadParameterException(Parameters.HAVING, "having operators are eq, ne, gt, gte, lt, lte, between, in"));
        return Conditions.compare(metric.sql(), op, Parameters.HAVING, condition.substring(eq + 1), metric.literal());
    }

    /** Sort by output names (group keys and metric names); by default the group keys in order. */
    private static List<String> orderBy(String sort, List<GroupKey> groups, Map<String, Metric> metrics) {
        List<String> orderBy = new ArrayList<>();
        if (sort == null || sort.isBlank()) {
            for (int i = 0; i < groups.size(); i++) {
                orderBy.add("g" + i + " ASC");
            }
            return orderBy;
        }
        List<String> metricNames = new ArrayList<>(metrics.keySet());
        for (String item : sort.split(",")) {
            String name = item.strip();
            boolean descending = name.startsWith("-");
            name = descending ? name.substring(1) : name;
            String alias = null;
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i).name().equals(name)) {
                    alias = "g" + i;
                }
            }
            if (metricNames.contains(name)) {
                alias = "m" + metricNames.indexOf(name);
            }
            if (alias == null) {
                throw new BadParameterException(Parameters.SORT, "sort takes group keys and metric names here; unknown \"" + name + "\"");
            }
            orderBy.add(alias + (descending ? " DESC" : " ASC"));
        }
        return orderBy;
    }

    private static List<String> items(List<String> values) {
        List<String> items = new ArrayList<>();
        values.forEach(v -> {
            for (String item : v.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        });
        return items;
    }
}
