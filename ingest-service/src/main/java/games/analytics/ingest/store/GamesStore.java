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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest-service's ClickHouse access: schema, data tables, batch inserts (RowBinary) and the pointer flip, on one
 * server or a cluster (docs/cluster.md). Every call blocks until ClickHouse answered ({@link Calls}). A read's failure is a {@link ClickHouseFailure} (a 503 or 502 to a
 * request); a write's is ClickHouse's own exception, which the job's failure classification reads.
 */
@Singleton
public class GamesStore {

    private static final Logger LOG = LoggerFactory.getLogger(GamesStore.class);

    /**
     * Rows of a data table go through its Distributed table to their shard only once every shard has them: an
     * asynchronous insert would answer OK with a shard down and deliver the rows later, or never.
     */
    private static final Map<String, String> SYNCHRONOUS = Map.of("insert_distributed_sync", "1");

    private final Client client; // the server of clickhouse.url: the pointer, the inserts, the reads
    private final String database;
    private final ClickHouseConnection connection;
    private final ClusterNodes nodes;
    private final ClusterCheck cluster;

    GamesStore(Client client, ClickHouseConnection connection, ClusterNodes nodes) {
        this.client = client;
        this.database = connection.database();
        this.connection = connection;
        this.nodes = nodes;
        this.cluster = new ClusterCheck(connection, nodes);
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
            createOwnTable(GamesTable.POINTER_TABLE, GamesTable.POINTER_COLUMNS, "MergeTree", "", "ORDER BY version");
            return; // a cluster's tables are made with their year column and index
        }
        execute(GamesTable.createPointerTable(database));
        List<String> unpartitioned = lines("SELECT table FROM system.columns WHERE database = " + Sql.string(database)
                + " AND startsWith(table, " + Sql.string(GamesTable.DATA_TABLE_PREFIX) + ") AND table != "
                + Sql.string(GamesTable.POINTER_TABLE) + " GROUP BY table HAVING countIf(name = "
                + Sql.string(GamesTable.PARTITION_COLUMN) + ") = 0 FORMAT TabSeparated");
        for (String table : unpartitioned) {
            execute(GamesTable.addPartitionColumn(database, table));
        }
        for (String table : dataTablesExcept("")) {
            if (!exists(GamesTable.yearIndex(table))) {
                indexYears(table);
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
            onEveryServer(node -> Calls.execute(node, ddl));
        } else {
            execute(ddl);
        }
    }

    /**
     * Builds {@code table}'s year index from its rows (as one part), before queries may read the table; on a cluster
     * each server indexes its own rows (a replica once it holds every part of its shard).
     */
    public void indexYears(String table) {
        onEveryServer(node -> indexOn(node, table));
    }

    /** {@link #indexYears} on one server. */
    public void indexOn(Client server, String table) {
        String local = local(table);
        String index = Sql.table(database, GamesTable.yearIndex(local));
        if (cluster.replicated()) {
            Calls.execute(server, "SYSTEM SYNC REPLICA " + Sql.table(database, local));
        }
        Calls.execute(server, "DROP TABLE IF EXISTS " + index);
        Calls.execute(server, GamesTable.createYearIndex(database, local));
        Calls.execute(server, GamesTable.fillYearIndex(database, local));
        Calls.execute(server, "OPTIMIZE TABLE " + index + " FINAL");
    }

    private boolean exists(String table) {
        return !lines("EXISTS TABLE " + Sql.table(database, table) + " FORMAT TabSeparated").getFirst().equals("0");
    }

    /**
     * Runs {@code step} on every server. Each must succeed, except on replicated shards, where a server down is left
     * behind while every shard has one that took the step: {@link ClusterRepair} brings it up to date once it is back.
     */
    private void onEveryServer(Consumer<Client> step) {
        Map<ClusterNodes.Node, RuntimeException> failed = nodes.each(step);
        if (failed.isEmpty()) {
            return;
        }
        if (cluster.tolerates(failed.keySet())) {
            failed.forEach((node, e) -> LOG.warn("ClickHouse at {} left behind until it is back: {}", node.url(), e.getMessage()));
            return;
        }
        Map.Entry<ClusterNodes.Node, RuntimeException> first = failed.entrySet().iterator().next();
        throw nodes.all().size() == 1 ? first.getValue()
                : new IllegalStateException("ClickHouse at " + first.getKey().url() + ": " + first.getValue().getMessage(), first.getValue());
    }

    /** Where {@code table}'s rows are stored on each server: the table itself, or on a cluster its local table. */
    private String local(String table) {
        return connection.clustered() ? GamesTable.localTable(table) : table;
    }

    /** A data table; on a cluster its local table on every server and the Distributed table over them (on every server too). */
    public void createTable(String table) {
        if (!connection.clustered()) {
            execute(GamesTable.createDataTable(database, table));
            return;
        }
        onEveryServer(node -> createOn(node, table));
    }

    /** A cluster's data table on one server: its local table (replicated where shards have replicas) and the Distributed one. */
    public void createOn(Client server, String table) {
        String local = local(table);
        String engine = cluster.replicated() ? GamesTable.replicatedEngine(database, local) : "MergeTree";
        Calls.execute(server, GamesTable.createDataTable(database, local, engine));
        Calls.execute(server, GamesTable.createDistributedTable(database, table, connection.cluster()));
    }

    /**
     * Merges of a table's parts wait while it is being loaded (each batch is a part): merging them during the
     * load took the cores the load needed (1 GB: 16 parts, merges running alongside); they run once it is published.
     */
    public void mergesPaused(String table, boolean paused) {
        onEveryServer(node -> Calls.execute(node, "SYSTEM " + (paused ? "STOP" : "START") + " MERGES " + Sql.table(database, local(table))));
    }

    /** Merges each partition of {@code table} that has more than one part into one; returns how many it merged. */
    public int mergePartitions(String table) {
        String local = local(table);
        int merged = 0;
        for (ClusterNodes.Node node : nodes.all()) {
            if (!cluster.merges(node)) {
                continue; // a replica: its shard's first replica merges, and the merge is replicated
            }
            List<String> partitions = Calls.lines(node.client(), "SELECT partition FROM system.parts WHERE database = " + Sql.string(database)
                    + " AND table = " + Sql.string(local) + " AND active GROUP BY partition HAVING count() > 1 FORMAT TabSeparated");
            for (String partition : partitions) {
                Calls.execute(node.client(), "OPTIMIZE TABLE " + Sql.table(database, local) + " PARTITION " + Sql.integer(Long.parseLong(partition)) + " FINAL");
            }
            merged += partitions.size();
        }
        return merged;
    }

    /**
     * Drops a data table and its year index (the index first: a data table is never left without it); on a cluster on
     * every server, the Distributed table first. A server that cannot be reached keeps its part of the table until a
     * later job finds it ({@link #dataTablesExcept}).
     */
    public void dropTable(String table) {
        String local = local(table);
        onEveryServer(node -> {
            if (!local.equals(table)) {
                Calls.execute(node, "DROP TABLE IF EXISTS " + Sql.table(database, table));
            }
            Calls.execute(node, "DROP TABLE IF EXISTS " + Sql.table(database, GamesTable.yearIndex(local)));
            Calls.execute(node, "DROP TABLE IF EXISTS " + Sql.table(database, local));
        });
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

    /**
     * Data tables other than {@code keep} (their year indexes go with them): what a successful replace leaves behind.
     * On a cluster, those with a local table on any server, so that a part left on a server that was down is found.
     */
    public List<String> dataTablesExcept(String keep) {
        java.util.Set<String> tables = new java.util.TreeSet<>();
        onEveryServer(node -> {
            for (String name : tablesOn(node)) {
                tables.add(connection.clustered() && name.endsWith(GamesTable.LOCAL_SUFFIX)
                        ? name.substring(0, name.length() - GamesTable.LOCAL_SUFFIX.length()) : name);
            }
        });
        tables.remove(keep);
        return List.copyOf(tables);
    }

    /** The games tables on one server, their year indexes left out. */
    public List<String> tablesOn(Client server) {
        return Calls.lines(server, "SELECT name FROM system.tables WHERE database = " + Sql.string(database)
                + " AND startsWith(name, " + Sql.string(GamesTable.DATA_TABLE_PREFIX) + ")"
                + " AND name != " + Sql.string(GamesTable.POINTER_TABLE)
                + " AND NOT endsWith(name, " + Sql.string(GamesTable.YEAR_INDEX_SUFFIX) + ") FORMAT TabSeparated");
    }

    void execute(String sql) {
        Calls.execute(client, sql);
    }

    /** A TSV answer as lines; only for answers the query itself bounds (a page of jobs or rejects, a table name). */
    List<String> lines(String sql) {
        return Calls.lines(client, sql);
    }
}
