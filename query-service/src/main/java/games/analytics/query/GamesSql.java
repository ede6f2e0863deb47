package games.analytics.query;

import games.analytics.model.Column;
import games.analytics.model.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** SELECTs for /api/v1/games. */
final class GamesSql {

    private GamesSql() {
    }

    /** Visible fields, then the sort keys (hidden, for the cursor); one row more than the page when paged. */
    static String rows(String database, String table, GamesRequest request) {
        List<String> conditions = new ArrayList<>(request.filters());
        if (request.after() != null) {
            conditions.add(request.sort().after(request.after()));
        }
        List<String> selected = new ArrayList<>(request.fields().stream().map(Column::name).map(Sql::identifier).toList());
        selected.addAll(request.sort().selected());
        return "SELECT " + String.join(", ", selected) + " FROM " + Sql.table(database, table) + where(conditions)
                + " ORDER BY " + request.sort().orderBy()
                + " LIMIT " + (request.format().paged() ? request.limit() + 1 : request.limit()) + " FORMAT TabSeparated";
    }

    static String count(String database, String table, List<String> filters) {
        return "SELECT count() FROM " + Sql.table(database, table) + where(filters) + " FORMAT TabSeparated";
    }

    static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + conditions.stream().collect(Collectors.joining(" AND "));
    }
}
