package games.analytics.query.sql;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import games.analytics.model.GamesTable;
import games.analytics.model.Sql;
import games.analytics.query.grammar.Condition;
import games.analytics.query.grammar.Interval;
import games.analytics.query.grammar.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a statement reads: {@code FROM table [PREWHERE ...] [WHERE ...]} with the conditions that narrow the read to
 * the release-year partitions it needs. They never change an answer, only what ClickHouse opens (docs/data-layout.md):
 * <ul>
 *   <li>a key lookup's {@code app_id} condition goes to PREWHERE (18.16 never moves it there; current releases do) and
 *       the years are those of its rows, found first in the same statement in the table's year index (one small part)
 *       instead of in every year's part of the table;</li>
 *   <li>a release_date comparison also bounds {@value GamesTable#PARTITION_COLUMN}, which every version prunes on
 *       (18.16 cannot prune ranges on the Nullable date itself).</li>
 * </ul>
 */
final class Reads {

    static final String YEAR = Sql.identifier(GamesTable.PARTITION_COLUMN);

    private Reads() {
    }

    /**
     * {@code FROM table ...} for {@code filters} (ANDed) and further conditions already rendered ({@code extra}: a
     * cursor's keyset condition).
     */
    static String from(Source source, List<Condition> filters, List<String> extra) {
        String from = " FROM " + source.from();
        List<String> where = new ArrayList<>();
        Optional<Condition> key = filters.stream().filter(GamesSql::pinsKey).findFirst();
        String prewhere = "";
        List<Condition> rest = filters;
        if (key.isPresent()) {
            String pinned = ConditionSql.of(key.get());
            prewhere = " PREWHERE " + pinned;
            where.add(YEAR + " IN (SELECT " + YEAR + " FROM " + source.yearIndex() + " PREWHERE " + pinned + ")");
            rest = filters.stream().filter(c -> c != key.get()).toList();
        }
        where.addAll(yearBounds(filters));
        if (!rest.isEmpty()) {
            where.add(ConditionSql.and(rest));
        }
        where.addAll(extra);
        return from + prewhere + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
    }

    /**
     * {@code FROM table WHERE keys IN (...)}: the rows that the filters, order and limit pick, found first by their keys
     * alone (on each shard), so the other columns are read for those rows only: a page of 50 does not decompress
     * about_game for every matching row (docs/data-layout.md). The caller orders and limits again.
     */
    static String keysFirst(Source source, List<Condition> filters, List<String> extra, String orderAndLimit) {
        String keys = YEAR + ", " + GameColumns.ORDER_KEY.stream().map(Expressions::column).collect(Collectors.joining(", "));
        return " FROM " + source.from() + " WHERE (" + keys + ") IN (SELECT " + keys + from(source.onShard(), filters, extra)
                + orderAndLimit + ")";
    }

    /** Bounds on the year implied by the top-level release_date comparisons (inside {@code or=(...)} nothing is implied). */
    static List<String> yearBounds(List<Condition> filters) {
        List<String> bounds = new ArrayList<>();
        for (Condition condition : filters) {
            if (condition instanceof Condition.Compare compare
                    && compare.target() instanceof Condition.ColumnTarget(Column column) && column.equals(GameColumns.RELEASE_DATE)) {
                List<Interval> v = compare.values();
                switch (compare.operator()) {
                    case eq, between, in -> {
                        bounds.add(YEAR + " >= " + Sql.integer(v.stream().mapToInt(i -> year(i.first())).min().orElseThrow()));
                        bounds.add(YEAR + " <= " + Sql.integer(v.stream().mapToInt(i -> year(i.last())).max().orElseThrow()));
                    }
                    case gt -> bounds.add(YEAR + " >= " + Sql.integer(year(v.getFirst().last())));
                    case gte -> bounds.add(YEAR + " >= " + Sql.integer(year(v.getFirst().first())));
                    // a date compares only with dated rows, whose year is never 0: the undated partition is skipped too
                    case lt -> bounds.add("(" + YEAR + " BETWEEN 1 AND " + Sql.integer(year(v.getFirst().first())) + ")");
                    case lte -> bounds.add("(" + YEAR + " BETWEEN 1 AND " + Sql.integer(year(v.getFirst().last())) + ")");
                    case ne, isnull, contains, exact, startswith -> {
                        // no bound: ne and isnull hold for rows of every year, the rest do not take dates
                    }
                }
            }
        }
        return bounds;
    }

    private static int year(Value value) {
        return ((Value.Day) value).value().getYear();
    }
}
