package games.analytics.ingest.store;

import games.analytics.clickhouse.ClickHouseConnection;
import games.analytics.model.Sql;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the cluster is, as its servers describe it ({@code system.clusters}): CLICKHOUSE_CLUSTER_NODES must name each
 * server exactly once, and shards with more than one replica make the local tables {@code ReplicatedMergeTree} (which
 * needs ZooKeeper or Keeper on the servers). Checked at start; a data table is made only after a check passed.
 */
final class ClusterCheck {

    private final ClickHouseConnection connection;
    private final ClusterNodes nodes;
    private volatile boolean checked;
    private volatile boolean replicated;
    private volatile Set<String> firstReplicas = Set.of(); // URLs of the servers that merge their shard's parts

    ClusterCheck(ClickHouseConnection connection, ClusterNodes nodes) {
        this.connection = connection;
        this.nodes = nodes;
    }

    void check() {
        String where = " FROM system.clusters WHERE cluster = " + Sql.string(connection.cluster());
        List<String> described = Calls.lines(nodes.all().getFirst().client(),
                "SELECT shard_num, replica_num" + where + " ORDER BY shard_num, replica_num FORMAT TabSeparated");
        if (described.isEmpty()) {
            throw new IllegalStateException("CLICKHOUSE_CLUSTER=" + connection.cluster() + ": ClickHouse at "
                    + nodes.all().getFirst().url() + " has no such cluster in its remote_servers");
        }
        Set<String> listed = new TreeSet<>();
        Set<String> first = new HashSet<>();
        for (ClusterNodes.Node node : nodes.all()) {
            List<String> self = Calls.lines(node.client(), "SELECT shard_num, replica_num" + where + " AND is_local FORMAT TabSeparated");
            if (self.size() != 1) {
                throw new IllegalStateException("CLICKHOUSE_CLUSTER_NODES: " + node.url() + " is not one server of cluster "
                        + connection.cluster() + " (it finds itself there " + self.size() + " times)");
            }
            if (!listed.add(self.getFirst())) {
                throw new IllegalStateException("CLICKHOUSE_CLUSTER_NODES names the server of shard and replica " + self.getFirst().replace('\t', '/') + " twice");
            }
            if (self.getFirst().endsWith("\t1")) {
                first.add(node.url());
            }
        }
        if (!listed.equals(new TreeSet<>(described))) {
            throw new IllegalStateException("CLICKHOUSE_CLUSTER_NODES names " + listed.size() + " of the " + described.size()
                    + " servers of cluster " + connection.cluster() + ": every server holds a share of each table, so list them all");
        }
        replicated = described.stream().anyMatch(line -> !line.endsWith("\t1"));
        firstReplicas = Set.copyOf(first);
        checked = true;
    }

    /** Whether the shards have replicas; refuses to answer before the cluster was checked. */
    boolean replicated() {
        if (connection.clustered() && !checked) {
            throw new IllegalStateException("the cluster " + connection.cluster() + " has not been checked yet (see the start-up log)");
        }
        return replicated;
    }

    /** Whether {@code node} merges its shard's parts: on one server, or its shard's first replica. */
    boolean merges(ClusterNodes.Node node) {
        return !connection.clustered() || firstReplicas.contains(node.url());
    }
}
