package games.analytics.query;

import static games.analytics.query.SampleGames.ALL;
import static games.analytics.query.SampleGames.has;
import static games.analytics.query.SampleGames.year;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.csv.CsvParser;
import games.analytics.model.CsvFormat;
import games.analytics.query.SampleGames.Game;
import games.analytics.testing.ClickHouseServer;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Every operator, or-groups, fields, sorts, cursors and output formats, checked against {@link SampleGames}. */
@MicronautTest
class QueryLanguageTest extends ServiceOnClickHouse {

    QueryLanguageTest() throws Exception {
        super("lang", SampleGames.CSV);
    }

    static List<Long> ids(Predicate<Game> test) {
        return ALL.stream().filter(test).map(Game::appId).sorted().toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> page(String query) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games?" + query), Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows(String query) {
        return (List<Map<String, Object>>) page(query).get("data");
    }

    List<Long> appIds(String query) {
        return rows(query + "&limit=1000").stream().map(r -> ((Number) r.get("app_id")).longValue()).toList();
    }

    void same(Predicate<Game> expected, String query) {
        List<Long> want = ids(expected);
        assertEquals(want, appIds(query), query);
    }

    @Test
    void numberOperators() {
        same(g -> g.price().compareTo(new BigDecimal("9.99")) > 0, "price__gt=9.99");
        same(g -> g.price().compareTo(new BigDecimal("9.99")) >= 0, "price__gte=9.99");
        same(g -> g.price().compareTo(new BigDecimal("1")) < 0, "price__lt=1");
        same(g -> g.price().compareTo(new BigDecimal("0.99")) <= 0, "price__lte=0.99");
        same(g -> g.price().compareTo(new BigDecimal("19.99")) != 0, "price__ne=19.99");
        same(g -> g.price().compareTo(new BigDecimal("4.99")) == 0, "price__eq=4.99");
        same(g -> g.positive() >= 100 && g.positive() <= 1000, "positive__between=100,1000");
        same(g -> g.requiredAge() == 0 || g.requiredAge() == 17, "required_age__in=0,17");
        same(g -> g.positive() > 100, "positive__gt=100&limit=1000");
        same(g -> g.scoreRank() == null, "score_rank__isnull=true");
        same(g -> g.scoreRank() != null, "score_rank__isnull=false");
        same(g -> !g.windows() || g.mac(), "or=(windows__ne=true,mac=true)");
    }

    @Test
    void dateOperatorsTakeYearsMonthsAndDays() {
        same(g -> year(g) >= 2020, "release_date__gte=2020");
        same(g -> year(g) > 2020, "release_date__gt=2020");
        same(g -> year(g) >= 0 && year(g) < 2019, "release_date__lt=2019");
        same(g -> year(g) >= 0 && year(g) <= 2019, "release_date__lte=2019");
        same(g -> year(g) == 2020 && g.releaseDate().getMonthValue() == 7, "release_date=2020-07");
        same(g -> year(g) == 2021, "release_date__eq=2021");
        same(g -> year(g) >= 0 && year(g) != 2021, "release_date__ne=2021");
        same(g -> year(g) >= 0 && !g.releaseDate().isBefore(LocalDate.of(2019, 3, 1)) && !g.releaseDate().isAfter(LocalDate.of(2020, 12, 31)),
                "release_date__between=2019-03,2020");
        same(g -> LocalDate.of(2008, 10, 21).equals(g.releaseDate()) || year(g) == 2017, "release_date__in=2008-10-21,2017");
        same(g -> g.releaseDate() == null, "release_date__isnull=true");
        same(g -> g.releaseDate() != null, "release_date__isnull=false");
        same(g -> g.scoreRank() != null && g.scoreRank() < 5, "score_rank__lt=5");
    }

    @Test
    void textOperators() {
        String first = ALL.get(0).name(); // Galactic Bowling
        same(g -> g.name().equalsIgnoreCase(first), "name__eq=" + ClickHouseServer.encode(first.toUpperCase(Locale.ROOT)));
        same(g -> g.name().equals(first), "name__exact=" + ClickHouseServer.encode(first));
        same(g -> false, "name__exact=" + ClickHouseServer.encode(first.toUpperCase(Locale.ROOT)));
        same(g -> g.name().toLowerCase(Locale.ROOT).startsWith("the"), "name__startswith=THE");
        same(g -> has(g.name(), "the"), "name__contains=The");
        same(g -> !g.name().equalsIgnoreCase(first), "name__ne=" + ClickHouseServer.encode(first));
        same(g -> g.developers().equalsIgnoreCase("Perpetual FX Creative") || g.developers().contains(", LLC"),
                "developers__in=" + ClickHouseServer.encode("perpetual fx creative,\"Wise Wizard Games, LLC\""));
        same(g -> has(g.name(), "酒池肉"), "name=" + ClickHouseServer.encode("酒池肉"));
        same(g -> g.monthOnly(), "release_date_precision__exact=month");
        same(g -> g.releaseDate() == null, "release_date_precision__isnull=true");
    }

    @Test
    void listOperatorsMatchAnyElement() {
        same(g -> g.genres().stream().anyMatch(x -> x.equalsIgnoreCase("indie")), "genres__eq=INDIE");
        same(g -> g.genres().contains("Indie"), "genres__exact=Indie");
        same(g -> false, "genres__exact=indie");
        same(g -> g.tags().stream().anyMatch(x -> x.toLowerCase(Locale.ROOT).startsWith("pixel")), "tags__startswith=pixel");
        same(g -> g.genres().stream().anyMatch(x -> x.equalsIgnoreCase("rpg") || x.equalsIgnoreCase("racing")), "genres__in=rpg,Racing");
        same(g -> g.genres().stream().noneMatch(x -> x.equalsIgnoreCase("indie")), "genres__ne=indie");
        same(g -> g.languages().stream().anyMatch(x -> has(x, "portuguese")), "supported_languages=portuguese");
    }

    @Test
    void fieldsAndSort() {
        List<Map<String, Object>> rows = rows("fields=name,price&sort=-price,name&limit=5");
        List<Game> want = ALL.stream().sorted(Comparator.comparing(Game::price).reversed().thenComparing(Game::name)).limit(5).toList();
        assertEquals(want.stream().map(Game::name).toList(), rows.stream().map(r -> r.get("name")).toList());
        assertEquals(List.of("name", "price"), new ArrayList<>(rows.get(0).keySet()));
    }

    @Test
    void keysetPaginationWorksWithAnySort() {
        walk("sort=-positive", Comparator.comparing(Game::positive).reversed());
        walk("sort=name", Comparator.comparing(Game::name, (a, b) -> compareUtf8(a, b)));
        walk("sort=-release_date,-price", Comparator.comparing(Game::releaseDate, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Game::price, Comparator.reverseOrder()));
        walk("sort=score_rank,mac", Comparator.comparing(Game::scoreRank, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Game::mac));
        walk("sort=release_date", Comparator.comparing(Game::releaseDate, Comparator.nullsLast(Comparator.naturalOrder())));
        walk("sort=-positive&genres=indie", Comparator.comparing(Game::positive).reversed(), g -> g.genres().contains("Indie"));
    }

    void walk(String query, Comparator<Game> order) {
        walk(query, order, g -> true);
    }

    /** Pages of 7 in the given order must visit exactly the expected rows, once each, in order. */
    void walk(String query, Comparator<Game> order, Predicate<Game> filter) {
        List<Long> want = ALL.stream().filter(filter)
                .sorted(order.thenComparing(Game::appId).thenComparing(Game::sourceRow)).map(Game::appId).toList();
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = page(query + "&limit=7&fields=app_id" + (cursor == null ? "" : "&cursor=" + cursor));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) page.get("data");
            rows.forEach(r -> seen.add(((Number) r.get("app_id")).longValue()));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        assertEquals(want, seen, query);
    }

    static int compareUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void ndjsonAndCsvStreamTheSameRows() {
        String ndjson = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games?genres=indie&format=ndjson&fields=app_id,name,price,genres"));
        List<String> lines = ndjson.lines().toList();
        assertEquals(ids(g -> g.genres().contains("Indie")).size(), lines.size());
        lines.forEach(line -> assertTrue(line.startsWith("{\"app_id\":") && line.endsWith("]}"), line));

        HttpResponse<String> csv = http.toBlocking().exchange(HttpRequest.GET("/api/v1/games?genres=indie&fields=app_id,name,price,genres,windows,score_rank")
                .accept("text/csv"), String.class);
        assertEquals("text/csv; charset=utf-8", csv.getContentType().orElseThrow().toString());
        CsvParser parser = CsvFormat.newParser();
        List<String[]> records = parser.parseAll(new StringReader(csv.body()));
        assertEquals(List.of("app_id", "name", "price", "genres", "windows", "score_rank"), List.of(records.get(0)));
        assertEquals(ids(g -> g.genres().contains("Indie")), records.subList(1, records.size()).stream().map(r -> Long.parseLong(r[0])).toList());
        Game galactic = ALL.get(0);
        String[] first = records.stream().filter(r -> r[0].equals("20200")).findFirst().orElseThrow();
        assertEquals(List.of("20200", galactic.name(), "19.99", "[\"Casual\",\"Indie\",\"Sports\"]", "true", ""), List.of(first));
    }

    @Test
    void exactCount() {
        HttpResponse<Map<String, Object>> page = http.toBlocking().exchange(HttpRequest.GET("/api/v1/games?genres=indie&count=exact&limit=2"),
                Argument.mapOf(String.class, Object.class));
        int want = ids(g -> g.genres().contains("Indie")).size();
        assertEquals(Integer.toString(want), page.header("X-Total-Count"));
        assertEquals(want, ((Number) page.body().get("totalCount")).intValue());
        HttpResponse<String> csv = http.toBlocking().exchange(HttpRequest.GET("/api/v1/games?genres=indie&count=exact&format=csv&limit=3"), String.class);
        assertEquals(Integer.toString(want), csv.header("X-Total-Count"));
        assertEquals(4, csv.body().lines().count());
    }

    @Test
    void nonsenseIsA400ThatSaysWhatIsAllowed() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("name__gt=a", "use one of: eq, ne, contains, exact, startswith, in"),
                Map.entry("genres__gt=rpg", "does not apply to genres"),
                Map.entry("price__contains=1", "does not apply to price"),
                Map.entry("price=abc", "decimal number"),
                Map.entry("name__isnull=true", "use one of"),
                Map.entry("score_rank__isnull=maybe", "true or false"),
                Map.entry("release_date__gte=2020-13", "YYYY-MM-DD, YYYY-MM or YYYY"),
                Map.entry("positive__between=1", "two values"),
                Map.entry("price__frobnicate=1", "use one of"),
                Map.entry("sort=genres", "list and cannot be sorted"),
                Map.entry("sort=nope", "unknown column"),
                Map.entry("fields=nope", "unknown"),
                Map.entry("format=xml", "json, ndjson or csv"),
                Map.entry("or=price__lt=1", "or=(price__lt=1"),
                Map.entry("or=(limit=5)", "cannot be used inside"),
                Map.entry("count=maybe", "exact"),
                Map.entry("metrics=count", "aggregate"),
                Map.entry("limit=1001", "1 to 1000"));
        cases.forEach((query, detail) -> {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games?" + query)), query);
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus(), query);
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
            String body = e.getResponse().getBody(String.class).orElseThrow();
            assertTrue(body.contains(detail), query + " -> " + body);
        });
    }

    @Test
    void cursorsBelongToTheirSort() {
        String cursor = (String) page("sort=-positive&limit=3").get("nextCursor");
        assertFalse(cursor == null);
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games?sort=name&cursor=" + cursor)));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        assertNull(page("app_id=20200").get("nextCursor"));
    }
}
