package games.analytics.query;

import games.analytics.model.Column;
import games.analytics.model.ColumnKind;
import games.analytics.model.GameColumns;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code sort=-positive,name}: the requested columns, then (app_id, source_row) so the order is total
 * and keyset pagination neither skips nor repeats rows whatever the sort.
 */
record Sort(String signature, List<SortKey> keys) {

    static Sort parse(String value) {
        Set<String> seen = new LinkedHashSet<>();
        List<SortKey> keys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (value != null && !value.isBlank()) {
            for (String item : value.split(",")) {
                String name = item.strip();
                boolean descending = name.startsWith("-");
                name = descending ? name.substring(1) : name;
                String columnName = name;
                Column column = GameColumns.byName(name).orElseThrow(() -> new BadParameterException(Parameters.SORT,
                        "sort takes column names, - for descending (sort=-positive,name); unknown column \"" + columnName + "\""));
                if (column.kind() == ColumnKind.LIST) {
                    throw new BadParameterException(Parameters.SORT, column.name() + " is a list and cannot be sorted on");
                }
                if (seen.add(column.name())) {
                    keys.addAll(keysOf(column, descending));
                    names.add((descending ? "-" : "") + column.name());
                }
            }
        }
        for (Column tieBreaker : GameColumns.ORDER_KEY) {
            if (seen.add(tieBreaker.name())) {
                keys.addAll(keysOf(tieBreaker, false));
            }
        }
        return new Sort(String.join(",", names), List.copyOf(keys));
    }

    private static List<SortKey> keysOf(Column column, boolean descending) {
        String c = Literals.column(column);
        if (!column.nullable()) {
            return List.of(new SortKey(c, column.kind(), descending));
        }
        return List.of(new SortKey("isNull(" + c + ")", ColumnKind.INTEGER, false),
                new SortKey("ifNull(" + c + ", " + zero(column.kind()) + ")", column.kind(), descending));
    }

    private static String zero(ColumnKind kind) {
        return switch (kind) {
            case DATE -> "toDate('1970-01-01')";
            case TEXT -> "''";
            default -> "0";
        };
    }

    String orderBy() {
        return keys.stream().map(SortKey::orderBy).collect(Collectors.joining(", "));
    }

    /** The key expressions, selected after the visible columns so each row's cursor can be made. */
    List<String> selected() {
        return keys.stream().map(SortKey::sql).toList();
    }

    /** Rows strictly after the cursor's row in this order: (k1 > v1) OR (k1 = v1 AND k2 > v2) OR ... */
    String after(Cursor cursor) {
        if (!cursor.sort().equals(signature) || cursor.values().size() != keys.size()) {
            throw new BadParameterException(Parameters.CURSOR, "this cursor belongs to sort=" + cursor.sort()
                    + "; repeat that sort or start without a cursor");
        }
        List<String> alternatives = new ArrayList<>();
        List<String> equalSoFar = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            SortKey key = keys.get(i);
            String literal = Literals.ofTsv(key.kind(), cursor.values().get(i));
            List<String> terms = new ArrayList<>(equalSoFar);
            terms.add(key.sql() + (key.descending() ? " < " : " > ") + literal);
            alternatives.add("(" + String.join(" AND ", terms) + ")");
            equalSoFar.add(key.sql() + " = " + literal);
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }
}
