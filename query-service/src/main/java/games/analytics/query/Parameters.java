package games.analytics.query;

import java.util.List;

/** Names of the request parameters that are not column filters. */
final class Parameters {
    static final String LIMIT = "limit";
    static final String CURSOR = "cursor";
    static final String FIELDS = "fields";
    static final String SORT = "sort";
    static final String FORMAT = "format";
    static final String COUNT = "count";
    static final String OR = "or";
    static final String METRICS = "metrics";
    static final String GROUP_BY = "group_by";
    static final String HAVING = "having";
    static final List<String> ALL = List.of(LIMIT, CURSOR, FIELDS, SORT, FORMAT, COUNT, OR, METRICS, GROUP_BY, HAVING);

    private Parameters() {
    }
}
