package games.analytics.query.output;

import games.analytics.model.Column;
import games.analytics.query.grammar.GroupKey;
import games.analytics.query.grammar.Metric;

/** A column of a result as the client sees it: its name and how ClickHouse's TSV text is rendered. */
public record OutputColumn(String name, Render render) {

    public enum Render {
        /** Integers and exact decimals: ClickHouse's text is already the number. */
        NUMBER,
        /** Floating point aggregates: nan and inf become null. */
        FLOAT,
        BOOLEAN,
        STRING,
        LIST,
        /** toYYYYMM's 202005 shown as "2020-05". */
        YEAR_MONTH
    }

    public static OutputColumn of(Column column) {
        return new OutputColumn(column.name(), switch (column.kind()) {
            case INTEGER, DECIMAL -> Render.NUMBER;
            case BOOLEAN -> Render.BOOLEAN;
            case DATE, TEXT -> Render.STRING;
            case LIST -> Render.LIST;
        });
    }

    public static OutputColumn of(Metric metric) {
        return new OutputColumn(metric.name(), switch (metric.type()) {
            case INTEGER, DECIMAL -> Render.NUMBER;
            case FLOAT -> Render.FLOAT;
            case BOOLEAN -> Render.BOOLEAN;
            case TEXT, DATE -> Render.STRING;
        });
    }

    /** A list column's group key is one element (text); release_month is shown as 2020-05. */
    public static OutputColumn of(GroupKey key) {
        return switch (key) {
            case GroupKey.DateBucket bucket -> new OutputColumn(bucket.name(), bucket.month() ? Render.YEAR_MONTH : Render.NUMBER);
            case GroupKey.ByColumn byColumn -> byColumn.column().kind() == games.analytics.model.ColumnKind.LIST
                    ? new OutputColumn(key.name(), Render.STRING) : of(byColumn.column());
        };
    }
}
