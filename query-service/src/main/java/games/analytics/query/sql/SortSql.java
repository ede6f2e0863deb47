package games.analytics.query.sql;

import games.analytics.query.grammar.Sort;
import games.analytics.query.grammar.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** ORDER BY terms of a row query, the hidden columns a cursor is made of, and the keyset condition of a cursor. */
final class SortSql {

    private SortSql() {
    }

    static String term(Sort.Term term) {
        String c = Expressions.column(term.column());
        if (term.nullFlag()) {
            return "isNull(" + c + ")";
        }
        return term.column().nullable() ? "ifNull(" + c + ", " + zero(term) + ")" : c;
    }

    /** What NULL sorts as behind its isNull flag; never compared as a value, only keeps the term non-NULL. */
    private static String zero(Sort.Term term) {
        return switch (term.column().kind()) {
            case DATE -> "toDate('1970-01-01')";
            case TEXT, LIST -> "''";
            case INTEGER, DECIMAL, BOOLEAN -> "0";
        };
    }

    static String orderBy(Sort sort) {
        return sort.terms().stream().map(t -> term(t) + (t.descending() ? " DESC" : " ASC")).collect(Collectors.joining(", "));
    }

    /** Rows strictly after the cursor's row in this order: (k1 > v1) OR (k1 = v1 AND k2 > v2) OR ... */
    static String after(Sort sort, List<Value> values) {
        List<Sort.Term> terms = sort.terms();
        List<String> alternatives = new ArrayList<>();
        List<String> equalSoFar = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            String key = term(terms.get(i));
            String literal = Literals.of(values.get(i));
            List<String> conjunction = new ArrayList<>(equalSoFar);
            conjunction.add(key + (terms.get(i).descending() ? " < " : " > ") + literal);
            alternatives.add("(" + String.join(" AND ", conjunction) + ")");
            equalSoFar.add(key + " = " + literal);
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }
}
