package games.analytics.ingest.store;

import com.clickhouse.client.api.Client;
import games.analytics.clickhouse.ClickHouseConnection;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every server that holds data tables, each with its own client: the one server, or on a cluster each server listed
 * in {@code clickhouse.cluster-nodes} (CLICKHOUSE_CLUSTER_NODES, their HTTP URLs). A data table's DDL, its merges and
 * its year index run on each server in turn rather than {@code ON CLUSTER}: that needs ZooKeeper or Keeper, which a
 * cluster without replicas does not have, and 18.16 runs neither OPTIMIZE nor SYSTEM statements on a cluster. The
 * list is checked against the cluster's own description at start ({@link GamesStore#migrate}).
 */
@Singleton
public class ClusterNodes {

    /** A server: its HTTP URL and client. */
    public record Node(String url, Client client) {
    }

    private final List<Node> nodes = new ArrayList<>();
    private final List<Client> own = new ArrayList<>();

    ClusterNodes(ClickHouseConnection connection, Client client, @Value("${clickhouse.cluster-nodes:}") String urls,
                 @Value("${clickhouse.socket-timeout:120s}") Duration socketTimeout,
                 @Value("${clickhouse.keep-alive:" + ClickHouseConnection.DEFAULT_KEEP_ALIVE_SECONDS + "s}") Duration keepAlive) {
        List<String> listed = Arrays.stream(urls.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList();
        if (!connection.clustered()) {
            if (!listed.isEmpty()) {
                throw new IllegalStateException("CLICKHOUSE_CLUSTER_NODES is set but CLICKHOUSE_CLUSTER is not: name the cluster, or unset both for one server");
            }
            nodes.add(new Node(connection.url(), client));
            return;
        }
        if (listed.isEmpty()) {
            throw new IllegalStateException("CLICKHOUSE_CLUSTER=" + connection.cluster()
                    + " needs CLICKHOUSE_CLUSTER_NODES: the HTTP URL of every server of the cluster, comma-separated");
        }
        for (String url : listed) {
            URI.create(url); // a malformed URL fails here, at start, with its text
            // as the factory makes the client of clickhouse.url: same timeouts, and an insert's call is never resent
            Client node = connection.at(url).newClient(socketTimeout.toSeconds(), keepAlive, false);
            own.add(node);
            nodes.add(new Node(url, node));
        }
    }

    public List<Node> all() {
        return nodes;
    }

    /**
     * Runs {@code step} on every server; one failing does not stop the others. The failures, by server (empty: all
     * succeeded).
     */
    Map<Node, RuntimeException> each(Consumer<Client> step) {
        Map<Node, RuntimeException> failed = new LinkedHashMap<>();
        for (Node node : nodes) {
            try {
                step.accept(node.client());
            } catch (RuntimeException e) {
                failed.put(node, e);
            }
        }
        return failed;
    }

    @PreDestroy
    void close() {
        own.forEach(Client::close);
    }
}
