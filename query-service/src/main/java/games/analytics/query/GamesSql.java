package games.analytics.query;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import games.analytics.model.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the SELECT for a page of games. */
final class GamesSql {

    static final String COLUMNS = GameColumns.ALL.stream().map(Column::name).collect(Collectors.joining(", "));
    static final String ORDER = GameColumns.ORDER_KEY.stream().map(Column::name).collect(Collectors.joining(", "));

    private GamesSql() {
    }

    /** One row more than the page, to know whether there is a next page. */
    static String page(String database, String table, GamesRequest request) {
        List<String> conditions = new ArrayList<>(request.conditions());
        if (request.after() != null) {
            conditions.add(request.after().afterCondition());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return "SELECT " + COLUMNS + " FROM " + Sql.table(database, table) + where
                + " ORDER BY " + ORDER + " LIMIT " + (request.limit() + 1) + " FORMAT TabSeparated";
    }
}
