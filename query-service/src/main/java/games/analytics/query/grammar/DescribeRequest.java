package games.analytics.query.grammar;

import games.analytics.model.Column;
import games.analytics.model.ColumnKind;
import games.analytics.model.GameColumns;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * GET /api/v1/games/describe, parsed: filters, the numeric columns to describe, format.
 *
 * @param columns in the requested order, each once
 */
public record DescribeRequest(List<Condition> filters, List<Column> columns, OutputFormat format) {

    /** The kinds describe takes: numbers, and booleans as 0 and 1 when named. */
    private static final Set<ColumnKind> NUMERIC = EnumSet.of(ColumnKind.INTEGER, ColumnKind.DECIMAL, ColumnKind.BOOLEAN);

    /**
     * Without {@code columns=}: every number of the file (integers and decimals, as pandas' describe() takes numbers
     * and leaves out booleans; source_row is the service's, not the file's).
     */
    public static final List<Column> DEFAULT_COLUMNS = GameColumns.ALL.stream()
            .filter(c -> (c.kind() == ColumnKind.INTEGER || c.kind() == ColumnKind.DECIMAL) && !c.equals(GameColumns.SOURCE_ROW))
            .toList();

    public static DescribeRequest parse(RequestParameters request) {
        request.refuse("describe", Reserved.LIMIT, Reserved.CURSOR, Reserved.SORT, Reserved.FIELDS, Reserved.COUNT,
                Reserved.METRICS, Reserved.GROUP_BY, Reserved.HAVING);
        return new DescribeRequest(Filters.parse(request.all()), columns(request.every(Reserved.COLUMNS)), OutputFormat.of(request));
    }

    private static List<Column> columns(List<String> values) {
        if (values.isEmpty()) {
            return DEFAULT_COLUMNS;
        }
        Set<Column> columns = new LinkedHashSet<>();
        for (String name : String.join(",", values).split(",")) {
            if (name.isBlank()) {
                continue;
            }
            Column column = GameColumns.byName(name.strip()).orElseThrow(() -> new BadParameterException(Reserved.COLUMNS,
                    "columns takes numeric column names: " + names() + "; unknown \"" + name.strip() + "\""));
            if (!describable(column)) {
                throw new BadParameterException(Reserved.COLUMNS, "describe takes numeric columns (" + names() + "); "
                        + column.name() + " is " + column.kind().name().toLowerCase(java.util.Locale.ROOT));
            }
            columns.add(column);
        }
        if (columns.isEmpty()) {
            throw new BadParameterException(Reserved.COLUMNS, "columns names no column; leave it out for every numeric column");
        }
        return List.copyOf(columns);
    }

    /** Whether {@code columns=} may name the column: numbers, and booleans as 0 and 1. */
    public static boolean describable(Column column) {
        return NUMERIC.contains(column.kind());
    }

    private static String names() {
        return String.join(", ", GameColumns.ALL.stream().filter(DescribeRequest::describable).map(Column::name).toList());
    }
}
