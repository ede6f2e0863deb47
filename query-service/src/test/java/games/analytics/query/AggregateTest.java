package games.analytics.query;

import static games.analytics.query.SampleGames.ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.query.SampleGames.Game;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Aggregates against {@link SampleGames}: expected numbers are computed here in plain Java. */
@MicronautTest
class AggregateTest extends ServiceOnClickHouse {

    AggregateTest() throws Exception {
        super("agg", SampleGames.CSV);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows(String query) {
        Map<String, Object> body = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games/aggregate?" + query),
                Argument.mapOf(String.class, Object.class));
        return (List<Map<String, Object>>) body.get("data");
    }

    /** ClickHouse quantileExact: the element at floor(level * n) of the sorted values. */
    static double quantileExact(List<Double> values, double level) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min((int) (level * sorted.size()), sorted.size() - 1));
    }

    static double round6(double v) {
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).doubleValue();
    }

    @Test
    void aggregatesHaveNoCursor() {
        assertEquals("{\"data\":[{\"count\":" + ALL.size() + "}]}", http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games/aggregate")));
    }

    @Test
    void genresWithMoreThanThreeGames() {
        Map<String, List<Game>> byGenre = new TreeMap<>();
        ALL.forEach(g -> g.genres().forEach(genre -> byGenre.computeIfAbsent(genre, k -> new java.util.ArrayList<>()).add(g)));
        List<Map.Entry<String, List<Game>>> want = byGenre.entrySet().stream().filter(e -> e.getValue().size() > 3)
                .sorted(Comparator.comparing((Map.Entry<String, List<Game>> e) -> e.getValue().size()).reversed().thenComparing(Map.Entry::getKey))
                .toList();
        List<Map<String, Object>> got = rows("group_by=genres&metrics=count,avg:price,max:price,sum:price,p90:price,distinct:developers"
                + "&having=count__gt=3&sort=-count,genres");
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            List<Game> games = want.get(i).getValue();
            Map<String, Object> row = got.get(i);
            assertEquals(List.of("genres", "count", "avg_price", "max_price", "sum_price", "p90_price", "distinct_developers"),
                    List.copyOf(row.keySet()));
            assertEquals(want.get(i).getKey(), row.get("genres"));
            assertEquals(games.size(), ((Number) row.get("count")).intValue());
            double avg = games.stream().mapToDouble(g -> g.price().doubleValue()).average().orElseThrow();
            assertEquals(round6(avg), ((Number) row.get("avg_price")).doubleValue(), 1e-9, row.toString());
            assertEquals(0, games.stream().map(Game::price).max(Comparator.naturalOrder()).orElseThrow()
                    .compareTo(new BigDecimal(row.get("max_price").toString())));
            assertEquals(0, games.stream().map(Game::price).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .compareTo(new BigDecimal(row.get("sum_price").toString())), row.toString());
            assertEquals(quantileExact(games.stream().map(g -> g.price().doubleValue()).toList(), 0.9),
                    ((Number) row.get("p90_price")).doubleValue(), 1e-9, row.toString());
            assertEquals(new HashSet<>(games.stream().map(Game::developers).toList()).size(),
                    ((Number) row.get("distinct_developers")).intValue());
        }
    }

    @Test
    void byReleaseYearAndMonth() {
        Map<Integer, Long> years = ALL.stream().filter(g -> g.releaseDate() != null)
                .collect(Collectors.groupingBy(g -> g.releaseDate().getYear(), TreeMap::new, Collectors.counting()));
        Map<Object, Object> want = new LinkedHashMap<>(years);
        want.put(null, ALL.stream().filter(g -> g.releaseDate() == null).count()); // undated games: one NULL group, last
        Map<Object, Object> got = new LinkedHashMap<>();
        rows("group_by=release_year").forEach(r -> got.put(r.get("release_year") == null ? null : ((Number) r.get("release_year")).intValue(),
                ((Number) r.get("count")).longValue()));
        assertEquals(want, got);
        assertEquals(new java.util.ArrayList<>(want.keySet()), new java.util.ArrayList<>(got.keySet())); // NULL group last
        List<Map<String, Object>> months = rows("group_by=release_month&release_date__gte=2020-05&release_date__lte=2020-05");
        assertEquals(List.of(Map.of("release_month", "2020-05", "count",
                (int) ALL.stream().filter(g -> SampleGames.year(g) == 2020 && g.releaseDate().getMonthValue() == 5).count())), months);
    }

    @Test
    void wholeTableMetricsAndFilters() {
        Map<String, Object> row = rows("metrics=count,min:release_date,max:positive,median:positive,stddev:positive,avg:windows&genres=indie").get(0);
        List<Game> indie = ALL.stream().filter(g -> g.genres().contains("Indie")).toList();
        assertEquals(indie.size(), ((Number) row.get("count")).intValue());
        assertEquals(indie.stream().map(Game::releaseDate).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElseThrow().toString(),
                row.get("min_release_date"));
        assertEquals(indie.stream().mapToLong(Game::positive).max().orElseThrow(), ((Number) row.get("max_positive")).longValue());
        assertEquals(quantileExact(indie.stream().map(g -> (double) g.positive()).toList(), 0.5), ((Number) row.get("median_positive")).doubleValue(), 1e-9);
        double mean = indie.stream().mapToLong(Game::positive).average().orElseThrow();
        double var = indie.stream().mapToDouble(g -> Math.pow(g.positive() - mean, 2)).sum() / (indie.size() - 1);
        assertEquals(round6(Math.sqrt(var)), ((Number) row.get("stddev_positive")).doubleValue(), 1e-6);
        assertEquals(round6(indie.stream().filter(Game::windows).count() / (double) indie.size()), ((Number) row.get("avg_windows")).doubleValue(), 1e-9);
    }

    @Test
    void csvAndNdjsonAggregates() {
        String csv = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games/aggregate?group_by=windows,mac&metrics=count&format=csv"));
        long bothCount = ALL.stream().filter(g -> g.windows() && g.mac()).count();
        assertTrue(csv.startsWith("windows,mac,count\r\n"), csv);
        assertTrue(csv.contains("true,true," + bothCount + "\r\n"), csv);
        String ndjson = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games/aggregate?metrics=count&format=ndjson"));
        assertEquals("{\"count\":" + ALL.size() + "}\n", ndjson);
    }

    @Test
    void nonsenseIsA400() {
        Map<String, String> cases = Map.of(
                "metrics=avg:name", "needs a column of kind",
                "metrics=p100:price", "p<1-99>",
                "metrics=count:price", "metrics are count",
                "metrics=avg:nope", "unknown column",
                "group_by=nope", "unknown \\\"nope\\\"",
                "having=avg_price__gt=1", "not requested",
                "metrics=avg:price&having=avg_price__gt=abc", "a number",
                "having=count__contains=1", "having operators",
                "sort=nope", "group keys and metric names",
                "cursor=abc", "does not apply to aggregates");
        cases.forEach((query, detail) -> {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games/aggregate?" + query)), query);
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus(), query);
            String body = e.getResponse().getBody(String.class).orElseThrow();
            assertTrue(body.contains(detail), query + " -> " + body);
        });
    }
}
