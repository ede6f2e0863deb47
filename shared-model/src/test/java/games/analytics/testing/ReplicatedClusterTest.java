package games.analytics.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.model.GamesTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One shard of two 18.16 replicas coordinated by a ZooKeeper, as the harness starts them: a replicated games table
 * copies an insert to the other replica, and with ZooKeeper down an insert fails (the tables turn read-only) while reads keep answering.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedClusterTest {

    static final String DB = "games";
    static final String LOCAL = GamesTable.localTable("games_all");
    static EmbeddedZooKeeper zooKeeper;
    static ClickHouseCluster cluster;
    static long rows;

    @BeforeAll
    static void load() throws Exception {
        zooKeeper = EmbeddedZooKeeper.start();
        cluster = ClickHouseCluster.start("games_replicas", 1, 2, zooKeeper);
        cluster.onEachNode("CREATE DATABASE IF NOT EXISTS " + DB);
        cluster.onEachNode(GamesTable.createDataTable(DB, LOCAL, GamesTable.replicatedEngine(DB, LOCAL)));
        cluster.onEachNode(GamesTable.createDistributedTable(DB, "games_all", cluster.name()));
        cluster.node(0, 0).server().insert(DB + "." + LOCAL, "RowBinary", TestDataset.rowBinary(TestData.bytes(TestData.UPSTREAM_1000)));
        rows = TestDataset.records(TestData.bytes(TestData.UPSTREAM_1000)).size() - 1;
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.nodes().forEach(ClickHouseServer.Dedicated::stop);
        }
        if (zooKeeper != null) {
            zooKeeper.stop();
        }
    }

    @Test
    @Order(1)
    void anInsertReachesTheOtherReplica() {
        ClickHouseServer second = cluster.node(0, 1).server();
        second.sql("SYSTEM SYNC REPLICA " + DB + "." + LOCAL);
        String sums = "SELECT count(), sum(app_id), sum(positive) FROM " + DB + "." + LOCAL;
        assertEquals(cluster.node(0, 0).server().sql(sums), second.sql(sums));
        assertEquals(rows + "\n", second.sql("SELECT count() FROM " + DB + "." + LOCAL));
    }

    @Test
    @Order(2) // last: the servers' sessions expire with it
    void withZooKeeperDownInsertsFailAndReadsAnswer() {
        ClickHouseServer first = cluster.node(0, 0).server();
        zooKeeper.stop();
        try {
            ClickHouseServer.Answer insert = first.ask(first.admin(), "INSERT INTO " + DB + "." + LOCAL + " SELECT * FROM " + DB + "." + LOCAL + " LIMIT 1");
            assertNotEquals(200, insert.status(), insert.body());
            // no ZooKeeper session (225), read-only (242) or ZooKeeper's own error (999), as the moment finds it
            assertTrue(insert.body().matches("(?s).*Code: (225|242|999),.*"), insert.body());
            assertEquals(rows + "\n", first.sql("SELECT count() FROM " + DB + ".games_all"));
        } finally {
            zooKeeper.resume();
        }
    }
}
