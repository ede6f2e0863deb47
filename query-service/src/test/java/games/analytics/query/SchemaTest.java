package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import games.analytics.testing.ClickHouseServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/v1/schema tells the truth: every operator it lists is taken, every other one refused. */
class SchemaTest {

    static QueryServiceUnderTest service;
    static JsonNode schema;

    /** A value each kind parses, for trying operators. */
    static final Map<String, String> SAMPLE_VALUE = Map.of("integer", "1", "decimal", "1.5", "date", "2020", "boolean", "true",
            "text", "a", "list", "a");

    @BeforeAll
    static void start() throws Exception {
        service = QueryServiceUnderTest.start("schema", SampleGames.CSV);
        HttpResponse<String> answer = service.get("/api/v1/schema");
        assertEquals(200, answer.statusCode(), answer.body());
        schema = service.server.getApplicationContext().getBean(JsonMapper.class).readValue(answer.body(), JsonNode.class);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void columnsComeInRegistryOrderWithWhatTheyTake() {
        List<String> names = new ArrayList<>();
        schema.get("columns").values().forEach(c -> names.add(c.get("name").getStringValue()));
        assertEquals(GameColumns.ALL.stream().map(Column::name).toList(), names);
        JsonNode price = column("price");
        assertEquals("decimal", price.get("kind").getStringValue());
        assertEquals(List.of("eq","ne","gt","gte","lt","lte","between","in"), strings(price.get("operators")));
        assertEquals(List.of("sum","avg","median","stddev","var","p<1-99>","min","max","distinct","skew","kurt","iqr","range",
                "mode","nulls"), strings(price.get("metrics")));
        assertEquals(List.of("min","max","distinct","mode","nulls"), strings(column("name").get("metrics")));
        assertEquals(List.of("contains","eq","ne","exact","startswith","in"), strings(column("genres").get("operators")));
        assertEquals(false, column("genres").get("sortable").getBooleanValue());
        assertTrue(column("score_rank").get("nullable").getBooleanValue());
        assertTrue(strings(column("score_rank").get("operators")).contains("isnull"));
        assertEquals(List.of("release_year","release_month"), strings(schema.get("groupKeys")));
        assertEquals(List.of("eq","ne","gt","gte","lt","lte","between","in"), strings(schema.get("havingOperators")));
    }

    @Test
    void theOperatorTableAndTheReservedNamesAreServedForClientsAndTheUi() throws Exception {
        List<String> rows = new ArrayList<>();
        schema.get("operators").values().forEach(o -> rows.add(o.get("name").getStringValue() + "|" + o.get("wording").getStringValue()
                + "|" + o.get("shape").getStringValue()));
        assertEquals(java.util.Arrays.stream(games.analytics.query.grammar.Operator.values())
                .map(o -> o.name() + "|" + o.wording() + "|" + o.shape().name().toLowerCase(java.util.Locale.ROOT)).toList(), rows);
        assertTrue(rows.contains("gt|is greater than|one") && rows.contains("between|is between|pair"), rows.toString());
        List<String> reserved = strings(schema.get("reserved"));
        assertEquals(games.analytics.query.grammar.Reserved.ALL, reserved);
        for (String name : reserved) { // none of them is ever read as a filter
            HttpResponse<String> answer = service.get("/api/v1/games?limit=1&fields=app_id&" + name + "=" + ClickHouseServer.encode("x"));
            assertTrue(!answer.body().contains("unknown parameter"), name + ": " + answer.body());
        }
    }

    @Test
    void everyListedOperatorIsTakenAndEveryOtherRefused() throws Exception {
        List<String> all = new ArrayList<>();
        schema.get("operators").values().forEach(o -> all.add(o.get("name").getStringValue()));
        for (JsonNode column : schema.get("columns").values()) {
            String name = column.get("name").getStringValue();
            List<String> listed = strings(column.get("operators"));
            for (String op : all) {
                String value = op.equals("isnull") ? "true" : op.equals("between")
                        ? SAMPLE_VALUE.get(column.get("kind").getStringValue()) + "," + SAMPLE_VALUE.get(column.get("kind").getStringValue())
                        : SAMPLE_VALUE.get(column.get("kind").getStringValue());
                HttpResponse<String> answer = service.get("/api/v1/games?limit=1&fields=app_id&" + name + "__" + op + "=" + ClickHouseServer.encode(value));
                if (listed.contains(op)) {
                    assertEquals(200, answer.statusCode(), name + "__" + op + ": " + answer.body());
                } else {
                    assertEquals(400, answer.statusCode(), name + "__" + op);
                    assertTrue(answer.body().contains("does not apply to " + name), answer.body());
                }
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.values().forEach(item -> strings.add(item.getStringValue()));
        return strings;
    }

    private static JsonNode column(String name) {
        for (JsonNode c : schema.get("columns").values()) {
            if (c.get("name").getStringValue().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no column " + name);
    }
}
