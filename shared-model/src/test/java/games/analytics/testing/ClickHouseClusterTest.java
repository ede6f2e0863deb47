package games.analytics.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.model.GamesTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster the sharded deployment runs on, as the harness starts it: two 18.16 shards on loopback behind a
 * {@code Distributed} table sharded by {@code cityHash64(app_id)}. Each shard holds a share, the shares add up to the
 * file, the aggregates the query-service renders answer through it as one server answers them, and a shard that is
 * down fails a read instead of answering half (the facts ../shared/DESIGN.md gathered, held here).
 */
class ClickHouseClusterTest {

    static ClickHouseCluster cluster;
    static ClickHouseServer single;
    static String singleTable;
    static final String DB = "games";
    static final String LOCAL = GamesTable.localTable("games_all");

    @BeforeAll
    static void load() throws Exception {
        cluster = ClickHouseCluster.start("games_cluster", 2, 1);
        cluster.onEachNode("CREATE DATABASE IF NOT EXISTS " + DB);
        cluster.onEachNode(GamesTable.createDataTable(DB, LOCAL));
        cluster.onEachNode(GamesTable.createDistributedTable(DB, "games_all", cluster.name()));
        ClickHouseServer first = cluster.node(0, 0).server();
        first.sql("CREATE TABLE " + DB + ".staged AS " + DB + "." + LOCAL);
        first.insert(DB + ".staged", "RowBinary", TestDataset.rowBinary(TestData.bytes(TestData.UPSTREAM_1000)));
        // synchronous: the INSERT returns once every shard holds its rows (the default queues them and answers OK)
        first.sql("INSERT INTO " + DB + ".games_all SELECT * FROM " + DB + ".staged", Map.of("insert_distributed_sync", "1"));
        // each shard's year index, from its own rows (rows and index are sharded alike, by app_id)
        cluster.onEachNode(GamesTable.createYearIndex(DB, LOCAL));
        cluster.onEachNode(GamesTable.fillYearIndex(DB, LOCAL));
        single = ClickHouseServer.get();
        String db = single.newDatabase("cluster_oracle");
        singleTable = db + "." + TestDataset.publish(single, db, TestData.bytes(TestData.UPSTREAM_1000));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.nodes().forEach(ClickHouseServer.Dedicated::stop);
        }
    }

    @Test
    void eachShardHoldsAShareAndTheSharesAddUpToTheFile() {
        long rows = TestDataset.records(TestData.bytes(TestData.UPSTREAM_1000)).size() - 1;
        long first = count(cluster.node(0, 0).server());
        long second = count(cluster.node(1, 0).server());
        assertTrue(first > rows / 4 && second > rows / 4, first + " and " + second + " of " + rows);
        assertEquals(rows, first + second);
        assertEquals(rows + "\n", cluster.node(1, 0).server().sql("SELECT count() FROM " + DB + ".games_all"));
    }

    @Test
    void aggregatesThroughTheDistributedTableEqualOneServers() {
        List<String> statements = List.of(
                "SELECT count(), sum(positive), uniqExact(developers), quantileExact(0.5)(toFloat64(price)) FROM %s",
                "SELECT g, count() AS c, round(avg(toFloat64(price)), 6) FROM %s ARRAY JOIN genres AS g GROUP BY g ORDER BY c DESC, g",
                "SELECT app_id, name FROM %s WHERE positionCaseInsensitiveUTF8(name, 'war') > 0 ORDER BY app_id, source_row LIMIT 5");
        for (String statement : statements) {
            assertEquals(single.sql(statement.formatted(singleTable)), cluster.node(0, 0).server().sql(statement.formatted(DB + ".games_all")),
                    statement);
        }
    }

    /**
     * The query-service's two-step forms through the Distributed table, their subqueries on the local tables: each
     * shard runs them on its own rows, which is right because a key's rows and its index entry sit on one shard, and a
     * page's rows are among the union of each shard's first rows. Naming the Distributed table inside is refused.
     */
    @Test
    void twoStepFormsAnswerAsOneServerWithLocalSubqueries() {
        String id = cluster.node(1, 0).server().sql("SELECT app_id FROM " + DB + "." + LOCAL + " ORDER BY app_id LIMIT 1 OFFSET 7").strip();
        String lookup = "SELECT app_id, name, source_row FROM %s PREWHERE app_id = " + id + " WHERE release_year IN (SELECT release_year FROM %s"
                + " PREWHERE app_id = " + id + ") ORDER BY app_id, source_row LIMIT 51";
        String order = " ORDER BY app_id ASC, source_row ASC LIMIT 51";
        String page = "SELECT app_id, name, about_game, source_row FROM %s WHERE (release_year, app_id, source_row) IN (SELECT release_year,"
                + " app_id, source_row FROM %s WHERE positionCaseInsensitiveUTF8(name, 'the') > 0 AND app_id > 1000" + order + ")" + order;
        ClickHouseServer first = cluster.node(0, 0).server();
        assertEquals(single.sql(lookup.formatted(singleTable, GamesTable.yearIndex(singleTable))),
                first.sql(lookup.formatted(DB + ".games_all", DB + "." + GamesTable.yearIndex(LOCAL))));
        String expected = single.sql(page.formatted(singleTable, singleTable));
        assertEquals(51, expected.lines().count());
        assertEquals(expected, first.sql(page.formatted(DB + ".games_all", DB + "." + LOCAL)));
        ClickHouseServer.Answer doubly = first.ask(first.admin(),
                page.formatted(DB + ".games_all", DB + ".games_all"));
        assertTrue(doubly.body().contains("Double-distributed"), doubly.body());
    }

    /** A condition on the year reaches each shard as one on its partition key: the shards read that year's rows only. */
    @Test
    void aYearConditionPrunesPartitionsOnEachShard() {
        ClickHouseServer first = cluster.node(0, 0).server();
        String id = "year-" + System.nanoTime();
        String year = first.sql("SELECT release_year FROM " + DB + ".games_all GROUP BY release_year ORDER BY count() DESC LIMIT 1").strip();
        String rows = first.sql("SELECT count() FROM " + DB + ".games_all WHERE release_year = " + year).strip();
        assertEquals(rows + "\n", first.sql("SELECT count() FROM " + DB + ".games_all WHERE release_year = " + year,
                Map.of("log_queries", "1", "query_id", id)));
        // the remote shard logs the query it was sent: it read exactly its rows of that year
        ClickHouseServer remote = cluster.node(1, 0).server();
        remote.sql("SYSTEM FLUSH LOGS");
        assertEquals(remote.sql("SELECT count() FROM " + DB + "." + LOCAL + " WHERE release_year = " + year),
                remote.sql("SELECT read_rows FROM system.query_log WHERE type = 2 AND initial_query_id = '" + id + "' AND NOT is_initial_query"));
    }

    @Test
    void aShardDownFailsAReadInsteadOfAnsweringHalf() {
        cluster.node(1, 0).stop();
        try {
            ClickHouseServer.Answer answer = cluster.node(0, 0).server().ask(
                    cluster.node(0, 0).server().admin(), "SELECT count() FROM " + DB + ".games_all");
            assertNotEquals(200, answer.status(), answer.body());
            assertTrue(answer.body().contains("Code: 279"), answer.body()); // ALL_CONNECTION_TRIES_FAILED
        } finally {
            cluster.node(1, 0).start();
        }
        assertEquals(count(cluster.node(0, 0).server()) + count(cluster.node(1, 0).server()) + "\n",
                cluster.node(0, 0).server().sql("SELECT count() FROM " + DB + ".games_all"));
    }

    private static long count(ClickHouseServer server) {
        return Long.parseLong(server.sql("SELECT count() FROM " + DB + "." + LOCAL).strip());
    }
}
