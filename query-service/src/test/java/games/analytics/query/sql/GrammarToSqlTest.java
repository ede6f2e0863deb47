package games.analytics.query.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import games.analytics.query.grammar.AggregateRequest;
import games.analytics.query.grammar.BadParameterException;
import games.analytics.query.grammar.Condition;
import games.analytics.query.grammar.Filters;
import games.analytics.query.grammar.GamesRequest;
import games.analytics.query.grammar.Interval;
import games.analytics.query.grammar.Operator;
import games.analytics.query.grammar.RequestParameters;
import games.analytics.query.grammar.Value;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request parameters -> typed condition tree -> SQL, without a server: what each step produces, exactly. */
class GrammarToSqlTest {

    static RequestParameters query(String... pairs) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return RequestParameters.of(parameters);
    }

    static String where(String... pairs) {
        return ConditionSql.where(Filters.parse(query(pairs).all()));
    }

    @Test
    void valuesAreParsedIntoTypesBeforeAnySql() {
        Condition.Compare price = (Condition.Compare) Filters.parse(query("price__in", "1,2.5").all()).getFirst();
        assertEquals(Operator.in, price.operator());
        assertEquals(List.of(Interval.of(new Value.Dec(new BigDecimal("1"))), Interval.of(new Value.Dec(new BigDecimal("2.5")))), price.values());
        Condition.Compare year = (Condition.Compare) Filters.parse(query("release_date", "2020").all()).getFirst();
        assertEquals(new Interval(new Value.Day(LocalDate.of(2020, 1, 1)), new Value.Day(LocalDate.of(2020, 12, 31))), year.values().getFirst());
    }

    @Test
    void eachKindRendersThroughTheOperatorTable() {
        assertEquals(" WHERE (price = toDecimal64('1', 0) OR price = toDecimal64('2.5', 1))", where("price__in", "1,2.5"));
        assertEquals(" WHERE (isNotNull(release_date) AND (assumeNotNull(release_date) BETWEEN toDate('2020-01-01') AND toDate('2020-12-31')))",
                where("release_date", "2020"));
        assertEquals(" WHERE (isNotNull(release_date) AND assumeNotNull(release_date) > toDate('2020-05-31'))", where("release_date__gt", "2020-05"));
        assertEquals(" WHERE positionCaseInsensitiveUTF8(name, 'it\\'s') > 0", where("name", "it's"));
        assertEquals(" WHERE NOT arrayExists(x -> lowerUTF8(x) = lowerUTF8('rpg'), genres)", where("genres__ne", "rpg"));
        assertEquals(" WHERE windows = 1 AND NOT (positive = 5)", where("windows", "true", "positive__ne", "5"));
        assertEquals(" WHERE isNull(score_rank)", where("score_rank__isnull", "true"));
        assertEquals(" WHERE (dlc_count BETWEEN -1 AND 3)", where("dlc_count__between", "-1,3"));
    }

    @Test
    void anOrGroupSplitsOnlyBeforeARealFilterKey() {
        assertEquals(" WHERE (positionCaseInsensitiveUTF8(name, 'a,x=b') > 0 OR price < toDecimal64('1', 0))",
                where("or", "(name=a,x=b,price__lt=1)"));
        assertEquals(" WHERE (positionCaseInsensitiveUTF8(name, '\"a,price=1\"') > 0 OR positive > 5)",
                where("or", "(name=\"a,price=1\",positive__gt=5)"));
    }

    @Test
    void rowsCountAndAggregateStatements() {
        GamesRequest rows = GamesRequest.parse(query("genres", "indie", "sort", "-score_rank", "fields", "app_id,name", "limit", "2"), 1000);
        // the page's keys first, under the filter and sort; then the fields of those rows only
        String order = " ORDER BY isNull(score_rank) ASC, ifNull(score_rank, 0) DESC, app_id ASC, source_row ASC";
        assertEquals("SELECT app_id, name, isNull(score_rank), ifNull(score_rank, 0), app_id, source_row FROM games.t"
                + " WHERE (release_year, app_id, source_row) IN (SELECT release_year, app_id, source_row FROM games.t"
                + " WHERE arrayExists(x -> positionCaseInsensitiveUTF8(x, 'indie') > 0, genres)" + order + " LIMIT 3)"
                + order + " LIMIT 3 FORMAT TabSeparated",
                GamesSql.rows(Source.of("games", "t"), rows).sql());
        assertEquals(4, GamesSql.rows(Source.of("games", "t"), rows).hiddenColumns());
        // a stream has no cursor: no hidden sort terms, and no extra row
        GamesRequest csv = GamesRequest.parse(query("genres", "indie", "sort", "-score_rank", "fields", "app_id,name", "limit", "2", "format", "csv"), 1000);
        assertEquals("SELECT app_id, name FROM games.t"
                + " WHERE (release_year, app_id, source_row) IN (SELECT release_year, app_id, source_row FROM games.t"
                + " WHERE arrayExists(x -> positionCaseInsensitiveUTF8(x, 'indie') > 0, genres)" + order + " LIMIT 2)"
                + order + " LIMIT 2 FORMAT TabSeparated",
                GamesSql.rows(Source.of("games", "t"), csv).sql());
        // an export past 1,000 rows, or fields that are the key, read in one pass
        GamesRequest export = GamesRequest.parse(query("genres", "indie", "fields", "app_id,name", "limit", "1001", "format", "csv"), 2000);
        assertEquals("SELECT app_id, name FROM games.t WHERE arrayExists(x -> positionCaseInsensitiveUTF8(x, 'indie') > 0, genres)"
                + " ORDER BY app_id ASC, source_row ASC LIMIT 1001 FORMAT TabSeparated", GamesSql.rows(Source.of("games", "t"), export).sql());
        GamesRequest keys = GamesRequest.parse(query("genres", "indie", "fields", "app_id"), 1000);
        assertEquals("SELECT app_id, app_id, source_row FROM games.t WHERE arrayExists(x -> positionCaseInsensitiveUTF8(x, 'indie') > 0, genres)"
                + " ORDER BY app_id ASC, source_row ASC LIMIT 51 FORMAT TabSeparated", GamesSql.rows(Source.of("games", "t"), keys).sql());
        assertEquals(0, GamesSql.rows(Source.of("games", "t"), csv).hiddenColumns());
        assertEquals("SELECT count() FROM games.t WHERE windows = 0 FORMAT TabSeparated",
                GamesSql.count(Source.of("games", "t"), Filters.parse(query("windows", "false").all())).sql());
        AggregateRequest aggregate = AggregateRequest.parse(query("group_by", "genres,release_year", "metrics", "count,avg:price",
                "having", "avg_price__gt=1e3", "sort", "-count"));
        assertEquals("SELECT arrayJoin(genres) AS g0, toYear(release_date) AS g1, count() AS m0, round(avg(toFloat64(price)), 6) AS m1"
                + " FROM games.t GROUP BY g0, g1 HAVING round(avg(toFloat64(price)), 6) > toFloat64('1000.0') ORDER BY m0 DESC, g0 ASC, g1 ASC"
                + " LIMIT 1000 FORMAT TabSeparated", GamesSql.aggregate(Source.of("games", "t"), aggregate).sql());
    }

    /** A key lookup reads the years of its rows only, found in the table's year index; a date filter bounds the year, the partition key. */
    @Test
    void lookupsAndDateFiltersNameTheYearsTheyRead() {
        assertEquals("SELECT count() FROM games.t PREWHERE app_id = 10 WHERE release_year IN (SELECT release_year FROM games.t_years"
                + " PREWHERE app_id = 10) AND price > toDecimal64('1', 0) FORMAT TabSeparated",
                GamesSql.count(Source.of("games", "t"), Filters.parse(query("price__gt", "1", "app_id", "10").all())).sql());
        GamesRequest lookup = GamesRequest.parse(query("app_id__in", "10,20", "fields", "name"), 1000);
        assertEquals("SELECT name, app_id, source_row FROM games.t PREWHERE (app_id = 10 OR app_id = 20) WHERE release_year IN"
                + " (SELECT release_year FROM games.t_years PREWHERE (app_id = 10 OR app_id = 20)) ORDER BY app_id ASC, source_row ASC"
                + " LIMIT 51 FORMAT TabSeparated", GamesSql.rows(Source.of("games", "t"), lookup).sql());
        Map<String, String> bounds = new java.util.LinkedHashMap<>();
        bounds.put("release_date=2020", "release_year >= 2020 AND release_year <= 2020");
        bounds.put("release_date__in=2021-03,2019", "release_year >= 2019 AND release_year <= 2021");
        bounds.put("release_date__between=2018-12-31,2020-01", "release_year >= 2018 AND release_year <= 2020");
        bounds.put("release_date__gt=2020", "release_year >= 2020");
        bounds.put("release_date__gte=2020-06", "release_year >= 2020");
        bounds.put("release_date__lt=2020", "(release_year BETWEEN 1 AND 2020)");
        bounds.put("release_date__lte=9999-12-31", "(release_year BETWEEN 1 AND 9999)");
        bounds.put("release_date__ne=2020", "");
        bounds.put("release_date__isnull=true", "");
        bounds.put("or=(release_date=2020,price=1)", "");
        bounds.forEach((filter, expected) -> {
            String[] pair = filter.split("=", 2);
            String count = GamesSql.count(Source.of("games", "t"), Filters.parse(query(pair[0], pair[1]).all())).sql();
            String where = ConditionSql.where(Filters.parse(query(pair[0], pair[1]).all()));
            assertEquals("SELECT count() FROM games.t" + (expected.isEmpty() ? where : " WHERE " + expected + " AND" + where.substring(6))
                    + " FORMAT TabSeparated", count, filter);
        });
    }

    @Test
    void aCursorContinuesAfterTheLastRowInTheSameOrder() {
        String cursor = new games.analytics.query.grammar.Cursor("-positive", List.of("7", "20200", "1")).encode();
        GamesRequest next = GamesRequest.parse(query("sort", "-positive", "fields", "app_id", "cursor", cursor), 1000);
        assertEquals("SELECT app_id, positive, app_id, source_row FROM games.t WHERE ((positive < 7) OR (positive = 7 AND app_id > 20200)"
                + " OR (positive = 7 AND app_id = 20200 AND source_row > 1)) ORDER BY positive DESC, app_id ASC, source_row ASC"
                + " LIMIT 51 FORMAT TabSeparated", GamesSql.rows(Source.of("games", "t"), next).sql());
        BadParameterException other = assertThrows(BadParameterException.class,
                () -> GamesRequest.parse(query("sort", "name", "cursor", cursor), 1000));
        assertEquals("cursor", other.parameter());
    }

    @Test
    void unrepresentableNumbersAreRefusedNamingTheParameter() {
        assertEquals("having", assertThrows(BadParameterException.class, () -> AggregateRequest.parse(
                query("metrics", "avg:price", "having", "avg_price__gt=1e999999999"))).parameter());
        assertEquals("price__lt", assertThrows(BadParameterException.class, () -> where("price__lt", "1e400")).parameter());
    }
}
