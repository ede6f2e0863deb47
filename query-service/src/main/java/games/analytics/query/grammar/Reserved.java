package games.analytics.query.grammar;

import java.util.List;

/** The reserved parameter names: those that are not column filters (served by /api/v1/schema as reserved). */
public final class Reserved {
    public static final String LIMIT = "limit";
    public static final String CURSOR = "cursor";
    public static final String FIELDS = "fields";
    public static final String SORT = "sort";
    public static final String FORMAT = "format";
    public static final String COUNT = "count";
    public static final String OR = "or";
    public static final String METRICS = "metrics";
    public static final String GROUP_BY = "group_by";
    public static final String HAVING = "having";
    /** The columns /api/v1/games/describe describes. */
    public static final String COLUMNS = "columns";
    public static final List<String> ALL = List.of(LIMIT, CURSOR, FIELDS, SORT, FORMAT, COUNT, OR, METRICS, GROUP_BY, HAVING, COLUMNS);

    private Reserved() {
    }
}
