package games.analytics.query.sql;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import games.analytics.query.grammar.AggregateRequest;
import games.analytics.query.grammar.Condition;
import games.analytics.query.grammar.GamesRequest;
import games.analytics.query.grammar.Operator;
import java.util.ArrayList;
import java.util.List;

/** The statements, one method each: the rows of /api/v1/games, their count, and the aggregate. */
public final class GamesSql {

    /** An app_id__in with at most this many values still reads only a few granules. */
    static final int KEY_LOOKUP_VALUES = 16;
    /**
     * Up to this many rows, a row query first finds its rows' keys under the filter and sort, then reads the other
     * columns of those rows only: a page of 50 no longer decompresses about_game for every matching row. Servers that
     * read lazily by themselves get the one-pass form, which is faster there (docs/data-layout.md).
     */
    static final int KEYS_FIRST_ROWS = 1000;

    private GamesSql() {
    }

    /**
     * Whether the filters pin the table's sort key: a top-level {@code app_id = x} (or {@code app_id__in} of up to
     * {@value #KEY_LOOKUP_VALUES} values) ANDed with the rest reads one 1,024-row granule per value, whatever else
     * the request asks. Inside {@code or=(...)} it pins nothing.
     */
    public static boolean keyLookup(List<Condition> filters) {
        return filters.stream().anyMatch(GamesSql::pinsKey);
    }

    static boolean pinsKey(Condition condition) {
        return condition instanceof Condition.Compare compare
                && compare.target() instanceof Condition.ColumnTarget(Column column) && column.equals(GameColumns.ORDER_KEY.getFirst())
                && (compare.operator() == Operator.eq
                    || compare.operator() == Operator.in && compare.values().size() <= KEY_LOOKUP_VALUES);
    }

    /**
     * Visible fields, then for a page the sort terms (hidden, for its cursor) and one row more than the page. A stream
     * (ndjson, csv) has no cursor and leaves them out: ~19% of a CSV export's bytes from ClickHouse.
     */
    public static Statement rows(Source source, GamesRequest request) {
        return rows(source, request, false);
    }

    /** {@code readsLazily}: the server reads an ORDER BY ... LIMIT's other columns for the kept rows only (25.4+). */
    public static Statement rows(Source source, GamesRequest request, boolean readsLazily) {
        List<String> after = request.after() == null ? List.of() : List.of(SortSql.after(request.sort(), request.after()));
        List<String> selected = new ArrayList<>(request.fields().stream().map(Expressions::column).toList());
        request.sort().terms().stream().limit(hiddenColumns(request)).map(SortSql::term).forEach(selected::add);
        String orderAndLimit = " ORDER BY " + SortSql.orderBy(request.sort())
                + " LIMIT " + (request.format().paged() ? request.limit() + 1 : request.limit());
        boolean lookup = keyLookup(request.filters());
        String from = Reads.from(source, request.filters(), after);
        if (!readsLazily && !lookup && request.limit() <= KEYS_FIRST_ROWS && !GameColumns.ORDER_KEY.containsAll(request.fields())) {
            from = Reads.keysFirst(source, request.filters(), after, orderAndLimit);
        }
        String sql = "SELECT " + String.join(", ", selected) + from + orderAndLimit + " FORMAT TabSeparated";
        // a lookup sorts its few rows before the first byte leaves, so ClickHouse need not hold its answer
        // (wait_end_of_query cost it 0.11-0.13 of 1.1-1.5 ms); a late failure still becomes an HTTP error
        return new Statement(sql, lookup, hiddenColumns(request), request.format().paged() && !lookup);
    }

    /** How many hidden sort columns follow the visible ones in {@link #rows}. */
    static int hiddenColumns(GamesRequest request) {
        return request.format().paged() ? request.sort().terms().size() : 0;
    }

    public static Statement count(Source source, List<Condition> filters) {
        return new Statement("SELECT count()" + Reads.from(source, filters, List.of()) + " FORMAT TabSeparated",
                keyLookup(filters), 0, true);
    }

    /** GROUP BY with aliases g0.., m0.., which never shadow column names. */
    public static Statement aggregate(Source source, AggregateRequest request) {
        List<String> selected = new ArrayList<>();
        List<String> groupBy = new ArrayList<>();
        for (int i = 0; i < request.groups().size(); i++) {
            selected.add(Expressions.group(request.groups().get(i)) + " AS g" + i);
            groupBy.add("g" + i);
        }
        for (int i = 0; i < request.metrics().size(); i++) {
            selected.add(Expressions.metric(request.metrics().get(i)) + " AS m" + i);
        }
        List<String> orderBy = request.orderBy().stream()
                .map(o -> (o.metric() ? "m" : "g") + o.index() + (o.descending() ? " DESC" : " ASC")).toList();
        String sql = "SELECT " + String.join(", ", selected) + Reads.from(source, request.filters(), List.of())
                + (groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy))
                + (request.having().isEmpty() ? "" : " HAVING " + ConditionSql.and(request.having()))
                + (orderBy.isEmpty() ? "" : " ORDER BY " + String.join(", ", orderBy))
                + " LIMIT " + request.limit() + " FORMAT TabSeparated";
        return new Statement(sql, keyLookup(request.filters()), 0, true);
    }
}
