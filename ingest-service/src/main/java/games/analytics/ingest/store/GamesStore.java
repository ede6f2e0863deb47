package games.analytics.ingest.store;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.DataStreamWriter;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import games.analytics.clickhouse.ClickHouseConnection;
import games.analytics.clickhouse.ClickHouseFailure;
import games.analytics.model.GamesTable;
import games.analytics.model.Sql;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ingest-service's ClickHouse access: schema, data tables, batch inserts (RowBinary) and the pointer flip, on one
 * server or a cluster (docs/cluster.md). Every call blocks until ClickHouse answered ({@link Calls}). A read's failure is a {@link ClickHouseFailure} (a 503 or 502 to a
 * request); a write's is ClickHouse's own exception, which the job's failure classification reads.
 */
@Singleton
public class GamesStore {

    /**
     * Rows of a data table go through its Distributed table to their shard only once every shard has them: an
     * asynchronous insert would answer OK with a shard down and deliver the rows later, or never.
     */
    private static final Map<String, String> SYNCHRONOUS = Map.of("insert_distributed_sync", "1");

    private final Client client; // the server of clickhouse.url: the pointer, the inserts, the reads
    private final String database;
    private final ClickHouseConnection connection;
    private final ClusterNodes nodes;
    private final Cluster cluster;
    private final DataTables tables;

    GamesStore(Client client, ClickHouseConnection connection, ClusterNodes nodes, Cluster cluster, DataTables tables) {
        this.client = client;
        this.database = connection.database();
        this.connection = connection;
        this.nodes = nodes;
        this.cluster = cluster;
        this.tables = tables;
    }

    public String database() {
        return database;
    }

    /**
     * Creates the database and the pointer table, and gives data tables made before the partition key their year
     * column and data tables made before the year index their index (the query-service's statements name both);
     * safe to run on every start.
     */
    public void migrate() {
        for (ClusterNodes.Node node : nodes.all()) {
            Calls.execute(node.client(), "CREATE DATABASE IF NOT EXISTS " + Sql.identifier(database));
        }
        if (connection.clustered()) {
            cluster.check();
        }
        createOwnTable(GamesTable.POINTER_TABLE, GamesTable.POINTER_COLUMNS, "MergeTree", "", "ORDER BY version");
        if (connection.clustered()) {
            return; // a cluster's tables are made with their year column and index
        }
        List<String> unpartitioned = lines("SELECT table FROM system.columns WHERE database = " + Sql.string(database)
                + " AND startsWith(table, " + Sql.string(GamesTable.DATA_TABLE_PREFIX) + ") AND table != "
                + Sql.string(GamesTable.POINTER_TABLE) + " GROUP BY table HAVING countIf(name = "
                + Sql.string(GamesTable.PARTITION_COLUMN) + ") = 0 FORMAT TabSeparated");
        for (String table : unpartitioned) {
            execute(GamesTable.addPartitionColumn(database, table));
        }
        for (String table : tables.dataTablesExcept("")) {
            if (!exists(GamesTable.yearIndex(table))) {
                tables.indexYears(table);
            }
        }
    }

    /**
     * Creates one of the service's own tables (the pointer, jobs, rejects): {@code family} is the engine on one server,
     * with {@code args}. Where the cluster's shards have replicas, every server gets a replicated copy (one ZooKeeper
     * path for the whole cluster), so every server and every service instance reads the same rows; otherwise it lives
     * on the CLICKHOUSE_URL server (docs/cluster.md).
     */
    public void createOwnTable(String table, String columns, String family, String args, String orderBy) {
        boolean replicated = connection.clustered() && cluster.replicated();
        String engine = replicated
                ? "Replicated" + family + "('/clickhouse/tables/all/" + database + "/" + table + "', '{shard}-{replica}'" + (args.isEmpty() ? "" : ", " + args) + ")"
                : family + (args.isEmpty() ? "" : "(" + args + ")");
        String ddl = "CREATE TABLE IF NOT EXISTS " + Sql.table(database, table) + " (" + columns + ") ENGINE = " + engine + " " + orderBy;
        if (replicated) {
            cluster.onEveryServer(node -> Calls.execute(node, ddl));
        } else {
            execute(ddl);
        }
    }

    private boolean exists(String table) {
        return !lines("EXISTS TABLE " + Sql.table(database, table) + " FORMAT TabSeparated").getFirst().equals("0");
    }

    /** Streams one batch of RowBinary rows (the registry's columns, in order) written by {@code body} into {@code table}. */
    public void insert(String table, InsertBody body) {
        insert(table, body, ClickHouseFormat.RowBinary);
    }

    /** Inserts a small TSV body (rows we built ourselves) into one of our own tables. */
    void insertTsv(String table, String tsv) {
        insert(table, out -> out.write(tsv.getBytes(StandardCharsets.UTF_8)), ClickHouseFormat.TabSeparated);
    }

    private void insert(String table, InsertBody body, ClickHouseFormat format) {
        DataStreamWriter writer = body::writeTo;
        InsertSettings settings = new InsertSettings();
        if (connection.clustered()) {
            SYNCHRONOUS.forEach(settings::serverSetting);
        }
        Calls.closeQuietly(Calls.await(client.insert(Sql.table(database, table), writer, format, settings)));
    }

    /**
     * Copies the rows of {@code from} into {@code to} inside ClickHouse (append mode starts from the current data), one
     * INSERT per release year: each writes one part, and no block touches more partitions than a server accepts.
     */
    public void copyRows(String from, String to) {
        String year = GamesTable.PARTITION_COLUMN;
        for (String value : lines("SELECT DISTINCT " + year + " FROM " + Sql.table(database, from) + " ORDER BY " + year
                + " FORMAT TabSeparated")) {
            String copy = "INSERT INTO " + Sql.table(database, to) + " SELECT * FROM " + Sql.table(database, from)
                    + " WHERE " + year + " = " + Sql.integer(Long.parseLong(value));
            Calls.closeQuietly(Calls.await(connection.clustered() ? client.execute(copy, Map.copyOf(SYNCHRONOUS)) : client.execute(copy)));
        }
    }

    /** The table queries read now, if any. */
    public Optional<String> currentTable() {
        return lines(GamesTable.selectCurrentTable(database)).stream().findFirst();
    }

    /** The ingestion whose data is served now (the pointer's newest row), if any. */
    public Optional<String> currentIngestion() {
        return lines("SELECT ingestion_id FROM " + Sql.table(database, GamesTable.POINTER_TABLE)
                + " ORDER BY version DESC LIMIT 1 FORMAT TabSeparated").stream().findFirst();
    }

    /** Largest source_row in {@code table}: appended rows continue after it, so source_row stays unique. */
    public long maxSourceRow(String table) {
        return Long.parseLong(lines("SELECT max(source_row) FROM " + Sql.table(database, table) + " FORMAT TabSeparated").getFirst());
    }

    /** Makes {@code table} the one queries read: one appended row, atomic on every version. */
    public void activate(String table, String ingestionId) {
        String row = "(" + Sql.integer(System.currentTimeMillis()) + ", " + Sql.string(table) + ", "
                + Sql.string(ingestionId) + ", now())";
        execute("INSERT INTO " + Sql.table(database, GamesTable.POINTER_TABLE)
                + " (version, table_name, ingestion_id, activated_at) VALUES " + row);
    }

    void execute(String sql) {
        Calls.execute(client, sql);
    }

    /** A TSV answer as lines; only for answers the query itself bounds (a page of jobs or rejects, a table name). */
    List<String> lines(String sql) {
        return Calls.lines(client, sql);
    }
}
