package games.analytics.ingest.store;

import com.clickhouse.client.api.Client;
import games.analytics.clickhouse.ClickHouseConnection;
import games.analytics.model.Sql;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers data tables live on, and how a step runs on all of them. What the cluster is, as its servers describe it ({@code system.clusters}): CLICKHOUSE_CLUSTER_NODES must name as many
 * servers of each shard as the shard has, and shards with more than one replica make the local tables {@code ReplicatedMergeTree} (which
 * needs ZooKeeper or Keeper on the servers). Checked at start; a data table is made only after a check passed.
 */
@Singleton
public class Cluster {

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    /** A step failed on one server of the cluster: its URL, and ClickHouse's failure as the cause. */
    public static final class ServerFailed extends IllegalStateException {
        public final String url;

        public ServerFailed(String url, RuntimeException cause) {
            super("ClickHouse at " + url + ": " + cause.getMessage(), cause);
            this.url = url;
        }
    }

    /** The cluster is not as CLICKHOUSE_CLUSTER and CLICKHOUSE_CLUSTER_NODES describe it: the operator's to fix. */
    public static final class Misconfigured extends IllegalStateException {
        public Misconfigured(String message) {
            super(message);
        }
    }

    private final ClickHouseConnection connection;
    private final ClusterNodes nodes;
    private volatile boolean checked;
    private volatile boolean replicated;
    private volatile Set<String> firstReplicas = Set.of(); // URLs of the servers that merge their shard's parts
    private volatile Map<String, String> shardOf = Map.of(); // each server's URL: its shard

    Cluster(ClickHouseConnection connection, ClusterNodes nodes) {
        this.connection = connection;
        this.nodes = nodes;
    }

    synchronized void check() {
        String where = " FROM system.clusters WHERE cluster = " + Sql.string(connection.cluster());
        List<String> described = Calls.lines(nodes.all().getFirst().client(),
                "SELECT shard_num" + where + " ORDER BY shard_num, replica_num FORMAT TabSeparated");
        if (described.isEmpty()) {
            throw new Misconfigured("CLICKHOUSE_CLUSTER=" + connection.cluster() + ": ClickHouse at "
                    + nodes.all().getFirst().url() + " has no such cluster in its remote_servers");
        }
        // a server finds its shard by is_local (18.16 marks every replica of its own shard so, current releases only itself)
        List<String> listed = new ArrayList<>();
        Set<String> first = new HashSet<>();
        Map<String, String> shards = new HashMap<>();
        for (ClusterNodes.Node node : nodes.all()) {
            List<String> self = Calls.lines(node.client(), "SELECT DISTINCT shard_num" + where + " AND is_local FORMAT TabSeparated");
            if (self.size() != 1) {
                throw new Misconfigured("CLICKHOUSE_CLUSTER_NODES: " + node.url() + " is not a server of cluster "
                        + connection.cluster() + " (it finds itself in " + self.size() + " of its shards)");
            }
            if (!listed.contains(self.getFirst())) {
                first.add(node.url()); // the shard's first server listed merges its parts
            }
            listed.add(self.getFirst());
            shards.put(node.url(), self.getFirst());
        }
        listed.sort(Comparator.comparingInt(Integer::parseInt));
        if (!listed.equals(described)) {
            throw new Misconfigured("CLICKHOUSE_CLUSTER_NODES lists servers of shards " + listed + ", cluster " + connection.cluster()
                    + " has servers of shards " + described + ": every server holds a share of each table, so list each once");
        }
        replicated = described.size() > new HashSet<>(described).size();
        firstReplicas = Set.copyOf(first);
        shardOf = Map.copyOf(shards);
        checked = true;
    }

    /** Whether the shards have replicas; checks the cluster first if that has not succeeded yet (a server was still starting). */
    boolean replicated() {
        if (connection.clustered() && !checked) {
            synchronized (this) {
                if (!checked) {
                    check();
                }
            }
        }
        return replicated;
    }

    /**
     * Whether a step that failed on {@code failed} still holds for the data: on replicated shards, when every shard has a
     * server that took it (the others catch up through {@link ClusterRepair} once they are back); otherwise never.
     */
    boolean tolerates(Set<ClusterNodes.Node> failed) {
        if (!replicated()) {
            return failed.isEmpty();
        }
        Set<String> served = new HashSet<>();
        for (ClusterNodes.Node node : nodes.all()) {
            if (!failed.contains(node)) {
                served.add(shardOf.get(node.url()));
            }
        }
        return served.containsAll(shardOf.values());
    }

    /** Whether {@code node} merges its shard's parts: on one server, or its shard's first replica. */
    boolean merges(ClusterNodes.Node node) {
        return !connection.clustered() || firstReplicas.contains(node.url());
    }

    /**
     * Runs {@code step} on every server. Each must succeed, except on replicated shards, where a server down is left
     * behind while every shard has one that took the step: ClusterRepair brings it up to date once it is back.
     */
    void onEveryServer(Consumer<Client> step) {
        Map<ClusterNodes.Node, RuntimeException> failed = nodes.each(step);
        if (failed.isEmpty()) {
            return;
        }
        if (tolerates(failed.keySet())) {
            failed.forEach((node, e) -> LOG.warn("ClickHouse at {} left behind until it is back: {}", node.url(), e.getMessage()));
            return;
        }
        Map.Entry<ClusterNodes.Node, RuntimeException> first = failed.entrySet().iterator().next();
        throw nodes.all().size() == 1 ? first.getValue()
                : new ServerFailed(first.getKey().url(), first.getValue());
    }
}
