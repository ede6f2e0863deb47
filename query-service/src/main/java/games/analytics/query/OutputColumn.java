package games.analytics.query;

import games.analytics.model.Column;

/** A column of a result as the client sees it: its name and how ClickHouse's TSV text is rendered. */
record OutputColumn(String name, Render render) {

    enum Render {
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

    static OutputColumn of(Column column) {
        return new OutputColumn(column.name(), switch (column.kind()) {
            case INTEGER, DECIMAL -> Render.NUMBER;
            case BOOLEAN -> Render.BOOLEAN;
            case DATE, TEXT -> Render.STRING;
            case LIST -> Render.LIST;
        });
    }
}
