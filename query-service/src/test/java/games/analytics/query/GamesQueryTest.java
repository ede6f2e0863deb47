package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.TestData;
import games.analytics.testing.TestDataset;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Filters against a real ClickHouse loaded with the sample file. Expected rows are computed here from
 * the CSV's raw text with plain Java, not by the service.
 */
@MicronautTest
class GamesQueryTest extends ServiceOnClickHouse {

    static final byte[] SAMPLE = TestData.bytes(TestData.SAMPLE);
    final List<String[]> records = TestDataset.records(SAMPLE);
    final List<String> header = Arrays.asList(records.get(0));

    GamesQueryTest() throws Exception {
        super("query", SAMPLE);
    }

    String cell(String[] record, String headerName) {
        return record[header.indexOf(headerName)];
    }

    /** App ids of the file's rows matching {@code test}, in the service's documented order. */
    List<Long> expected(Predicate<String[]> test) {
        return records.subList(1, records.size()).stream().filter(test)
                .map(r -> Long.parseLong(cell(r, "AppID"))).sorted(Comparator.naturalOrder()).toList();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> data(String query) {
        Map<String, Object> body = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games?" + query), Argument.mapOf(String.class, Object.class));
        return (List<Map<String, Object>>) body.get("data");
    }

    List<Long> appIds(String query) {
        return data(query + "&limit=1000").stream().map(r -> ((Number) r.get("app_id")).longValue()).toList();
    }

    boolean containsIgnoreCase(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    @Test
    void textMatchesCaseInsensitiveSubstrings() {
        List<Long> expected = expected(r -> containsIgnoreCase(cell(r, "Name"), "the"));
        assertTrue(expected.size() > 3);
        assertEquals(expected, appIds("name=THE"));
        assertEquals(expected(r -> cell(r, "Name").contains("酒池肉")), appIds("name=" + ClickHouseServer.encode("酒池肉")));
        assertEquals(expected(r -> containsIgnoreCase(cell(r, "Developers"), "games, llc")), appIds("developers=games,%20LLC"));
    }

    @Test
    void listsMatchWhenAnyElementContainsTheValue() {
        List<Long> expected = expected(r -> Arrays.stream(cell(r, "Genres").split(","))
                .anyMatch(g -> containsIgnoreCase(g, "rpg")));
        assertFalse(expected.isEmpty());
        assertEquals(expected, appIds("genres=rpg"));
        assertEquals(expected(r -> containsIgnoreCase(cell(r, "Supported languages"), "'Spanish - Spain'")),
                appIds("supported_languages=spanish%20-%20spain"));
    }

    @Test
    void numbersDatesAndBooleansMatchExactly() {
        assertEquals(expected(r -> new BigDecimal(cell(r, "Price")).compareTo(new BigDecimal("19.99")) == 0), appIds("price=19.99"));
        assertEquals(expected(r -> new BigDecimal(cell(r, "Price")).signum() == 0), appIds("price=0"));
        assertEquals(expected(r -> cell(r, "Required age").equals("17")), appIds("required_age=17"));
        DateTimeFormatter steam = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);
        assertEquals(expected(r -> cell(r, "Release date").contains(",")
                && LocalDate.parse(cell(r, "Release date"), steam).equals(LocalDate.of(2020, 7, 23))), appIds("release_date=2020-07-23"));
        assertEquals(expected(r -> cell(r, "Windows").equals("TRUE") && cell(r, "Mac").equals("TRUE") && containsIgnoreCase(cell(r, "Genres"), "indie")),
                appIds("windows=true&mac=true&genres=indie"));
        assertEquals(List.of(), appIds("name=galactic&name=train")); // repeated parameters are ANDed
    }

    @Test
    void rowsComeBackTyped() {
        String body = http.toBlocking().retrieve("/api/v1/games?app_id=20200");
        assertTrue(body.contains("\"price\":19.99,"), body);
        assertTrue(body.contains("\"release_date\":\"2008-10-21\""), body);
        assertTrue(body.contains("\"supported_languages\":[\"English\"]"), body);
        assertTrue(body.contains("\"score_rank\":null"), body);
        assertTrue(body.contains("\"windows\":true,\"mac\":false"), body);
        assertTrue(body.endsWith("],\"nextCursor\":null}"), body);
        Map<String, Object> month = data("app_id=1232510").get(0);
        assertEquals("2020-05-01", month.get("release_date"));
        assertEquals("month", month.get("release_date_precision"));
    }

    @Test
    void keysetPaginationVisitsEveryRowOnceInOrder() {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> body = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games?limit=7" + (cursor == null ? "" : "&cursor=" + cursor)),
                    Argument.mapOf(String.class, Object.class));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> page = (List<Map<String, Object>>) body.get("data");
            assertTrue(page.size() <= 7);
            page.forEach(r -> seen.add(((Number) r.get("app_id")).longValue()));
            cursor = (String) body.get("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(15, pages);
        assertEquals(expected(r -> true), seen);
        assertEquals(50, data("").size()); // default limit
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        Map<String, String> cases = Map.of(
                "colour=red", "colour",
                "price=abc", "price",
                "release_date=2020-13-01", "release_date",
                "windows=maybe", "windows",
                "app_id=1.5", "app_id",
                "limit=0", "limit",
                "limit=1001", "limit",
                "cursor=garbage", "cursor");
        cases.forEach((query, parameter) -> {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().retrieve("/api/v1/games?" + query), query);
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus(), query);
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString(), query);
            Map<String, Object> problem = e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
            assertEquals(parameter, problem.get("parameter"), query + ": " + problem);
            assertEquals(java.util.Set.of("type", "title", "status", "detail", "parameter"), problem.keySet(), query); // the one shape
            assertTrue(String.valueOf(problem.get("detail")).contains(parameter), query + ": " + problem);
        });
    }

    @Test
    void hostileValuesAreData() {
        for (String value : List.of("'); DROP TABLE x; --", "\\", "'", "\\'", "\u0000", "a' OR '1'='1", "🎮")) {
            assertEquals(expected(r -> containsIgnoreCase(cell(r, "Name"), value)), appIds("name=" + ClickHouseServer.encode(value)), value);
        }
        assertEquals("100\n", ch.sql("SELECT count() FROM " + db + "." + ch.sql("SELECT table_name FROM " + db
                + ".games_current ORDER BY version DESC LIMIT 1").strip()));
    }

    @Test
    void healthNamesTheCurrentTable() {
        String body = http.toBlocking().retrieve("/health");
        assertTrue(body.contains("\"status\":\"UP\""), body);
        assertTrue(body.contains("games_test"), body);
    }
}
