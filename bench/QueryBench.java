import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Query benchmark: each scenario goes A) through the query-service and B) as the same SQL (for describe and similar
 * games: the same answer in the SQL a user would write by hand) straight to ClickHouse over HTTP, in the same run. Prints p50/p99 latency (sequential) and throughput (4 clients).
 * Run by bench/query-benchmark.sh: java bench/QueryBench.java <service> <clickhouse> <user> <password> <db.table> <token> [gateway]
 */
public class QueryBench {

    record Scenario(String name, String serviceQuery, String sql) {
    }

    static final int WARMUP = 20;
    static final int SEQUENTIAL = 200;
    static final int CLIENTS = 4;
    static final int PER_CLIENT = 100;

    public static void main(String[] args) throws Exception {
        String service = args[0];
        String clickhouse = args[1];
        String auth = "Basic " + Base64.getEncoder().encodeToString((args[2] + ":" + args[3]).getBytes(StandardCharsets.UTF_8));
        String table = args[4];
        String order = " ORDER BY app_id ASC, source_row ASC";
        String settings = "&max_execution_time=30&max_result_rows=1000001&result_overflow_mode=throw&wait_end_of_query=1";
        List<Scenario> scenarios = List.of(
                new Scenario("substring filter (name=war, 50 rows)", "/api/v1/games?name=war&fields=app_id,name,price,release_date",
                        "SELECT app_id, name, price, release_date, app_id, source_row FROM " + table
                                + " WHERE positionCaseInsensitiveUTF8(name, 'war') > 0" + order + " LIMIT 51 FORMAT TabSeparated"),
                new Scenario("range filter (price 5..10, 2020, 50 rows)",
                        "/api/v1/games?price__between=5,10&release_date=2020&fields=app_id,name,price,release_date",
                        "SELECT app_id, name, price, release_date, app_id, source_row FROM " + table
                                + " WHERE price BETWEEN toDecimal64('5', 0) AND toDecimal64('10', 0)"
                                + " AND (isNotNull(release_date) AND (assumeNotNull(release_date) BETWEEN toDate('2020-01-01') AND toDate('2020-12-31')))" + order + " LIMIT 51 FORMAT TabSeparated"),
                new Scenario("group-by aggregate (per genre)", "/api/v1/games/aggregate?group_by=genres&metrics=count,avg:price,p90:price&sort=-count",
                        "SELECT arrayJoin(genres) AS g0, count() AS m0, round(avg(toFloat64(price)), 6) AS m1,"
                                + " round(quantileExact(0.9)(toFloat64(price)), 6) AS m2 FROM " + table
                                + " GROUP BY g0 ORDER BY m0 DESC, g0 ASC LIMIT 1000 FORMAT TabSeparated"),
                new Scenario("describe (price, positive)", "/api/v1/games/describe?columns=price,positive",
                        "SELECT " + onePassStatistics("price") + ", " + onePassStatistics("positive") + " FROM " + table + " FORMAT TabSeparated"),
                similarScenario(http(), clickhouse, auth, table, settings));

        HttpClient http = http();
        warmUp(http, service, args[5], scenarios);
        System.out.printf("%-44s %-10s %9s %9s %10s%n", "scenario", "via", "p50 ms", "p99 ms", "req/s");
        for (Scenario s : scenarios) {
            HttpRequest viaService = HttpRequest.newBuilder(URI.create(service + s.serviceQuery()))
                    .header("Authorization", "Bearer " + args[5]).build();
            HttpRequest direct = HttpRequest.newBuilder(URI.create(clickhouse + "/?query=" + URLEncoder.encode(s.sql(), StandardCharsets.UTF_8) + settings))
                    .header("Authorization", auth).build();
            double[] a = measure(http, viaService);
            double[] b = measure(http, direct);
            System.out.printf("%-44s %-10s %9.2f %9.2f %10.1f%n", s.name(), "service", a[0], a[1], a[2]);
            System.out.printf("%-44s %-10s %9.2f %9.2f %10.1f%n", "", "clickhouse", b[0], b[1], b[2]);
            System.out.printf("%-44s %-10s %9.2fx %8.2fx %9.2fx%n", "", "ratio", a[0] / b[0], a[1] / b[1], b[2] / a[2]);
        }
        facetBatch(http, service, clickhouse, auth, args[5], table, settings);
        if (args.length > 6) {
            // the gateway allows 20 requests/s per client, so its cost is measured paced, as latency only
            Scenario s = scenarios.getFirst();
            HttpRequest viaGateway = HttpRequest.newBuilder(URI.create(args[6] + s.serviceQuery()))
                    .header("Authorization", "Bearer " + args[5]).build();
            HttpRequest viaService = HttpRequest.newBuilder(URI.create(service + s.serviceQuery()))
                    .header("Authorization", "Bearer " + args[5]).build();
            double[] g = paced(http, viaGateway);
            double[] a = paced(http, viaService);
            System.out.printf("%n%-44s %-10s %9s %9s%n", "paced at 10 req/s, " + PACED + " requests", "via", "p50 ms", "p99 ms");
            System.out.printf("%-44s %-10s %9.2f %9.2f%n", s.name(), "gateway", g[0], g[1]);
            System.out.printf("%-44s %-10s %9.2f %9.2f%n", "", "service", a[0], a[1]);
            System.out.printf("%-44s %-10s %9.2fx %8.2fx%n", "", "ratio", g[0] / a[0], g[1] / a[1]);
        }
    }

    /**
     * The baseline of describe(): what a ClickHouse user writes by hand for the same statistics, one pass of built-in
     * aggregates with skewness and kurtosis from raw power sums (the service sorts each column's values instead, so that
     * every version adds the same doubles in the same order and interpolates quantiles as pandas does).
     */
    static String onePassStatistics(String column) {
        String x = "toFloat64(" + column + ")";
        String m = "avg(" + x + ")";
        return "count(" + x + "), count() - count(" + x + "), " + m + ", stddevSamp(" + x + "), min(" + x + "), quantilesExact(0.25, 0.5, 0.75)(" + x
                + "), max(" + x + "), (avg(" + x + " * " + x + " * " + x + ") - 3 * " + m + " * avg(" + x + " * " + x + ") + 2 * pow(" + m + ", 3)) / pow(varPop("
                + x + "), 1.5), (avg(pow(" + x + ", 4)) - 4 * " + m + " * avg(pow(" + x + ", 3)) + 6 * pow(" + m + ", 2) * avg(pow(" + x + ", 2)) - 3 * pow(" + m
                + ", 4)) / pow(varPop(" + x + "), 2) - 3";
    }

    /**
     * Similar games of the game with the most reviews; the baseline is the same ranking (|A ∩ B| from the sizes of A, B
     * and A ∪ B) written by hand with that game's set as literals (asked of ClickHouse first), one statement where the
     * service sends two.
     */
    static Scenario similarScenario(HttpClient http, String clickhouse, String auth, String table, String settings) throws Exception {
        String game = "SELECT app_id, length(s), arrayStringConcat(arrayMap(x -> concat('unhex(\\'', hex(x), '\\')'), s), ', ') FROM (SELECT app_id, "
                + "arrayDistinct(arrayConcat(tags, genres)) AS s FROM " + table + " ORDER BY positive DESC, app_id LIMIT 1) FORMAT TabSeparatedRaw";
        String[] row = http.send(HttpRequest.newBuilder(URI.create(clickhouse + "/?query=" + URLEncoder.encode(game, StandardCharsets.UTF_8) + settings))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()).body().strip().split("\t");
        String union = "arrayUniq(arrayConcat([" + row[2] + "], tags, genres))";
        return new Scenario("similar games (" + row[1] + " tags and genres, 10 rows)", "/api/v1/games/" + row[0] + "/similar?fields=app_id,name",
                "SELECT app_id, name, round(c / u, 6) AS sim FROM (SELECT app_id, name, positive, source_row, " + union + " AS u,"
                        + " arrayUniq(arrayConcat(tags, genres)) + " + row[1] + " - u AS c FROM " + table + " WHERE app_id != " + row[0] + ") WHERE c > 0"
                        + " ORDER BY sim DESC, positive DESC, app_id, source_row LIMIT 10 FORMAT TabSeparated");
    }

    static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // both sides speak HTTP/1.1; the default would try an h2c upgrade
    }

    static final int WARM_SECONDS = 20;

    /**
     * The scenarios through the service from four clients for WARM_SECONDS, unmeasured: the service was just started
     * and a fresh JVM compiles for its first minute of load (a service runs for days; load-benchmark.sh does the same).
     */
    static void warmUp(HttpClient http, String service, String token, List<Scenario> scenarios) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long end = System.nanoTime() + WARM_SECONDS * 1_000_000_000L;
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(pool.submit(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    Scenario s = scenarios.get(i % scenarios.size());
                    send(http, HttpRequest.newBuilder(URI.create(service + s.serviceQuery())).header("Authorization", "Bearer " + token).build());
                }
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();
    }

    static final int BATCHES = 60;

    /**
     * The web UI's facet panel: eight aggregates (top 8 of each list or text facet, years, and every price for the
     * bands), four at a time as the page sends them; the batch's wall time, service against the same SQL.
     */
    static void facetBatch(HttpClient http, String service, String clickhouse, String auth, String token, String table, String settings)
            throws Exception {
        List<HttpRequest> viaService = new ArrayList<>();
        List<HttpRequest> direct = new ArrayList<>();
        for (String facet : List.of("genres", "tags", "categories", "supported_languages", "developers", "publishers", "release_year", "price")) {
            boolean list = List.of("genres", "tags", "categories", "supported_languages").contains(facet);
            String query = switch (facet) {
                case "release_year" -> "group_by=release_year&metrics=count&sort=-release_year&limit=8";
                case "price" -> "group_by=price&metrics=count&limit=100000";
                default -> "group_by=" + facet + "&metrics=count&sort=-count&limit=8";
            };
            String group = facet.equals("release_year") ? "toYear(release_date)" : list ? "arrayJoin(" + facet + ")" : facet;
            String order = switch (facet) {
                case "release_year" -> "g0 DESC LIMIT 8";
                case "price" -> "g0 ASC LIMIT 100000";
                default -> "m0 DESC, g0 ASC LIMIT 8";
            };
            viaService.add(HttpRequest.newBuilder(URI.create(service + "/api/v1/games/aggregate?" + query))
                    .header("Authorization", "Bearer " + token).build());
            String sql = "SELECT " + group + " AS g0, count() AS m0 FROM " + table + " GROUP BY g0 ORDER BY " + order + " FORMAT TabSeparated";
            direct.add(HttpRequest.newBuilder(URI.create(clickhouse + "/?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8) + settings))
                    .header("Authorization", auth).build());
        }
        double[] a = batches(http, viaService);
        double[] b = batches(http, direct);
        System.out.printf("%-44s %-10s %9.2f %9.2f%n", "facet batch (8 aggregates, 4 at a time)", "service", a[0], a[1]);
        System.out.printf("%-44s %-10s %9.2f %9.2f%n", "", "clickhouse", b[0], b[1]);
        System.out.printf("%-44s %-10s %9.2fx %8.2fx%n", "", "ratio", a[0] / b[0], a[1] / b[1]);
    }

    /** {p50 ms, p99 ms} of BATCHES batches, each all of {@code requests} sent four at a time, after 10 unmeasured. */
    static double[] batches(HttpClient http, List<HttpRequest> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        double[] latencies = new double[BATCHES];
        try {
            for (int b = -10; b < BATCHES; b++) {
                long start = System.nanoTime();
                List<Future<?>> sent = new ArrayList<>();
                for (HttpRequest request : requests) {
                    sent.add(pool.submit(() -> {
                        send(http, request);
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
                if (b >= 0) {
                    latencies[b] = (System.nanoTime() - start) / 1e6;
                }
            }
        } finally {
            pool.shutdown();
        }
        Arrays.sort(latencies);
        return new double[] {latencies[BATCHES / 2], latencies[(int) (BATCHES * 0.99)]};
    }

    static final int PACED = 100;

    /** {p50 ms, p99 ms} of PACED sequential requests, one every 100 ms. */
    static double[] paced(HttpClient http, HttpRequest request) throws Exception {
        double[] latencies = new double[PACED];
        for (int i = 0; i < PACED; i++) {
            long start = System.nanoTime();
            send(http, request);
            latencies[i] = (System.nanoTime() - start) / 1e6;
            Thread.sleep(Math.max(0, 100 - (long) latencies[i]));
        }
        Arrays.sort(latencies);
        return new double[] {latencies[PACED / 2], latencies[(int) (PACED * 0.99)]};
    }

    /** {p50 ms, p99 ms, requests per second with CLIENTS concurrent clients}. */
    static double[] measure(HttpClient http, HttpRequest request) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            send(http, request);
        }
        double[] latencies = new double[SEQUENTIAL];
        for (int i = 0; i < SEQUENTIAL; i++) {
            long start = System.nanoTime();
            send(http, request);
            latencies[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(latencies);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(pool.submit(() -> {
                for (int i = 0; i < PER_CLIENT; i++) {
                    send(http, request);
                }
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new double[] {latencies[SEQUENTIAL / 2], latencies[(int) (SEQUENTIAL * 0.99)], CLIENTS * PER_CLIENT / seconds};
    }

    static void send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " -> " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
    }
}
