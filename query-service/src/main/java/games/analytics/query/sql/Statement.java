package games.analytics.query.sql;

/**
 * A statement as it travels from the renderer to ClickHouse and on to the output, named rather than passed as a string
 * and loose booleans.
 *
 * @param sql           the SELECT, with its FORMAT
 * @param keyLookup     the filters pin a few app_ids: one thread, the uncompressed cache ({@code clickhouse.QueryThreads})
 * @param hiddenColumns sort terms after the visible fields, for a page's cursor (0 for everything else)
 * @param waitForEnd    ClickHouse finishes the query before it answers ({@code wait_end_of_query}), so a failure is an
 *                      HTTP error rather than text after rows already sent: for bounded answers (pages, counts, aggregates)
 */
public record Statement(String sql, boolean keyLookup, int hiddenColumns, boolean waitForEnd) {
}
