package games.analytics.query;

import games.analytics.model.Sql;
import java.util.ArrayList;
import java.util.List;

/** The GROUP BY query for /api/v1/games/aggregate; aliases g0.., m0.. never shadow column names. */
final class AggregateSql {

    private AggregateSql() {
    }

    static String of(String database, String table, AggregateRequest request) {
        List<String> selected = new ArrayList<>();
        List<String> groupBy = new ArrayList<>();
        for (int i = 0; i < request.groups().size(); i++) {
            selected.add(request.groups().get(i).sql() + " AS g" + i);
            groupBy.add("g" + i);
        }
        for (int i = 0; i < request.metrics().size(); i++) {
            selected.add(request.metrics().get(i).sql() + " AS m" + i);
        }
        return "SELECT " + String.join(", ", selected) + " FROM " + Sql.table(database, table)
                + GamesSql.where(request.filters())
                + (groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy))
                + (request.having().isEmpty() ? "" : " HAVING " + String.join(" AND ", request.having()))
                + (request.orderBy().isEmpty() ? "" : " ORDER BY " + String.join(", ", request.orderBy()))
                + " LIMIT " + request.limit() + " FORMAT TabSeparated";
    }
}
