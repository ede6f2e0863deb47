package games.analytics.system;

import games.analytics.security.testing.TestTokens;
import games.analytics.testing.ClickHouseCluster;
import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.CsvFileServer;
import games.analytics.testing.ServiceJar;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Both packaged services on a cluster of the test harness, as CLICKHOUSE_CLUSTER and CLICKHOUSE_CLUSTER_NODES (every
 * server) configure them, both talking to its first server as the deployment's ClickHouse users; the ingest-service may
 * fetch from {@code files}. Closing stops the services, the file server and every server of the cluster.
 */
final class ClusterServices implements AutoCloseable {

    static final String DB = ClickHouseServer.SERVICE_DATABASE;

    final ClickHouseCluster cluster;
    final CsvFileServer files;
    final ServiceJar ingest;
    final ServiceJar query;

    ClusterServices(ClickHouseCluster cluster, CsvFileServer files, String fileUrl, Map<String, String> ingestSettings) throws Exception {
        this.cluster = cluster;
        this.files = files;
        ClickHouseServer first = cluster.node(0, 0).server();
        Map<String, String> ingestEnv = new HashMap<>(ingestEnvironment(cluster,
                cluster.nodes().stream().map(n -> n.server().url()).collect(Collectors.joining(",")), fileUrl));
        ingestEnv.putAll(ingestSettings);
        ingest = ServiceJar.start(Stack.INGEST_JAR, first, DB, ingestEnv);
        query = ServiceJar.start(Stack.QUERY_JAR, first, DB, Map.of("JWT_SECRET", TestTokens.SECRET, "CLICKHOUSE_CLUSTER", cluster.name(),
                "CLICKHOUSE_USER", first.queryUser().user(), "CLICKHOUSE_PASSWORD", first.queryUser().password()));
    }

    /** An ingest-service's environment on {@code cluster}, as its first server's ingest user, given the servers {@code nodes}. */
    static Map<String, String> ingestEnvironment(ClickHouseCluster cluster, String nodes, String fileUrl) {
        ClickHouseServer first = cluster.node(0, 0).server();
        return Map.of("JWT_SECRET", TestTokens.SECRET, "CLICKHOUSE_CLUSTER", cluster.name(), "CLICKHOUSE_CLUSTER_NODES", nodes,
                "CLICKHOUSE_USER", first.ingestUser().user(), "CLICKHOUSE_PASSWORD", first.ingestUser().password(),
                "INGEST_URL_POLICY_ALLOW", URI.create(fileUrl).getAuthority());
    }

    /** The data table queries read now, as the pointer on the first server says. */
    String currentTable() {
        return cluster.node(0, 0).server().sql("SELECT table_name FROM " + DB + ".games_current ORDER BY version DESC LIMIT 1").strip();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{query, ingest, files}) {
            c.close();
        }
        cluster.nodes().forEach(ClickHouseServer.Dedicated::stop);
    }
}
