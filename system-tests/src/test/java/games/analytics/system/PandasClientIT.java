package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A real analyst's client: Debian's pandas runs {@code notebook_client.py} against the gateway (log in, a CSV export,
 * an NDJSON stream, an aggregate and describe() into DataFrames). What it read is checked against the sample CSV read
 * in Java, and the service's describe() against pandas' own describe() of the exported rows.
 */
class PandasClientIT {

    /** Debian's python3 with python3-pandas (deploy/local/test.sh installs it and sets this). */
    static final String PYTHON = System.getenv().getOrDefault("PANDAS_PYTHON", "/usr/bin/python3");

    final Stack stack = Stack.get();
    final SampleOracle oracle = new SampleOracle(TestData.bytes(TestData.SAMPLE));

    PandasClientIT() throws Exception {
    }

    @Test
    void aNotebookReadsExportsAggregatesAndDescribeAsTheFileSays() throws Exception {
        stack.ingestSample();
        List<String[]> lines = run();
        Map<String, String> one = new HashMap<>();
        Map<String, Integer> genreCounts = new TreeMap<>();
        Map<String, Double> service = new HashMap<>();
        Map<String, Double> pandas = new HashMap<>();
        for (String[] f : lines) {
            switch (f[0]) {
                case "genre_count" -> genreCounts.put(f[1], Integer.parseInt(f[2]));
                case "service" -> service.put(f[1] + " " + f[2], f[3].equals("null") ? null : Double.parseDouble(f[3]));
                case "pandas" -> pandas.put(f[1] + " " + f[2], Double.parseDouble(f[3]));
                default -> one.put(f[0], f[1]);
            }
        }
        List<SampleOracle.Game> indie = oracle.rows.stream().filter(g -> g.genres().contains("Indie"))
                .sorted(Comparator.comparingLong(g -> Long.parseLong(g.appId()))).toList();
        assertEquals(indie.stream().map(SampleOracle.Game::appId).collect(Collectors.joining(",")), one.get("indie_app_ids"), "read_csv of an export");
        assertEquals(String.valueOf(indie.stream().mapToLong(g -> g.price().movePointRight(2).longValueExact()).sum()), one.get("indie_price_sum_cents"));
        assertEquals(oracle.rows.stream().filter(g -> g.genres().contains("Action")).map(SampleOracle.Game::appId)
                .sorted(Comparator.comparingLong(Long::parseLong)).collect(Collectors.joining(",")), one.get("action_app_ids"), "read_json of NDJSON");
        assertEquals("True", one.get("action_genres_hold_action"), "lists arrive as lists");
        Map<String, Integer> expected = new TreeMap<>();
        oracle.rows.forEach(g -> g.genres().stream().filter(s -> !s.isEmpty()).forEach(s -> expected.merge(s, 1, Integer::sum)));
        assertEquals(expected, genreCounts, "an aggregate as a DataFrame");
        // the service's describe() against pandas' describe() of the same rows: count, mean, std, min, quartiles, max
        Map<String, String> names = Map.of("count", "count", "mean", "mean", "std", "stddev", "min", "min", "25%", "p25", "50%", "median",
                "75%", "p75", "max", "max");
        List<String> compared = new ArrayList<>();
        for (String column : List.of("price", "positive")) {
            names.forEach((ours, theirs) -> {
                double want = pandas.get(column + " " + ours);
                Double got = service.get(column + " " + theirs);
                assertEquals(want, got, 1e-6 * Math.max(1, Math.abs(want)), column + " " + theirs + " against pandas' " + ours);
                compared.add(column + " " + theirs);
            });
        }
        assertEquals(16, compared.size());
        assertEquals((double) indie.size(), service.get("price count"));
        assertTrue(service.containsKey("positive skew") && service.containsKey("positive kurt"), service.keySet().toString());
    }

    /** Runs the script with the gateway and a login user; its stdout as tab-separated fields, a line each. */
    private List<String[]> run() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(PYTHON, Path.of("src/test/resources/notebook_client.py").toString())
                .redirectErrorStream(false);
        builder.environment().putAll(Map.of("GATEWAY", stack.gateway.url(), "LOGIN_USER", Stack.LOGIN_USER, "LOGIN_PASSWORD", Stack.LOGIN_PASSWORD));
        Process python = builder.start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(120, TimeUnit.SECONDS), "the script ends");
        assertEquals(0, python.exitValue(), PYTHON + " notebook_client.py failed (is python3-pandas installed?):\n" + err);
        return out.lines().map(line -> line.split("\t", -1)).toList();
    }
}
