package games.analytics.query;

import games.analytics.model.ColumnKind;

/**
 * One ORDER BY expression that is never NULL, so keyset comparisons work: a nullable column sorts as
 * {@code isNull(c), ifNull(c, zero)}, which also puts NULLs last in both directions.
 */
record SortKey(String sql, ColumnKind kind, boolean descending) {

    String orderBy() {
        return sql + (descending ? " DESC" : " ASC");
    }
}
