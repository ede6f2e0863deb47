package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import games.analytics.query.SampleGames.Game;
import games.analytics.query.grammar.Operator;
import games.analytics.query.grammar.Reserved;
import games.analytics.testing.ClickHouseServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and hostile parameters against the real service and ClickHouse: no input gives a 5xx, and
 * text that looks like SQL is matched as data (the answer equals the oracle's), so it never runs as SQL.
 */
class HostileInputTest {

    static final List<String> HOSTILE = List.of("'", "\\", "\\'", "''", "');", "'); DROP TABLE games_current; --",
            "\u0000", "' OR '1'='1", "%", "_", "*", "\"", "`", "${x}", "{x:String}", "\\0", "\t", "\n", "]", "['", "酒", "🎮", "é");

    static QueryServiceUnderTest service;

    @BeforeContainer
    static void start() throws Exception {
        service = QueryServiceUnderTest.start("props", SampleGames.CSV);
    }

    @AfterContainer
    static void stop() {
        service.close();
    }

    static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return service.get(pathAndQuery);
    }

    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> fragments = Arbitraries.of(HOSTILE);
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(6);
        return Combinators.combine(fragments, ascii, fragments).as((a, b, c) -> a + b + c);
    }

    @Property(tries = 150)
    void textFiltersTreatAnyValueAsData(@ForAll("hostileText") String value) throws Exception {
        HttpResponse<String> response = get("/api/v1/games?fields=app_id&limit=1000&format=ndjson&name=" + ClickHouseServer.encode(value));
        assertEquals(200, response.statusCode(), response.body());
        List<Long> got = response.body().lines().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).toList();
        List<Long> want = SampleGames.ALL.stream().filter(g -> g.name().toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT)))
                .map(Game::appId).sorted().toList();
        assertEquals(want, got, value);
        assertEquals("1\n", service.ch.sql("SELECT count() FROM system.tables WHERE database = '" + service.db + "' AND name = 'games_current'"));
    }

    @Provide
    Arbitrary<String> parameterName() {
        List<String> names = new ArrayList<>(Reserved.ALL);
        for (Column column : GameColumns.ALL) {
            names.add(column.name());
            for (Operator op : Operator.values()) {
                names.add(column.name() + "__" + op.name());
            }
        }
        return Arbitraries.oneOf(Arbitraries.of(names), Arbitraries.strings().ofMaxLength(12));
    }

    @Provide
    Arbitrary<String> anyValue() {
        return Arbitraries.oneOf(hostileText(), Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of("1", "-1", "0.5", "2020", "2020-05", "2020-05-01", "true", "a,b", "1,2", "(x=1)", "(price__lt=1,name=a)",
                        "-positive", "name,price", "99999999999999999999", "1e5", "NaN", "exact", "csv", "count,avg:price", "genres"));
    }

    @Property(tries = 400)
    void noParameterMakesA5xx(@ForAll("parameterName") String name, @ForAll("anyValue") String value,
                              @ForAll("parameterName") String name2, @ForAll("anyValue") String value2) throws Exception {
        for (String path : List.of("/api/v1/games", "/api/v1/games/aggregate")) {
            String query = "?" + ClickHouseServer.encode(name) + "=" + ClickHouseServer.encode(value)
                    + "&" + ClickHouseServer.encode(name2) + "=" + ClickHouseServer.encode(value2);
            HttpResponse<String> response = get(path + query);
            assertTrue(response.statusCode() == 200 || response.statusCode() == 400,
                    path + query + " -> " + response.statusCode() + " " + response.body());
            if (response.statusCode() == 400) {
                assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), response.body());
            }
        }
    }
}
