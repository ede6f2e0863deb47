package games.analytics.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Several clickhouse-servers on loopback forming one cluster, as {@code remote_servers} describes it to each of them:
 * {@code shards} shards of {@code replicas} replicas, every server on its own ports with its own data directory, and
 * each with the {@code shard} and {@code replica} macros a replicated table's path names. Each server can be stopped,
 * killed and started again (the fault cases). Needs the clickhouse-server binary, as {@link ClickHouseServer#dedicated()}.
 */
public final class ClickHouseCluster {

    private final String name;
    private final List<List<ClickHouseServer.Dedicated>> shards;

    private ClickHouseCluster(String name, List<List<ClickHouseServer.Dedicated>> shards) {
        this.name = name;
        this.shards = shards;
    }

    public static ClickHouseCluster start(String name, int shards, int replicas) {
        return start(name, shards, replicas, null);
    }

    /** A cluster whose servers coordinate through {@code zooKeeper} (replicated tables, {@code ON CLUSTER}); null: none. */
    public static ClickHouseCluster start(String name, int shards, int replicas, EmbeddedZooKeeper zooKeeper) {
        List<List<ClickHouseServer.Dedicated>> nodes = IntStream.range(0, shards)
                .mapToObj(s -> IntStream.range(0, replicas).mapToObj(r -> ClickHouseServer.prepared()).toList()).toList();
        String remoteServers = remoteServers(name, nodes) + (zooKeeper == null ? ""
                : "    <zookeeper><node index=\"1\"><host>127.0.0.1</host><port>" + zooKeeper.port() + "</port></node></zookeeper>\n");
        for (int s = 0; s < shards; s++) {
            for (int r = 0; r < replicas; r++) {
                // replicas fetch parts from each other over the interserver port, each server's own on loopback
                nodes.get(s).get(r).addConfig("cluster.xml", "<?xml version=\"1.0\"?>\n<yandex>\n" + remoteServers
                        + "    <macros><shard>" + (s + 1) + "</shard><replica>r" + (r + 1) + "</replica></macros>\n"
                        + "    <interserver_http_host>127.0.0.1</interserver_http_host>\n"
                        + "    <interserver_http_port>" + freePort() + "</interserver_http_port>\n</yandex>\n");
            }
        }
        nodes.stream().flatMap(List::stream).forEach(ClickHouseServer.Dedicated::start);
        return new ClickHouseCluster(name, nodes);
    }

    private static int freePort() {
        try {
            return Processes.freePort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code remote_servers} entry: each replica by its native port; a shard's replicas copy among themselves. */
    static String remoteServers(String name, List<List<ClickHouseServer.Dedicated>> shards) {
        String body = shards.stream().map(replicas -> "            <shard>\n"
                + "                <internal_replication>true</internal_replication>\n"
                + replicas.stream().map(node -> "                <replica><host>127.0.0.1</host><port>" + node.tcpPort() + "</port></replica>\n")
                        .collect(Collectors.joining())
                + "            </shard>\n").collect(Collectors.joining());
        return "    <remote_servers>\n        <" + name + ">\n" + body + "        </" + name + ">\n    </remote_servers>\n";
    }

    public String name() {
        return name;
    }

    /** The server of shard {@code shard} (from 0), replica {@code replica} (from 0). */
    public ClickHouseServer.Dedicated node(int shard, int replica) {
        return shards.get(shard).get(replica);
    }

    public List<ClickHouseServer.Dedicated> nodes() {
        List<ClickHouseServer.Dedicated> all = new ArrayList<>();
        shards.forEach(all::addAll);
        return all;
    }

    /** Runs {@code sql} on every server, as DDL without {@code ON CLUSTER} (which needs ZooKeeper) must be run. */
    public void onEachNode(String sql) {
        nodes().forEach(node -> node.server().sql(sql));
    }
}
