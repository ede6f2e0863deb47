package games.analytics.query.sql;

import static games.analytics.query.sql.GrammarToSqlTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

import games.analytics.query.grammar.AggregateRequest;
import games.analytics.query.grammar.Filters;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which filters pin the sort key, so the query reads a few granules and gets one ClickHouse thread (QueryThreads). */
class KeyLookupTest {

    static boolean lookup(String... pairs) {
        return GamesSql.keyLookup(Filters.parse(query(pairs).all()));
    }

    static String ids(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    @Test
    void anAppIdEqualityAndedWithAnythingIsALookup() {
        assertEquals(true, lookup("app_id", "730"));
        assertEquals(true, lookup("app_id__eq", "730"));
        assertEquals(true, lookup("name", "war", "app_id", "730", "price__gt", "5"));
        assertEquals(true, lookup("app_id__in", ids(GamesSql.KEY_LOOKUP_VALUES)));
    }

    @Test
    void scansAreNot() {
        assertEquals(false, lookup());
        assertEquals(false, lookup("name", "war"));
        assertEquals(false, lookup("app_id__in", ids(GamesSql.KEY_LOOKUP_VALUES + 1)));
        assertEquals(false, lookup("app_id__gt", "730"));
        assertEquals(false, lookup("app_id__ne", "730"));
        assertEquals(false, lookup("app_id__between", "1,4000000000"));
        // an alternative pins nothing: the other alternative may match anywhere
        assertEquals(false, lookup("or", "(app_id=730,name=war)"));
        assertEquals(false, lookup("or", "(app_id=730)"));
        // other columns equal to a number are not the sort key
        assertEquals(false, lookup("positive", "730"));
    }

    @Test
    void aggregatesTakeTheSameRule() {
        assertEquals(true, GamesSql.keyLookup(AggregateRequest.parse(query("app_id", "730", "metrics", "count")).filters()));
        assertEquals(false, GamesSql.keyLookup(AggregateRequest.parse(query("group_by", "genres")).filters()));
    }
}
