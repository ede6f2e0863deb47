package games.analytics.query.sql;

import games.analytics.model.GamesTable;
import games.analytics.model.Sql;

/**
 * What a statement reads: the data table {@code table} and, for its subqueries, {@code local}. On one server both
 * are the data table. On a cluster {@code table} is the {@code Distributed} table and {@code local} each server's own
 * part of the rows: a subquery inside a distributed statement runs on every shard as written, so it must name the
 * local table (naming the Distributed one again is refused as "double-distributed") and it finds that shard's rows.
 */
public record Source(String database, String table, String local) {

    public Source {
        Sql.table(database, table);
        Sql.table(database, local);
    }

    /** The data table {@code table} of one server, or of a cluster when {@code clustered}. */
    public static Source of(String database, String table, boolean clustered) {
        return new Source(database, table, GamesTable.localTable(table, clustered));
    }

    public static Source of(String database, String table) {
        return of(database, table, false);
    }

    /** The same rows as each shard reads them: for a subquery. */
    Source onShard() {
        return new Source(database, local, local);
    }

    String from() {
        return Sql.table(database, table);
    }

    String yearIndex() {
        return Sql.table(database, GamesTable.yearIndex(local));
    }
}
