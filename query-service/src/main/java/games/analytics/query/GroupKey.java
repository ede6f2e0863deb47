package games.analytics.query;

import games.analytics.model.Column;
import games.analytics.model.ColumnKind;
import games.analytics.model.GameColumns;

/**
 * One group_by entry: a column, a list column exploded per element ({@code genres}: one group per genre),
 * or a date bucket ({@code release_year}, {@code release_month}). Rows whose list is empty join no group.
 */
record GroupKey(String name, String sql, OutputColumn.Render render) {

    static final String RELEASE_YEAR = "release_year";
    static final String RELEASE_MONTH = "release_month";

    static GroupKey parse(String name) {
        String date = Literals.column(GameColumns.RELEASE_DATE);
        return switch (name) {
            case RELEASE_YEAR -> new GroupKey(name, "toYear(" + date + ")", OutputColumn.Render.NUMBER);
            case RELEASE_MONTH -> new GroupKey(name, "toYYYYMM(" + date + ")", OutputColumn.Render.YEAR_MONTH);
            default -> {
                Column column = GameColumns.byName(name).orElseThrow(() -> new BadParameterException(Parameters.GROUP_BY,
                        "group_by takes column names, release_year or release_month; unknown \"" + name + "\""));
                yield column.kind() == ColumnKind.LIST
                        ? new GroupKey(name, "arrayJoin(" + Literals.column(column) + ")", OutputColumn.Render.STRING)
                        : new GroupKey(name, Literals.column(column), OutputColumn.of(column).render());
            }
        };
    }
}
