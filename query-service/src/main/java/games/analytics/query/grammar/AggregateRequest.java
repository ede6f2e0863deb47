package games.analytics.query.grammar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET /api/v1/games/aggregate, parsed: filters, group keys, metrics, having (conditions on metrics), order, limit,
 * format.
 */
public record AggregateRequest(List<Condition> filters, List<GroupKey> groups, List<Metric> metrics, List<Condition> having,
                               List<Order> orderBy, int limit, OutputFormat format) {

    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 100_000;
    /** Metrics one request may ask for: a dashboard's dozen with room to spare, not hundreds of quantile states. */
    public static final int MAX_METRICS = 32;
    /** Group keys one request may name (each multiplies the groups, and lists are exploded per element). */
    public static final int MAX_GROUP_KEYS = 4;
    /** Groups returned times metrics per group: an answer stays a few tens of MB at most. */
    public static final int MAX_CELLS = 1_000_000;
    /** Conditions {@code having} may hold. */
    public static final int MAX_HAVING = 32;

    /** Order by the {@code index}-th group key or metric. */
    public record Order(boolean metric, int index, boolean descending) {
    }

    public static AggregateRequest parse(RequestParameters request) {
        request.refuse("aggregates", Reserved.CURSOR, Reserved.FIELDS, Reserved.COUNT, Reserved.COLUMNS);
        List<GroupKey> groups = new ArrayList<>();
        for (String name : items(request.every(Reserved.GROUP_BY))) {
            if (groups.stream().anyMatch(g -> g.name().equals(name))) {
                throw new BadParameterException(Reserved.GROUP_BY, "group_by names " + name + " twice");
            }
            groups.add(GroupKey.parse(name));
        }
        if (groups.size() > MAX_GROUP_KEYS) {
            throw new BadParameterException(Reserved.GROUP_BY, "group_by takes at most " + MAX_GROUP_KEYS + " keys, got " + groups.size());
        }
        Map<String, Metric> metrics = new LinkedHashMap<>();
        List<String> specs = items(request.every(Reserved.METRICS));
        if (specs.size() > MAX_METRICS) {
            throw new BadParameterException(Reserved.METRICS, "metrics takes at most " + MAX_METRICS + " per request, got "
                    + specs.size() + "; ask in several requests");
        }
        for (String spec : specs.isEmpty() ? List.of("count") : specs) {
            Metric metric = Metric.parse(spec);
            metrics.putIfAbsent(metric.name(), metric);
        }
        List<Condition> having = new ArrayList<>();
        if (request.every(Reserved.HAVING).size() > MAX_HAVING) {
            throw new BadParameterException(Reserved.HAVING, "having takes at most " + MAX_HAVING + " conditions");
        }
        for (String condition : request.every(Reserved.HAVING)) {
            having.add(having(condition, metrics));
        }
        int limit = GamesRequest.limit(request.first(Reserved.LIMIT), DEFAULT_LIMIT, MAX_LIMIT);
        if ((long) limit * metrics.size() > MAX_CELLS) {
            throw new BadParameterException(Reserved.LIMIT, "limit times metrics is at most " + MAX_CELLS + " values; "
                    + metrics.size() + " metrics allow a limit up to " + MAX_CELLS / metrics.size());
        }
        return new AggregateRequest(Filters.parse(request.all()), List.copyOf(groups), List.copyOf(metrics.values()), having,
                orderBy(request.first(Reserved.SORT), groups, List.copyOf(metrics.keySet())), limit, OutputFormat.of(request));
    }

    /** {@code having=count__gt=100}: a requested metric, an operator, values of the metric's type. */
    private static Condition having(String condition, Map<String, Metric> metrics) {
        int eq = condition.indexOf('=');
        FilterKey key = FilterKey.parse(eq < 0 ? condition : condition.substring(0, eq));
        if (eq < 0 || key.operator().isEmpty()) {
            throw new BadParameterException(Reserved.HAVING, "having is metric__op=value, e.g. having=count__gt=100; got \"" + condition + "\"");
        }
        Metric metric = Optional.ofNullable(metrics.get(key.name())).orElseThrow(() -> new BadParameterException(
                Reserved.HAVING, "having names a metric that is not requested: \"" + key.name() + "\"; requested: "
                        + String.join(", ", metrics.keySet())));
        Operator op = key.knownOperator().filter(Operator.forMetrics()::contains)
                .orElseThrow(() -> new BadParameterException(Reserved.HAVING, "having operators are " + Operator.names(Operator.forMetrics())));
        return new Condition.Compare(new Condition.MetricTarget(metric), op,
                Values.parse(op, metric.type(), Reserved.HAVING, condition.substring(eq + 1)));
    }

    /**
     * Sort by output names (group keys and metric names); by default the group keys in order. Ties are broken by the
     * group keys not sorted on, in order: otherwise which of several groups with the same count a LIMIT keeps was up
     * to the server (18.16 and current releases kept different ones; VersionParityTest).
     */
    private static List<Order> orderBy(String sort, List<GroupKey> groups, List<String> metricNames) {
        List<Order> orderBy = new ArrayList<>();
        List<String> groupNames = groups.stream().map(GroupKey::name).toList();
        for (String item : sort == null || sort.isBlank() ? new String[0] : sort.split(",")) {
            String name = item.strip();
            boolean descending = name.startsWith("-");
            name = descending ? name.substring(1) : name;
            if (metricNames.contains(name)) {
                orderBy.add(new Order(true, metricNames.indexOf(name), descending));
            } else if (groupNames.contains(name)) {
                orderBy.add(new Order(false, groupNames.indexOf(name), descending));
            } else {
                throw new BadParameterException(Reserved.SORT, "sort takes group keys and metric names here; unknown \"" + name + "\"");
            }
        }
        for (int i = 0; i < groups.size(); i++) {
            int group = i;
            if (orderBy.stream().noneMatch(o -> !o.metric() && o.index() == group)) {
                orderBy.add(new Order(false, i, false));
            }
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
