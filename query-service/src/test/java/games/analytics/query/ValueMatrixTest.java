package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import games.analytics.query.grammar.Metric;
import games.analytics.query.grammar.Operator;
import games.analytics.testing.ClickHouseServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deterministic twin of {@link HostileInputTest}'s random properties: every column x every operator it
 * allows x every value shape, and every metric kind x every having operator x every shape, against the real
 * service and ClickHouse. None may answer 5xx (a ClickHouse error would also spend the shared error quota);
 * a refusal is a problem+json 400 naming the parameter.
 */
class ValueMatrixTest {

    /** integer, decimal, negative, exponent, huge, tiny, empty, unicode, dates, booleans, lists and pairs of them. */
    static final List<String> SHAPES = List.of("1", "2.5", "-1", "-0.01", "1e3", "1E-2", "1e400", "1e-999999", "1e999999999",
            "99999999999999999999", "123456789.123456789", "0.000000001", "", " ", "酒🎮", "é", "\u0000", "'", "NaN", "Infinity",
            "0x10", "2020", "2020-05", "2020-05-07", "2020-13-01", "0000-01-01", "9999-12-31", "true", "false", "1,2.5",
            "-1,1e3", "1,", ",", "2019-03,2020", "\"a,b\",c", "1,2,3");

    static final List<String> METRICS = List.of("count", "sum:price", "sum:positive", "sum:windows", "avg:price", "median:positive",
            "stddev:negative", "var:dlc_count", "p90:price", "min:price", "max:release_date", "min:name", "max:app_id",
            "distinct:genres", "distinct:developers", "skew:positive", "kurt:price", "iqr:negative", "range:price", "range:score_rank",
            "mode:developers", "mode:tags", "mode:release_date", "mode:price", "mode:windows", "nulls:score_rank");

    static final List<String> HAVING_OPERATORS = List.of("eq", "ne", "gt", "gte", "lt", "lte", "between", "in");

    static QueryServiceUnderTest service;

    @BeforeAll
    static void start() throws Exception {
        service = QueryServiceUnderTest.start("matrix", SampleGames.CSV);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void everyFilterShapeIsAnAnswerOrA400() throws Exception {
        List<String> failures = new ArrayList<>();
        int answered = 0;
        for (Column column : GameColumns.ALL) {
            for (Operator op : Operator.allowed(column)) {
                for (String value : SHAPES) {
                    String parameter = column.name() + "__" + op.name();
                    answered += check("/api/v1/games?fields=app_id&limit=5&" + parameter + "=" + ClickHouseServer.encode(value), parameter, failures);
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(answered > 300, "most shapes fit some column: " + answered + " answered 200");
    }

    @Test
    void everyHavingShapeIsAnAnswerOrA400() throws Exception {
        List<String> failures = new ArrayList<>();
        int answered = 0;
        for (String spec : METRICS) {
            String name = Metric.parse(spec).name();
            for (String op : HAVING_OPERATORS) {
                for (String value : SHAPES) {
                    String query = "/api/v1/games/aggregate?group_by=genres&metrics=" + ClickHouseServer.encode(spec)
                            + "&having=" + ClickHouseServer.encode(name + "__" + op + "=" + value);
                    answered += check(query, "having", failures);
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(answered > 300, "most shapes fit some metric: " + answered + " answered 200");
    }

    /** 1 for a 200; a 400 must be problem+json naming {@code parameter}; anything else is a failure. */
    private static int check(String pathAndQuery, String parameter, List<String> failures) throws Exception {
        HttpResponse<String> response = service.get(pathAndQuery);
        int status = response.statusCode();
        if (status == 200) {
            return 1;
        }
        boolean namedProblem = status == 400
                && response.headers().firstValue("Content-Type").orElse("").equals("application/problem+json")
                && response.body().contains("\"parameter\":\"" + parameter);
        if (!namedProblem) {
            failures.add(pathAndQuery + " -> " + status + " " + response.body());
        }
        return 0;
    }
}
