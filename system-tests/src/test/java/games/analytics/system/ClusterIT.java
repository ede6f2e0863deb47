package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import games.analytics.testing.ClickHouseCluster;
import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.CsvFileServer;
import games.analytics.testing.ServiceJar;
import games.analytics.testing.TestData;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Both services on a ClickHouse cluster of two shards without replicas (so no ZooKeeper: the ingest-service runs each
 * table's DDL server by server), as CLICKHOUSE_CLUSTER and CLICKHOUSE_CLUSTER_NODES configure them. Both talk to the
 * first server, which holds the pointer, jobs and rejects and reads through its Distributed tables. Every answer equals the one the same services give on one
 * server for the same file; each shard holds a share and the shares add up to the file; a shard down is a 503 problem,
 * never part of an answer; a shard down during an ingestion fails the job, the previous data stays served, and the
 * next job clears what the failed one left on that shard.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final String DB = ClusterServices.DB;
    static final String ANALYST = "Bearer " + TestTokens.valid(Roles.ANALYST);
    static ClusterServices services;
    static ClickHouseCluster cluster;
    static CsvFileServer files;
    static ServiceJar ingest;
    static ServiceJar query;
    static String sampleUrl;
    static SampleOracle oracle;

    @BeforeAll
    static void start() throws Exception {
        cluster = ClickHouseCluster.start("games_shards", 2, 1);
        files = new CsvFileServer();
        sampleUrl = files.serve("/sample.csv", TestData.bytes(TestData.SAMPLE));
        oracle = new SampleOracle(TestData.bytes(TestData.SAMPLE));
        services = new ClusterServices(cluster, files, sampleUrl, Map.of());
        ingest = services.ingest;
        query = services.query;
        Stack.ingest(ingest.url(), "{\"url\": \"" + sampleUrl + "\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    static HttpResponse<String> get(String baseUrl, String pathAndQuery) throws Exception {
        return Stack.send(Stack.client(95), "GET", baseUrl + pathAndQuery, ANALYST, null);
    }

    static long bytesRead(String id, String authorization) throws Exception {
        String job = Stack.send(Stack.client(95), "GET", ingest.url() + "/api/v1/ingestions/" + id, authorization, null).body();
        return Long.parseLong(job.replaceAll("(?s).*\"bytesRead\":(\\d+).*", "$1"));
    }

    /** A data table's rows on one server of the cluster: its local table. */
    static long localRows(int shard) {
        return Long.parseLong(cluster.node(shard, 0).server().sql("SELECT count() FROM " + DB + "." + services.currentTable() + "_local").strip());
    }

    @Test
    @Order(1)
    void eachShardHoldsAShareAndTheSharesAddUpToTheFile() {
        long first = localRows(0);
        long second = localRows(1);
        assertTrue(first > 0 && second > 0, "both shards hold rows: " + first + " and " + second);
        assertEquals(oracle.rows.size(), first + second);
    }

    @Test
    @Order(2)
    void everyAnswerEqualsTheOneOfASingleServer() throws Exception {
        Stack single = Stack.get();
        single.ingestSample();
        String someApp = oracle.rows.get(oracle.rows.size() / 3).appId();
        String otherApps = oracle.rows.get(7).appId() + "," + oracle.rows.get(oracle.rows.size() - 2).appId();
        List<String> requests = new ArrayList<>(List.of(
                "/api/v1/games?sort=-positive&limit=7",
                "/api/v1/games?name=the&limit=5&count=exact",
                "/api/v1/games?genres=Action&price__gte=1&sort=price&limit=20",
                "/api/v1/games?release_date__gte=2015-01-01&release_date__lt=2017-01-01&sort=release_date&limit=9&count=exact",
                "/api/v1/games?app_id=" + someApp,
                "/api/v1/games?app_id__in=" + otherApps + "&fields=app_id,name,price",
                "/api/v1/games?sort=name&limit=1000&format=ndjson",
                "/api/v1/games?sort=-release_date&format=csv",
                "/api/v1/games/aggregate?metrics=count,avg:price,median:price,p90:positive,distinct:developers&group_by=genres&sort=-count",
                "/api/v1/games/aggregate?metrics=count,sum:positive,min:release_date,max:price&group_by=release_year&sort=release_year",
                "/api/v1/games/aggregate?metrics=count,stddev:price&group_by=tags&having=count__gt=3&sort=-count&limit=15",
                "/api/v1/games/aggregate?metrics=count,var:positive&price__lt=10"));
        // keyset pages: the cursor of each page leads to the same next page
        String page = "/api/v1/games?sort=-positive&limit=25&fields=app_id,name,positive";
        for (int i = 0; i < 3; i++) {
            requests.add(page);
            String body = get(query.url(), page).body();
            String cursor = body.replaceAll("(?s).*\"nextCursor\":\"([^\"]+)\".*", "$1");
            assertTrue(!cursor.equals(body), "a page with a next cursor: " + body);
            page = "/api/v1/games?sort=-positive&limit=25&fields=app_id,name,positive&cursor=" + ClickHouseServer.encode(cursor);
        }
        for (String request : requests) {
            HttpResponse<String> expected = get(single.query.url(), request);
            HttpResponse<String> actual = get(query.url(), request);
            assertEquals(200, expected.statusCode(), request + ": " + expected.body());
            assertEquals(expected.body(), actual.body(), request);
            assertEquals(expected.headers().firstValue("X-Total-Count"), actual.headers().firstValue("X-Total-Count"), request);
        }
    }

    @Test
    @Order(3)
    void aShardDownIsA503ProblemNeverAPartialAnswer() throws Exception {
        cluster.node(1, 0).kill();
        try {
            for (String request : List.of("/api/v1/games?sort=-positive&limit=7", "/api/v1/games/aggregate?metrics=count")) {
                HttpResponse<String> answer = get(query.url(), request);
                assertEquals(503, answer.statusCode(), answer.body());
                assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
                assertTrue(answer.body().contains("ClickHouse shard unavailable"), answer.body());
            }
        } finally {
            cluster.node(1, 0).start();
        }
        assertEquals(200, get(query.url(), "/api/v1/games/aggregate?metrics=count").statusCode(), "answers again once the shard is back");
    }

    @Test
    @Order(4)
    void aShardDownDuringAnIngestionFailsTheJobAndThePreviousDataStaysServed() throws Exception {
        String before = get(query.url(), "/api/v1/games/aggregate?metrics=count,sum:positive").body();
        byte[] csv = TestData.bytes(TestData.UPSTREAM_1000);
        CountDownLatch gate = new CountDownLatch(1);
        String url = files.serve("/held.csv", CsvFileServer.Route.csv(csv).holdAfter(csv.length / 2, gate));
        String admin = "Bearer " + TestTokens.valid(Roles.ADMIN);
        HttpResponse<String> accepted = Stack.send(Stack.client(95), "POST", ingest.url() + "/api/v1/ingestions", admin,
                "{\"url\": \"" + url + "\", \"mode\": \"replace\"}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = accepted.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        // the job has made its tables and read the half of the file that came: the second shard goes down now
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> bytesRead(id, admin) >= csv.length / 2 - 8192);
        cluster.node(1, 0).kill();
        String job;
        try {
            gate.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> Stack.send(Stack.client(95), "GET",
                    ingest.url() + "/api/v1/ingestions/" + id, admin, null).body().contains("\"status\":\"failed\""));
            job = Stack.send(Stack.client(95), "GET", ingest.url() + "/api/v1/ingestions/" + id, admin, null).body();
        } finally {
            cluster.node(1, 0).start();
        }
        assertTrue(job.contains("\"error\":\"ClickHouse failed: a server of the cluster holding a shard could not be reached"), job);
        assertTrue(job.contains("Connection refused (127.0.0.1:" + cluster.node(1, 0).tcpPort() + ")"), "the reason names the shard's server: " + job);
        assertEquals(before, get(query.url(), "/api/v1/games/aggregate?metrics=count,sum:positive").body(), "the previous data, whole");

        // the next job succeeds and clears what the failed one left on the shard that was down
        Stack.ingest(ingest.url(), "{\"url\": \"" + sampleUrl + "\"}");
        String current = services.currentTable();
        String onlyCurrent = current + "\n" + current + "_local\n" + current + "_local_years\n";
        for (ClickHouseServer.Dedicated node : cluster.nodes()) {
            // the replaced table goes right after the job has succeeded
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> node.server().sql("SELECT name FROM system.tables WHERE database = '"
                    + DB + "' AND startsWith(name, 'games_') AND name != 'games_current' ORDER BY name"), onlyCurrent::equals);
        }
        assertEquals(before, get(query.url(), "/api/v1/games/aggregate?metrics=count,sum:positive").body());
    }

    @Test
    @Order(5)
    void aNodeListThatMissesAServerFailsAnIngestionSayingSo() throws Exception {
        ClickHouseServer first = cluster.node(0, 0).server();
        try (ServiceJar misconfigured = ServiceJar.start(Stack.INGEST_JAR, first, DB,
                ClusterServices.ingestEnvironment(cluster, first.url(), sampleUrl))) {
            String admin = "Bearer " + TestTokens.valid(Roles.ADMIN);
            HttpResponse<String> accepted = Stack.send(Stack.client(95), "POST", misconfigured.url() + "/api/v1/ingestions", admin,
                    "{\"url\": \"" + sampleUrl + "\"}");
            assertEquals(202, accepted.statusCode(), accepted.body());
            String id = accepted.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Stack.send(Stack.client(95), "GET",
                    misconfigured.url() + "/api/v1/ingestions/" + id, admin, null).body().contains("\"status\":\"failed\""));
            String job = Stack.send(Stack.client(95), "GET", misconfigured.url() + "/api/v1/ingestions/" + id, admin, null).body();
            assertTrue(job.contains("the ClickHouse cluster is not as the service is configured to find it, so nothing was loaded:"
                    + " CLICKHOUSE_CLUSTER_NODES lists servers of shards [1], cluster games_shards has servers of shards [1, 2]"), job);
        }
        assertEquals(services.currentTable() + "\n", cluster.node(1, 0).server().sql("SELECT name FROM system.tables WHERE database = '"
                + DB + "' AND startsWith(name, 'games_') AND NOT endsWith(name, '_local') AND NOT endsWith(name, '_years') AND name != 'games_current'"), "nothing was made");
    }
}
