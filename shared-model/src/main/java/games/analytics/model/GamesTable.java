package games.analytics.model;

import java.util.stream.Collectors;

/** ClickHouse DDL for the games tables; written once here so both services agree. */
public final class GamesTable {

    /** Data tables are named {@code games_<ingestion>}; the pointer table says which one queries read. */
    public static final String DATA_TABLE_PREFIX = "games_";
    public static final String POINTER_TABLE = "games_current";

    private GamesTable() {
    }

    public static String createDataTable(String database, String table) {
        String columns = GameColumns.ALL.stream()
                .map(c -> "    " + c.name() + " " + c.clickHouseType())
                .collect(Collectors.joining(",\n"));
        String orderBy = GameColumns.ORDER_KEY.stream().map(Column::name).collect(Collectors.joining(", "));
        return "CREATE TABLE IF NOT EXISTS " + Sql.table(database, table) + " (\n" + columns + "\n)\n"
                // assumeNotNull: 18.16 cannot partition by a Nullable expression; undated rows land in 1970
                + "ENGINE = MergeTree\nPARTITION BY toYear(assumeNotNull(release_date))\nORDER BY (" + orderBy + ")";
    }

    /**
     * One row per successful ingestion; the newest row names the table queries read.
     * Appending a row is atomic on every ClickHouse version, unlike RENAME/EXCHANGE.
     */
    public static String createPointerTable(String database) {
        return "CREATE TABLE IF NOT EXISTS " + Sql.table(database, POINTER_TABLE) + " (\n"
                + "    version UInt64,\n    table_name String,\n    ingestion_id String,\n    activated_at DateTime\n"
                + ") ENGINE = MergeTree ORDER BY version";
    }

    public static String selectCurrentTable(String database) {
        return "SELECT table_name FROM " + Sql.table(database, POINTER_TABLE)
                + " ORDER BY version DESC LIMIT 1 FORMAT TabSeparated";
    }
}
