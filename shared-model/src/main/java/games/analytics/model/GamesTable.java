package games.analytics.model;

import java.time.LocalDate;
import java.util.stream.Collectors;

/**
 * ClickHouse DDL for the games tables; written once here so both services agree. A data table is partitioned by
 * release year, as the design asks: old years can be dropped or one year replaced, a date filter reads only its
 * years, and a sharded cluster carries the same layout. The year is a column of its own, {@value #PARTITION_COLUMN},
 * computed by ClickHouse from release_date (0 for undated games, never a real year's partition): on a non-nullable
 * column every version prunes partitions safely, while 18.16 fails ranges on the minmax index of a Nullable column
 * ("Cannot compare unsigned long with DB::Null"). The costs of many parts are engineered away where they arise: the
 * ingest-service writes rows grouped by year, and the query-service narrows key lookups and pages to the years they
 * touch (docs/data-layout.md).
 */
public final class GamesTable {

    /** Data tables are named {@code games_<ingestion>}; the pointer table says which one queries read. */
    public static final String DATA_TABLE_PREFIX = "games_";
    public static final String POINTER_TABLE = "games_current";
    /** The partition key: MATERIALIZED, so inserts and {@code SELECT *} leave it out and it is never a public column. */
    public static final String PARTITION_COLUMN = "release_year";
    static final String PARTITION_COLUMN_DDL = PARTITION_COLUMN + " UInt16 MATERIALIZED ifNull(toYear("
            + GameColumns.RELEASE_DATE.name() + "), 0)";
    /**
     * Rows per primary-key mark: an app_id lookup reads one granule, 1,024 rows instead of 8,192 (5 ms instead of
     * 22 ms on 100k rows, 18.16); scans and aggregates are within noise of 8,192 (docs/data-layout.md).
     */
    static final int INDEX_GRANULARITY = 1024;

    private GamesTable() {
    }

    /** Each data table's year index is named {@code <table>_years}; it lives and dies with its table. */
    public static final String YEAR_INDEX_SUFFIX = "_years";

    /** The partition a row with this release date lands in, as {@link #PARTITION_COLUMN_DDL} computes it: 0 when undated. */
    public static int releaseYear(LocalDate releaseDate) {
        return releaseDate == null ? 0 : releaseDate.getYear();
    }

    public static String createDataTable(String database, String table) {
        return createDataTable(database, table, "MergeTree");
    }

    /** {@code engine}: MergeTree, or {@link #replicatedEngine} where a cluster's shards have replicas. */
    public static String createDataTable(String database, String table, String engine) {
        String orderBy = GameColumns.ORDER_KEY.stream().map(Column::name).collect(Collectors.joining(", "));
        return "CREATE TABLE IF NOT EXISTS " + Sql.table(database, table) + " (\n" + columns() + ",\n    " + PARTITION_COLUMN_DDL
                + "\n)\nENGINE = " + engine + "\nPARTITION BY " + PARTITION_COLUMN + "\nORDER BY (" + orderBy + ")\n"
                + "SETTINGS index_granularity = " + INDEX_GRANULARITY;
    }

    private static String columns() {
        return GameColumns.ALL.stream().map(c -> "    " + c.name() + " " + c.clickHouseType()).collect(Collectors.joining(",\n"));
    }

    /**
     * On a cluster, a data table's rows live in {@code <table>_local} on every server, and {@code <table>} is the
     * {@code Distributed} table over them: queries name the data table as on one server.
     */
    public static final String LOCAL_SUFFIX = "_local";

    public static String localTable(String table) {
        return table + LOCAL_SUFFIX;
    }

    /** Where a data table's rows are stored on each server: the table itself on one server, its local table on a cluster. */
    public static String localTable(String table, boolean clustered) {
        return clustered ? localTable(table) : table;
    }

    /**
     * The replicated engine of a local table: its replicas share one ZooKeeper path per shard, and each server's
     * {@code shard} and {@code replica} macros say which shard and replica it is.
     */
    public static String replicatedEngine(String database, String localTable) {
        return "ReplicatedMergeTree('/clickhouse/tables/{shard}/" + database + "/" + localTable + "', '{replica}')";
    }

    /**
     * The {@code Distributed} table {@code table} over each server's {@link #localTable}, rows sharded by
     * {@code cityHash64(app_id)} (spread evenly; a lookup's rows are on one shard). The year is an ALIAS here: 18.16
     * forwards a MATERIALIZED column with an insert and the shards refuse it; a condition on it still reaches them as
     * one on their partition key.
     */
    public static String createDistributedTable(String database, String table, String cluster) {
        return "CREATE TABLE IF NOT EXISTS " + Sql.table(database, table) + " (\n" + columns() + ",\n    "
                + PARTITION_COLUMN_DDL.replace(" MATERIALIZED ", " ALIAS ") + "\n)\nENGINE = Distributed("
                + Sql.identifier(cluster) + ", " + Sql.identifier(database) + ", " + Sql.identifier(localTable(table))
                + ", cityHash64(" + GameColumns.ORDER_KEY.getFirst().name() + "))";
    }

    public static String yearIndex(String table) {
        return table + YEAR_INDEX_SUFFIX;
    }

    /**
     * The year index of a data table: each app_id with the year partition its rows are in, one small unpartitioned part.
     * A key lookup finds its years here by opening one part, instead of opening every year's part of the data table
     * for its app_id column (18.16: 3.0 against 5.1 ms for the whole lookup, docs/data-layout.md).
     */
    public static String createYearIndex(String database, String table) {
        Column key = GameColumns.ORDER_KEY.getFirst();
        return "CREATE TABLE IF NOT EXISTS " + Sql.table(database, yearIndex(table)) + " (" + key.name() + " "
                + key.clickHouseType() + ", " + PARTITION_COLUMN + " UInt16) ENGINE = MergeTree ORDER BY " + key.name()
                + " SETTINGS index_granularity = " + INDEX_GRANULARITY;
    }

    /** Fills a data table's year index from its rows, inside ClickHouse. */
    public static String fillYearIndex(String database, String table) {
        String key = GameColumns.ORDER_KEY.getFirst().name();
        return "INSERT INTO " + Sql.table(database, yearIndex(table)) + " SELECT " + key + ", " + PARTITION_COLUMN
                + " FROM " + Sql.table(database, table);
    }

    /**
     * Gives a table made before the partition key its year column (computed when read), so every statement the
     * query-service renders runs on it too; it stays unpartitioned until the next ingestion replaces it.
     */
    public static String addPartitionColumn(String database, String table) {
        return "ALTER TABLE " + Sql.table(database, table) + " ADD COLUMN " + PARTITION_COLUMN_DDL;
    }

    /**
     * One row per successful ingestion; the newest row names the table queries read.
     * Appending a row is atomic on every ClickHouse version, unlike RENAME/EXCHANGE.
     */
    public static String createPointerTable(String database) {
        return "CREATE TABLE IF NOT EXISTS " + Sql.table(database, POINTER_TABLE) + " (" + POINTER_COLUMNS + ") ENGINE = MergeTree ORDER BY version";
    }

    public static final String POINTER_COLUMNS = "version UInt64, table_name String, ingestion_id String, activated_at DateTime";

    public static String selectCurrentTable(String database) {
        return "SELECT table_name FROM " + Sql.table(database, POINTER_TABLE)
                + " ORDER BY version DESC LIMIT 1 FORMAT TabSeparated";
    }
}
