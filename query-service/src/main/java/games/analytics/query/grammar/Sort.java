package games.analytics.query.grammar;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code sort=-positive,name}: the requested columns, then (app_id, source_row) so the order is total and keyset
 * pagination neither skips nor repeats rows whatever the sort.
 *
 * @param signature the sort as requested, which a cursor must repeat
 */
public record Sort(String signature, List<Key> keys) {

    /** One column of the order. */
    public record Key(Column column, boolean descending) {
    }

    /** Lists have no order. */
    public static boolean sortable(Column column) {
        return switch (column.kind()) {
            case LIST -> false;
            case INTEGER, DECIMAL, DATE, BOOLEAN, TEXT -> true;
        };
    }

    public static Sort parse(String value) {
        Set<String> seen = new LinkedHashSet<>();
        List<Key> keys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (value != null && !value.isBlank()) {
            for (String item : value.split(",")) {
                String name = item.strip();
                boolean descending = name.startsWith("-");
                String columnName = descending ? name.substring(1) : name;
                Column column = GameColumns.byName(columnName).orElseThrow(() -> new BadParameterException(Reserved.SORT,
                        "sort takes column names, - for descending (sort=-positive,name); unknown column \"" + columnName + "\""));
                if (!sortable(column)) {
                    throw new BadParameterException(Reserved.SORT, column.name() + " is a list and cannot be sorted on");
                }
                if (seen.add(column.name())) {
                    keys.add(new Key(column, descending));
                    names.add((descending ? "-" : "") + column.name());
                }
            }
        }
        for (Column tieBreaker : GameColumns.ORDER_KEY) {
            if (seen.add(tieBreaker.name())) {
                keys.add(new Key(tieBreaker, false));
            }
        }
        return new Sort(String.join(",", names), List.copyOf(keys));
    }

    /**
     * One ORDER BY term. A nullable column sorts as two, {@code isNull(c)} then {@code ifNull(c, zero)}: NULLs last in
     * both directions, and no NULL in a keyset comparison.
     *
     * @param nullFlag the isNull(c) term of a nullable column (ascending, a 0/1 number)
     */
    public record Term(Column column, boolean nullFlag, boolean descending) {
        ValueType type() {
            return nullFlag ? ValueType.INTEGER : ValueType.of(column.kind());
        }
    }

    public List<Term> terms() {
        List<Term> terms = new ArrayList<>();
        for (Key key : keys) {
            if (key.column().nullable()) {
                terms.add(new Term(key.column(), true, false));
            }
            terms.add(new Term(key.column(), false, key.descending()));
        }
        return terms;
    }

    /** The cursor's values (the last row's terms, as text) parsed back into typed values. */
    public List<Value> after(Cursor cursor) {
        List<Term> terms = terms();
        if (!cursor.sort().equals(signature) || cursor.values().size() != terms.size()) {
            throw new BadParameterException(Reserved.CURSOR, "this cursor belongs to sort=" + cursor.sort()
                    + "; repeat that sort or start without a cursor");
        }
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            String raw = cursor.values().get(i);
            ValueType type = terms.get(i).type();
            values.add(type == ValueType.TEXT ? new Value.Text(raw) : type.parse(Reserved.CURSOR, raw).first());
        }
        return values;
    }
}
