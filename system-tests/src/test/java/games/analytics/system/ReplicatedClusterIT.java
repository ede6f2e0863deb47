package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import games.analytics.testing.ClickHouseCluster;
import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.CsvFileServer;
import games.analytics.testing.EmbeddedZooKeeper;
import games.analytics.testing.ServiceJar;
import games.analytics.testing.TestData;
import games.analytics.testing.TestDataset;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Both services on one shard of two replicas coordinated by a ZooKeeper: the local tables are ReplicatedMergeTree, and
 * so are the pointer, jobs and rejects, on every server. With
 * one replica down, ingestions and queries go on as before, and once it is back it gets the current table with all its
 * rows; with ZooKeeper down, an ingestion fails naming it while queries keep answering.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedClusterIT {

    static final String DB = ClusterServices.DB;
    static final String ADMIN = "Bearer " + TestTokens.valid(Roles.ADMIN);
    static EmbeddedZooKeeper zooKeeper;
    static ClusterServices services;
    static ClickHouseCluster cluster;
    static ServiceJar ingest;
    static ServiceJar query;
    static String sampleUrl;
    static String upstreamUrl;

    @BeforeAll
    static void start() throws Exception {
        zooKeeper = EmbeddedZooKeeper.start();
        cluster = ClickHouseCluster.start("games_replicas", 1, 2, zooKeeper);
        CsvFileServer files = new CsvFileServer();
        sampleUrl = files.serve("/sample.csv", TestData.bytes(TestData.SAMPLE));
        upstreamUrl = files.serve("/upstream.csv", TestData.bytes(TestData.UPSTREAM_1000));
        services = new ClusterServices(cluster, files, sampleUrl, Map.of("INGEST_CLUSTER_REPAIR_INTERVAL", "1s"));
        ingest = services.ingest;
        query = services.query;
        try {
            Stack.ingest(ingest.url(), "{\"url\": \"" + sampleUrl + "\"}");
        } catch (Throwable e) {
            String log = ingest.log();
            throw new AssertionError("the first ingestion did not succeed; the ingest-service logged: " + log.substring(Math.max(0, log.length() - 6000)), e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
        if (zooKeeper != null) {
            zooKeeper.stop();
        }
    }

    static String count() throws Exception {
        HttpResponse<String> answer = Stack.send(Stack.client(96), "GET", query.url() + "/api/v1/games/aggregate?metrics=count&format=csv", ADMIN, null);
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body().lines().skip(1).findFirst().orElseThrow();
    }

    static long fileRows(String name) {
        return TestDataset.records(TestData.bytes(name)).size() - 1;
    }

    static String currentTable() {
        return services.currentTable();
    }

    @Test
    @Order(1)
    void bothReplicasHoldEveryRowAndTheSameJobsAndPointer() {
        String local = DB + "." + currentTable() + "_local";
        ClickHouseServer second = cluster.node(0, 1).server();
        for (String table : new String[]{local, DB + ".games_current", DB + ".ingestion_jobs"}) {
            second.sql("SYSTEM SYNC REPLICA " + table);
        }
        for (ClickHouseServer.Dedicated node : cluster.nodes()) {
            assertEquals(fileRows(TestData.SAMPLE) + "\n", node.server().sql("SELECT count() FROM " + local));
        }
        // any server tells which table is current and which jobs ran: a service instance may name either
        String pointer = "SELECT table_name, ingestion_id FROM " + DB + ".games_current ORDER BY version";
        assertEquals(cluster.node(0, 0).server().sql(pointer), second.sql(pointer));
        String jobs = "SELECT id, status FROM " + DB + ".ingestion_jobs FINAL ORDER BY id";
        assertEquals(cluster.node(0, 0).server().sql(jobs), second.sql(jobs));
        assertTrue(second.sql(jobs).contains("succeeded"), second.sql(jobs));
    }

    @Test
    @Order(2)
    void oneReplicaDownChangesNothingAndItCatchesUpWhenBack() throws Exception {
        cluster.node(0, 1).kill();
        try {
            Stack.ingest(ingest.url(), "{\"url\": \"" + upstreamUrl + "\", \"mode\": \"replace\"}");
            assertEquals(Long.toString(fileRows(TestData.UPSTREAM_1000)), count());
        } finally {
            cluster.node(0, 1).start();
        }
        // back, the replica gets the current table, fetches its rows from the other replica and indexes them
        String local = DB + "." + currentTable() + "_local";
        ClickHouseServer second = cluster.node(0, 1).server();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> second.sql("EXISTS TABLE " + local + "_years").strip().equals("1"));
        assertEquals(fileRows(TestData.UPSTREAM_1000) + "\n", second.sql("SELECT count() FROM " + local));
        assertEquals(second.sql("SELECT count() FROM " + local), second.sql("SELECT count() FROM " + local + "_years"));
    }

    @Test
    @Order(3)
    void zooKeeperDownFailsAnIngestionNamingItWhileQueriesAnswer() throws Exception {
        String before = count();
        zooKeeper.stop();
        String job;
        try {
            HttpResponse<String> accepted = Stack.send(Stack.client(96), "POST", ingest.url() + "/api/v1/ingestions", ADMIN,
                    "{\"url\": \"" + sampleUrl + "\", \"mode\": \"replace\"}");
            assertEquals(202, accepted.statusCode(), accepted.body());
            String id = accepted.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> Stack.send(Stack.client(96), "GET",
                    ingest.url() + "/api/v1/ingestions/" + id, ADMIN, null).body().contains("\"status\":\"failed\""));
            job = Stack.send(Stack.client(96), "GET", ingest.url() + "/api/v1/ingestions/" + id, ADMIN, null).body();
            assertEquals(before, count(), "queries answer with the data as it was");
        } finally {
            zooKeeper.resume();
        }
        assertTrue(job.contains("\"error\":\"ClickHouse failed: ZooKeeper (or Keeper), which replicated tables need for every write, cannot be reached"), job);
    }
}
