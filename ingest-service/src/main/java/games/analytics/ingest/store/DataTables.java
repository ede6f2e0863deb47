package games.analytics.ingest.store;

import com.clickhouse.client.api.Client;
import games.analytics.clickhouse.ClickHouseConnection;
import games.analytics.model.GamesTable;
import games.analytics.model.Sql;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data tables' lifecycle on every server that holds them: made, indexed by year, merged, listed, dropped. On one
 * server a data table is one table; on a cluster it is a Distributed table over a local table on every server, and
 * each step runs server by server ({@link Cluster}, docs/cluster.md).
 */
@Singleton
public class DataTables {

    private final String database;
    private final ClickHouseConnection connection;
    private final ClusterNodes nodes;
    private final Cluster cluster;

    DataTables(ClickHouseConnection connection, ClusterNodes nodes, Cluster cluster) {
        this.database = connection.database();
        this.connection = connection;
        this.nodes = nodes;
        this.cluster = cluster;
    }

    /**
     * Builds {@code table}'s year index from its rows (as one part), before queries may read the table; on a cluster
     * each server indexes its own rows (a replica once it holds every part of its shard).
     */
    public void indexYears(String table) {
        cluster.onEveryServer(node -> indexOn(node, table));
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

    private String local(String table) {
        return GamesTable.localTable(table, connection.clustered());
    }

    /** A data table; on a cluster its local table on every server and the Distributed table over them (on every server too). */
    public void createTable(String table) {
        cluster.onEveryServer(node -> createOn(node, table));
    }

    /** A data table on one server; on a cluster its local table (replicated where shards have replicas) and the Distributed one. */
    public void createOn(Client server, String table) {
        if (!connection.clustered()) {
            Calls.execute(server, GamesTable.createDataTable(database, table));
            return;
        }
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
        cluster.onEveryServer(node -> Calls.execute(node, "SYSTEM " + (paused ? "STOP" : "START") + " MERGES " + Sql.table(database, local(table))));
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
        cluster.onEveryServer(node -> {
            if (!local.equals(table)) {
                Calls.execute(node, "DROP TABLE IF EXISTS " + Sql.table(database, table));
            }
            Calls.execute(node, "DROP TABLE IF EXISTS " + Sql.table(database, GamesTable.yearIndex(local)));
            Calls.execute(node, "DROP TABLE IF EXISTS " + Sql.table(database, local));
        });
    }

    /**
     * Data tables other than {@code keep} (their year indexes go with them): what a successful replace leaves behind.
     * On a cluster, those with a local table on any server, so that a part left on a server that was down is found.
     */
    public List<String> dataTablesExcept(String keep) {
        Set<String> tables = new TreeSet<>();
        cluster.onEveryServer(node -> {
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
}
