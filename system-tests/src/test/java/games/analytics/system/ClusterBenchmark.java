package games.analytics.system;

import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import games.analytics.testing.ClickHouseCluster;
import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.ServiceJar;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/cluster-benchmark.sh: one file ingested and queried through the services on one 18.16 server and on two shards
 * of one server each, on this machine, in the same run (a fresh ingest-service and query-service for each). Prints a Markdown table: the ingestion's own clock (median of
 * the runs), peak RSS of the ClickHouse servers together and of the ingest-service, and the p50 of an aggregate and of a
 * page through the query-service. Usage: ClusterBenchmark URL RUNS (the file served over HTTP, e.g. by nginx).
 */
public final class ClusterBenchmark {

    static final String AGGREGATE = "/api/v1/games/aggregate?metrics=count,avg:price,p90:positive&group_by=genres&sort=-count";
    static final String PAGE = "/api/v1/games?name=war&limit=50";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int runs = Integer.parseInt(args[1]);
        List<String> rows = new ArrayList<>();
        ClickHouseServer.Dedicated single = ClickHouseServer.dedicated();
        rows.add(measure("one server", List.of(single), null, url, runs));
        single.stop();
        ClickHouseCluster cluster = ClickHouseCluster.start("bench_shards", 2, 1);
        rows.add(measure("two shards", cluster.nodes(), cluster.name(), url, runs));
        cluster.nodes().forEach(ClickHouseServer.Dedicated::stop);
        System.out.println("| layout | rows | ingest (median of " + runs + ") | ClickHouse peak RSS (all servers) | ingest-service peak RSS"
                + " | aggregate by genre p50 | name=war page p50 |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    static String measure(String layout, List<ClickHouseServer.Dedicated> servers, String cluster, String url, int runs) throws Exception {
        ClickHouseServer first = servers.getFirst().server();
        String db = "games";
        String nodes = String.join(",", servers.stream().map(s -> s.server().url()).toList());
        Map<String, String> clustered = cluster == null ? Map.of() : Map.of("CLICKHOUSE_CLUSTER", cluster, "CLICKHOUSE_CLUSTER_NODES", nodes);
        Map<String, String> ingestEnv = new java.util.HashMap<>(Map.of("JWT_SECRET", TestTokens.SECRET, "INGEST_URL_POLICY_ALLOW",
                java.net.URI.create(url).getAuthority()));
        ingestEnv.putAll(clustered);
        Map<String, String> queryEnv = new java.util.HashMap<>(Map.of("JWT_SECRET", TestTokens.SECRET));
        if (cluster != null) {
            queryEnv.put("CLICKHOUSE_CLUSTER", cluster);
        }
        try (ServiceJar ingest = ServiceJar.start(Stack.INGEST_JAR, first, db, ingestEnv);
             ServiceJar query = ServiceJar.start(Stack.QUERY_JAR, first, db, queryEnv)) {
            List<Double> seconds = new ArrayList<>();
            AtomicLong clickHouseRss = new AtomicLong();
            AtomicLong serviceRss = new AtomicLong();
            String rows = "";
            for (int run = 0; run < runs; run++) {
                Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        clickHouseRss.accumulateAndGet(servers.stream().mapToLong(s -> rssKib(s.pid())).sum(), Math::max);
                        serviceRss.accumulateAndGet(rssKib(ingest.pid()), Math::max);
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                String id = Stack.ingest(ingest.url(), "{\"url\": \"" + url + "\", \"mode\": \"replace\"}", Duration.ofMinutes(10));
                sampler.interrupt();
                String job = Stack.send(Stack.client(97), "GET", ingest.url() + "/api/v1/ingestions/" + id,
                        "Bearer " + TestTokens.valid(Roles.ADMIN), null).body();
                seconds.add(Duration.between(Instant.parse(field(job, "createdAt")), Instant.parse(field(job, "finishedAt"))).toMillis() / 1000.0);
                rows = job.replaceAll("(?s).*\"rowsInserted\":(\\d+).*", "$1");
                waitForMerges(servers);
            }
            seconds.sort(null);
            return "| " + layout + " | " + rows + " | " + String.format("%.2f s", seconds.get(seconds.size() / 2)) + " | "
                    + clickHouseRss.get() / 1024 + " MiB | " + serviceRss.get() / 1024 + " MiB | "
                    + p50(query, AGGREGATE) + " | " + p50(query, PAGE) + " |";
        }
    }

    /** Median of 41 calls after 40 to warm up (the query-service starts afresh for each layout), in ms. */
    static String p50(ServiceJar query, String request) throws Exception {
        String token = "Bearer " + TestTokens.valid(Roles.ANALYST);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 81; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = Stack.send(Stack.client(97), "GET", query.url() + request, token, null);
            double took = (System.nanoTime() - start) / 1e6;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(request + ": " + answer.statusCode() + " " + answer.body());
            }
            if (i >= 40) {
                ms.add(took);
            }
        }
        ms.sort(null);
        return String.format("%.1f ms", ms.get(ms.size() / 2));
    }

    static void waitForMerges(List<ClickHouseServer.Dedicated> servers) throws InterruptedException {
        for (ClickHouseServer.Dedicated server : servers) {
            while (!server.server().sql("SELECT count() FROM system.merges").strip().equals("0")) {
                Thread.sleep(200);
            }
        }
    }

    static String field(String json, String name) {
        return json.replaceAll("(?s).*\"" + name + "\":\"([^\"]+)\".*", "$1");
    }

    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception gone) {
            // the process ended between samples
        }
        return 0;
    }

    private ClusterBenchmark() {
    }
}
