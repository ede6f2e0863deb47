package games.analytics.ingest.run;

import games.analytics.clickhouse.ClickHouseConnection;
import games.analytics.ingest.store.ClusterNodes;
import games.analytics.ingest.store.DataTables;
import games.analytics.ingest.store.GamesStore;
import games.analytics.model.GamesTable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a cluster whose shards have replicas, a replica that was down while a table was made is left behind (the other
 * replica of its shard took the rows). Once it answers again, this gives it the current table: its
 * ReplicatedMergeTree copy fetches the shard's rows from the other replica, then it builds its year index. Runs at
 * start, before each job and every {@code ingest.cluster-repair-interval} (INGEST_CLUSTER_REPAIR_INTERVAL, 1 minute).
 * Tables of earlier jobs it still holds go before the next job, with every other leftover.
 */
@Singleton
public class ClusterRepair {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRepair.class);

    private final GamesStore store;
    private final DataTables tables;
    private final ClusterNodes nodes;
    private final boolean clustered;

    ClusterRepair(GamesStore store, DataTables tables, ClusterNodes nodes, ClickHouseConnection connection) {
        this.store = store;
        this.tables = tables;
        this.nodes = nodes;
        this.clustered = connection.clustered();
    }

    @Scheduled(initialDelay = "${ingest.cluster-repair-interval:1m}", fixedDelay = "${ingest.cluster-repair-interval:1m}")
    void scheduled() {
        repair();
    }

    /** Gives each server that answers and lacks the current table its copy; how many servers got one. */
    public synchronized int repair() {
        if (!clustered) {
            return 0;
        }
        Optional<String> current;
        try {
            current = store.currentTable();
        } catch (RuntimeException e) {
            LOG.warn("cluster repair: the current table is unknown: {}", e.getMessage());
            return 0;
        }
        if (current.isEmpty()) {
            return 0;
        }
        String table = current.get();
        int repaired = 0;
        for (ClusterNodes.Node node : nodes.all()) {
            try {
                List<String> has = tables.tablesOn(node.client());
                if (!has.contains(table) || !has.contains(GamesTable.localTable(table))) {
                    tables.createOn(node.client(), table);
                    tables.indexOn(node.client(), table);
                    LOG.info("cluster repair: ClickHouse at {} has the current table {} again", node.url(), table);
                    repaired++;
                }
            } catch (RuntimeException e) {
                LOG.debug("cluster repair: ClickHouse at {} is still out of reach: {}", node.url(), e.getMessage());
            }
        }
        return repaired;
    }
}
