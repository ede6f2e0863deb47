package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.query.SampleGames.Game;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * describe(), the shape metrics and similar games against the file read in plain Java: each statistic is computed here
 * from the values (sorted, summed in that order, as the service documents), each ranking from the games' sets.
 */
@MicronautTest
class AnalysisTest extends ServiceOnClickHouse {

    /** Games with non-Latin tags and genres, one with none, one sharing nothing with the rest. */
    static final String UNICODE = """

            103,9000004,Игра «Тест»,"Mar 1, 2021",0,1.00,0,Про.,['Russian'],TRUE,FALSE,FALSE,10,1,,Студия,Студия,Single-player,"Ролевые игры,Indie","Ролевые игры,Тактика,Indie,🎮"
            104,9000005,Близнец,"Mar 2, 2021",0,2.00,0,Про.,['Russian'],TRUE,FALSE,FALSE,10,1,,Студия,Студия,Single-player,Ролевые игры,"Тактика,Ролевые игры,🎮"
            105,9000006,Tagless,"Mar 3, 2021",0,0,0,None.,[],TRUE,FALSE,FALSE,0,0,,Dev,Pub,,,
            106,9000007,Loner,"Mar 4, 2021",0,0,0,None.,[],TRUE,FALSE,FALSE,0,0,,Dev,Pub,Single-player,Only mine,Only mine""";
    static final byte[] CSV = (new String(SampleGames.CSV, StandardCharsets.UTF_8) + UNICODE.stripTrailing()).getBytes(StandardCharsets.UTF_8);
    static final List<Game> GAMES = SampleGames.load(CSV);

    AnalysisTest() throws Exception {
        super("analysis", CSV);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows(String pathAndQuery) {
        return (List<Map<String, Object>>) http.toBlocking().retrieve(HttpRequest.GET(pathAndQuery), Argument.mapOf(String.class, Object.class))
                .get("data");
    }

    /** The statistics of describe() computed from {@code values} as documented; NaN where undefined. */
    static Map<String, Double> describe(List<Double> values, int rows) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double mean = sum / n;
        double[] power = new double[5];
        for (int k = 2; k <= 4; k++) {
            for (double x : v) {
                double d = x - mean;
                power[k] += k == 2 ? d * d : k == 3 ? d * d * d : d * d * d * d;
            }
        }
        double m2 = power[2] / n;
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("count", (double) n);
        s.put("nulls", (double) (rows - n));
        s.put("mean", mean);
        s.put("stddev", n < 2 ? Double.NaN : Math.sqrt(power[2] / (n - 1)));
        s.put("min", n == 0 ? Double.NaN : v[0]);
        s.put("p25", quantile(v, 0.25));
        s.put("median", quantile(v, 0.5));
        s.put("p75", quantile(v, 0.75));
        s.put("max", n == 0 ? Double.NaN : v[n - 1]);
        s.put("iqr", quantile(v, 0.75) - quantile(v, 0.25));
        s.put("range", n == 0 ? Double.NaN : v[n - 1] - v[0]);
        s.put("skew", power[3] / n / (m2 * Math.sqrt(m2)));
        s.put("kurt", power[4] / n / (m2 * m2) - 3);
        return s;
    }

    /** Linear interpolation between the two nearest values, as pandas and numpy do by default. */
    static double quantile(double[] sorted, double level) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * level;
        int lo = (int) Math.floor(h);
        double next = lo + 1 < sorted.length ? sorted[lo + 1] : 0;
        return sorted[lo] + (h - lo) * (next - sorted[lo]);
    }

    static void assertStatistic(double want, Object got, String what) {
        if (Double.isNaN(want) || Double.isInfinite(want)) {
            assertNull(got, what);
            return;
        }
        double rounded = AggregateTest.round6(want);
        assertEquals(rounded, ((Number) got).doubleValue(), 1e-9 * Math.max(1, Math.abs(rounded)), what);
    }

    static final Map<String, ToDoubleFunction<Game>> NUMBERS = Map.of("price", g -> g.price().doubleValue(),
            "positive", Game::positive, "negative", Game::negative, "required_age", Game::requiredAge, "windows", g -> g.windows() ? 1 : 0,
            "app_id", Game::appId);

    @Test
    void describeMatchesTheFileUnderFilters() {
        for (String filter : List.of("", "genres=indie", "release_date__gte=2020", "name=no%20such%20game")) {
            List<Game> games = GAMES.stream().filter(g -> switch (filter) {
                case "genres=indie" -> g.genres().stream().anyMatch(x -> x.equalsIgnoreCase("indie"));
                case "release_date__gte=2020" -> SampleGames.year(g) >= 2020;
                case "" -> true;
                default -> false;
            }).toList();
            List<Map<String, Object>> got = rows("/api/v1/games/describe?columns=price,positive,negative,required_age,score_rank,windows,app_id&" + filter);
            assertEquals(List.of("price", "positive", "negative", "required_age", "score_rank", "windows", "app_id"),
                    got.stream().map(r -> r.get("column")).toList(), filter);
            for (Map<String, Object> row : got) {
                String column = (String) row.get("column");
                List<Double> values = column.equals("score_rank")
                        ? games.stream().map(Game::scoreRank).filter(Objects::nonNull).map(Long::doubleValue).toList()
                        : games.stream().map(g -> NUMBERS.get(column).applyAsDouble(g)).toList();
                Map<String, Double> want = describe(values, games.size());
                assertEquals(new ArrayList<>(want.keySet()), new ArrayList<>(row.keySet()).subList(1, row.size()));
                want.forEach((name, value) -> assertStatistic(value, row.get(name), filter + " " + column + " " + name));
            }
        }
    }

    @Test
    void describeByDefaultTakesEveryNumberOfTheFile() {
        List<Map<String, Object>> got = rows("/api/v1/games/describe");
        assertEquals(List.of("app_id", "required_age", "price", "dlc_count", "positive", "negative", "score_rank"),
                got.stream().map(r -> r.get("column")).toList());
        got.forEach(r -> assertEquals(GAMES.size(), ((Number) r.get("count")).intValue() + ((Number) r.get("nulls")).intValue()));
        String csv = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games/describe?columns=price&format=csv"));
        assertTrue(csv.startsWith("column,count,nulls,mean,stddev,min,p25,median,p75,max,iqr,range,skew,kurt\r\nprice," + GAMES.size() + ",0,"), csv);
    }

    @Test
    void shapeMetricsPerGenreMatchTheFile() {
        Map<String, List<Game>> byGenre = new java.util.TreeMap<>();
        GAMES.forEach(g -> g.genres().forEach(genre -> byGenre.computeIfAbsent(genre, k -> new ArrayList<>()).add(g)));
        List<Map<String, Object>> got = rows("/api/v1/games/aggregate?group_by=genres&metrics=count,skew:positive,kurt:price,iqr:negative,"
                + "range:price,mode:developers,mode:tags,mode:release_date,nulls:score_rank,nulls:name&limit=1000");
        assertEquals(byGenre.size(), got.size());
        for (Map<String, Object> row : got) {
            List<Game> games = byGenre.get((String) row.get("genres"));
            String where = row.get("genres") + ": ";
            assertStatistic(describe(games.stream().map(g -> (double) g.positive()).toList(), 0).get("skew"), row.get("skew_positive"), where + "skew");
            assertStatistic(describe(games.stream().map(g -> g.price().doubleValue()).toList(), 0).get("kurt"), row.get("kurt_price"), where + "kurt");
            List<Double> negative = games.stream().map(g -> (double) g.negative()).toList();
            assertStatistic(AggregateTest.quantileExact(negative, 0.75) - AggregateTest.quantileExact(negative, 0.25), row.get("iqr_negative"), where + "iqr");
            assertEquals(0, games.stream().map(Game::price).max(Comparator.naturalOrder()).orElseThrow()
                    .subtract(games.stream().map(Game::price).min(Comparator.naturalOrder()).orElseThrow())
                    .compareTo(new java.math.BigDecimal(row.get("range_price").toString())), where + "range");
            assertEquals(mode(games.stream().map(Game::developers).toList()), row.get("mode_developers"), where + "mode");
            assertEquals(mode(games.stream().flatMap(g -> g.tags().stream()).toList()), row.get("mode_tags"), where + "mode tags");
            assertEquals(mode(games.stream().map(Game::releaseDate).filter(Objects::nonNull).map(Object::toString).toList()), // ISO days sort as days
                    row.get("mode_release_date"), where + "mode date");
            assertEquals(games.stream().filter(g -> g.scoreRank() == null).count(), ((Number) row.get("nulls_score_rank")).longValue());
            assertEquals(0, ((Number) row.get("nulls_name")).intValue());
        }
        List<Map<String, Object>> having = rows("/api/v1/games/aggregate?group_by=genres&metrics=mode:developers,skew:positive"
                + "&having=skew_positive__gt=1&having=mode_developers__gte=D&sort=-skew_positive");
        assertEquals(got.stream().filter(r -> r.get("skew_positive") != null && ((Number) r.get("skew_positive")).doubleValue() > 1
                && ((String) r.get("mode_developers")).compareTo("D") >= 0).count(), having.size());
    }

    /** The most frequent value, ties to the smallest as ClickHouse orders text (by UTF-8 bytes); null when none. */
    static String mode(List<String> values) {
        Comparator<String> bytes = Comparator.comparing(v -> v.getBytes(StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned);
        Map<String, Long> counts = new java.util.TreeMap<>(bytes);
        values.forEach(v -> counts.merge(v, 1L, Long::sum));
        String mode = null;
        for (Map.Entry<String, Long> e : counts.entrySet()) { // ascending: a later value wins only with more
            if (mode == null || e.getValue() > counts.get(mode)) {
                mode = e.getKey();
            }
        }
        return mode;
    }

    /** The oracle's ranking: Jaccard of the sets, then positive descending, app_id, source_row; sharing something. */
    static List<Game> similar(Game of, List<Game> candidates, int limit) {
        Set<String> a = new LinkedHashSet<>(of.tags());
        a.addAll(of.genres());
        Map<Game, Double> similarity = new LinkedHashMap<>();
        for (Game g : candidates) {
            Set<String> b = new LinkedHashSet<>(g.tags());
            b.addAll(g.genres());
            long common = b.stream().filter(a::contains).count();
            if (g.appId() != of.appId() && common > 0) {
                similarity.put(g, (double) common / (a.size() + b.size() - common));
            }
        }
        return similarity.keySet().stream().sorted(Comparator.comparing((Game g) -> similarity.get(g)).reversed()
                .thenComparing(Comparator.comparingLong(Game::positive).reversed()).thenComparingLong(Game::appId)
                .thenComparingLong(Game::sourceRow)).limit(limit).toList();
    }

    static double jaccard(Game x, Game y) {
        Set<String> a = new LinkedHashSet<>(x.tags());
        a.addAll(x.genres());
        Set<String> b = new LinkedHashSet<>(y.tags());
        b.addAll(y.genres());
        long common = b.stream().filter(a::contains).count();
        return (double) common / (a.size() + b.size() - common);
    }

    @Test
    void similarGamesRankAsTheSetsSay() {
        for (Game game : GAMES) {
            List<Game> want = similar(game, GAMES, 10);
            List<Map<String, Object>> got = rows("/api/v1/games/" + game.appId() + "/similar");
            assertEquals(want.stream().map(Game::appId).toList(), got.stream().map(r -> ((Number) r.get("app_id")).longValue()).toList(),
                    "similar to " + game.appId());
            for (int i = 0; i < want.size(); i++) {
                assertEquals(AggregateTest.round6(jaccard(game, want.get(i))), ((Number) got.get(i).get("similarity")).doubleValue(), 1e-9);
                assertEquals(want.get(i).name(), got.get(i).get("name"));
            }
        }
    }

    @Test
    void similarTakesFiltersFieldsLimitAndFormats() {
        Game rpg = GAMES.stream().filter(g -> g.appId() == 9000003).findFirst().orElseThrow();
        List<Game> cheap = GAMES.stream().filter(g -> g.price().doubleValue() < 5).toList();
        List<Game> want = similar(rpg, cheap, 25);
        List<Map<String, Object>> got = rows("/api/v1/games/9000003/similar?price__lt=5&limit=25&fields=app_id,price");
        assertEquals(want.stream().map(Game::appId).toList(), got.stream().map(r -> ((Number) r.get("app_id")).longValue()).toList());
        got.forEach(r -> assertEquals(List.of("app_id", "price", "similarity"), List.copyOf(r.keySet())));
        String ndjson = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games/9000004/similar?fields=name&format=ndjson"));
        assertEquals("{\"name\":\"Близнец\",\"similarity\":" + AggregateTest.round6(3 / 4.0) + "}\n", ndjson.lines().findFirst().orElseThrow() + "\n");
        assertEquals(List.of(), rows("/api/v1/games/9000006/similar"), "a game without tags or genres is like no other");
        assertEquals(List.of(), rows("/api/v1/games/9000007/similar"), "nothing shares its only genre");
    }

    @Test
    void badRequestsAreProblems() {
        Map<String, HttpStatus> cases = new LinkedHashMap<>();
        cases.put("/api/v1/games/1/similar", HttpStatus.NOT_FOUND);
        cases.put("/api/v1/games/abc/similar", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/-1/similar", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/99999999999/similar", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/9000003/similar?limit=0", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/9000003/similar?limit=1001", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/9000003/similar?sort=name", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/9000003/similar?cursor=x", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/9000003/similar?nope=1", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/describe?columns=name", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/describe?columns=nope", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/describe?columns=,", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/describe?limit=5", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/describe?metrics=count", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/describe?price=abc", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games?columns=price", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/aggregate?columns=price", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/aggregate?metrics=skew:name", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/aggregate?metrics=range:release_date", HttpStatus.BAD_REQUEST);
        cases.put("/api/v1/games/aggregate?metrics=mode", HttpStatus.BAD_REQUEST);
        cases.forEach((path, status) -> {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().retrieve(HttpRequest.GET(path)), path);
            assertEquals(status, e.getStatus(), path);
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString(), path);
        });
    }
}
