package games.analytics.query.sql;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import games.analytics.model.Sql;
import games.analytics.query.grammar.Condition;
import games.analytics.query.grammar.Interval;
import games.analytics.query.grammar.Operator;
import games.analytics.query.grammar.SimilarRequest;
import games.analytics.query.grammar.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Similar games in two statements: the game's set (its tags and genres), then every other game ranked by the Jaccard
 * similarity of its set to that one, |A ∩ B| / |A ∪ B|. The set travels as literals, so the ranking statement is the
 * same on one server and on a cluster (a subquery there would read only one shard's rows). Sizes only, no lambda:
 * |A ∪ B| is the number of distinct elements of A's literals and B together ({@code arrayUniq}), |A ∩ B| = |A| + |B| -
 * |A ∪ B|. A lambda testing each element with {@code has} copies the literal array for every element (99 against 61 ms
 * for the similarity alone over 123k rows on 18.16), and 18.16's {@code arrayIntersect} answers wrongly on strings and can crash the server.
 */
public final class SimilarSql {

    static final Column GENRES = GameColumns.byName("genres").orElseThrow();
    static final Column TAGS = GameColumns.byName("tags").orElseThrow();
    static final Column POSITIVE = GameColumns.byName("positive").orElseThrow();
    /** A game's tags and genres, as arguments of arrayConcat. */
    static final String ELEMENTS = Expressions.column(TAGS) + ", " + Expressions.column(GENRES);
    /** A game's set: its tags and genres as one distinct list. */
    static final String SET = "arrayDistinct(arrayConcat(" + ELEMENTS + "))";

    private SimilarSql() {
    }

    /** The game's set on one line, each element hex-encoded and comma-separated; no line when there is no such game. */
    public static Statement set(Source source, long appId) {
        Condition key = new Condition.Compare(new Condition.ColumnTarget(GameColumns.APP_ID), Operator.eq,
                List.of(Interval.of(new Value.Int(appId))));
        String sql = "SELECT arrayStringConcat(arrayMap(x -> hex(x), " + SET + "), ',')" + Reads.from(source, List.of(key), List.of())
                + " ORDER BY " + Expressions.column(GameColumns.SOURCE_ROW) + " LIMIT 1 FORMAT TabSeparated";
        return new Statement(sql, true, 0, true);
    }

    /**
     * The request's fields and the similarity (rounded to 6 places) of the other games that share at least one element
     * with {@code set} and pass the filters: by similarity (exact), then positive descending, app_id and source_row.
     *
     * @param readsLazily the server reads the kept rows' other columns by itself; else their keys are found first
     */
    public static Statement similar(Source source, SimilarRequest request, List<String> set, boolean readsLazily) {
        String target = set.stream().map(Sql::string).collect(Collectors.joining(", "));
        String union = "arrayUniq(arrayConcat(" + (set.isEmpty() ? "" : "[" + target + "], ") + ELEMENTS + "))";
        String common = "(arrayUniq(arrayConcat(" + ELEMENTS + ")) + " + set.size() + " - " + union + ")";
        String similarity = "(" + common + " / " + union + ")";
        List<String> conditions = List.of(Expressions.column(GameColumns.APP_ID) + " != " + Sql.integer(request.appId()), similarity + " > 0");
        String orderAndLimit = " ORDER BY " + similarity + " DESC, " + Expressions.column(POSITIVE) + " DESC, "
                + GameColumns.ORDER_KEY.stream().map(c -> Expressions.column(c) + " ASC").collect(Collectors.joining(", "))
                + " LIMIT " + request.limit();
        String from = readsLazily ? Reads.from(source, request.filters(), conditions)
                : Reads.keysFirst(source, request.filters(), conditions, orderAndLimit);
        List<String> selected = new ArrayList<>(request.fields().stream().map(Expressions::column).toList());
        selected.add("round(" + similarity + ", 6)");
        return new Statement("SELECT " + String.join(", ", selected) + from + orderAndLimit + " FORMAT TabSeparated",
                false, 0, true);
    }
}
