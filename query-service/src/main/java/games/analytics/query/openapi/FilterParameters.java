package games.analytics.query.openapi;

import static games.analytics.openapi.Schemas.map;

import games.analytics.model.Column;
import games.analytics.model.ColumnKind;
import games.analytics.model.GameColumns;
import games.analytics.query.grammar.Operator;
import java.util.Locale;
import java.util.Map;

/**
 * Every column as filter parameters, from the column registry and the operator table (as PostgREST lists each column of
 * a table): {@code column} (the column's default operator) and {@code column__op} for every operator the column takes,
 * each typed by the column's kind and the operator's value shape. They live once under {@code components.parameters}
 * and every filtered operation refers to them.
 */
final class FilterParameters {

    /** YYYY, YYYY-MM or YYYY-MM-DD: a year or month is every day in it. */
    static final String DATE_PATTERN = "^\\d{4}(-\\d{2}(-\\d{2})?)?$";

    private FilterParameters() {
    }

    /** Every filter parameter under its component name. */
    static Map<String, Object> all() {
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        for (Column column : GameColumns.ALL) {
            Operator fallback = Operator.defaultFor(column.kind());
            parameters.put("filter." + column.name(), parameter(column.name(), column, fallback, true));
            for (Operator op : Operator.allowed(column)) {
                if (op != fallback) {
                    parameters.put("filter." + column.name() + "__" + op.name(), parameter(column.name() + "__" + op.name(), column, op, false));
                }
            }
        }
        return parameters;
    }

    private static Map<String, Object> parameter(String key, Column column, Operator op, boolean bare) {
        Map<String, Object> schema = schema(column.kind(), op);
        boolean list = "array".equals(schema.get("type"));
        return map("name", key, "in", "query", "description", description(column, op, bare), "style", list ? "form" : null,
                "explode", list ? false : null, "schema", schema);
    }

    /** One value is of the column's type; a pair or a list of numbers or dates is an array written a,b; text lists stay text. */
    static Map<String, Object> schema(ColumnKind kind, Operator op) {
        return switch (op.shape()) {
            case ONE -> value(kind);
            case FLAG -> map("type", "boolean");
            case PAIR -> map("type", "array", "items", value(kind), "minItems", 2, "maxItems", 2);
            case MANY -> kind == ColumnKind.TEXT || kind == ColumnKind.LIST ? map("type", "string")
                    : map("type", "array", "items", value(kind), "minItems", 1);
        };
    }

    static Map<String, Object> value(ColumnKind kind) {
        return switch (kind) {
            case INTEGER -> map("type", "integer", "format", "int64");
            case DECIMAL -> map("type", "number");
            case BOOLEAN -> map("type", "boolean");
            case DATE -> map("type", "string", "pattern", DATE_PATTERN);
            case TEXT, LIST -> map("type", "string");
        };
    }

    private static String description(Column column, Operator op, boolean bare) {
        String kind = column.kind().name().toLowerCase(Locale.ROOT);
        String subject = column.kind() == ColumnKind.LIST ? "an element of " + column.name() : column.name();
        String sentence = switch (op.shape()) {
            case ONE -> subject + " " + op.wording() + " the value";
            case PAIR -> subject + " " + op.wording() + " low and high (inclusive), written low,high";
            case MANY -> subject + " " + op.wording() + " the values, written a,b,c"
                    + (column.kind() == ColumnKind.TEXT || column.kind() == ColumnKind.LIST ? " (an item in double quotes may hold commas)" : "");
            case FLAG -> column.name() + " " + op.wording() + " (true) or is not (false)";
        };
        String notes = switch (column.kind()) {
            case TEXT, LIST -> op == Operator.exact ? "; case and spelling as given" : "; case-insensitive";
            case DATE -> op == Operator.isnull ? "" : "; a date as YYYY-MM-DD, or YYYY-MM or YYYY for every day in it";
            case INTEGER, DECIMAL, BOOLEAN -> "";
        };
        return (bare ? column.name() + "=value: " : "") + sentence + notes + " (" + kind + (column.nullable() ? ", nullable" : "") + ")";
    }
}
