package games.analytics.query.web;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import games.analytics.query.grammar.GroupKey;
import games.analytics.query.grammar.Metric;
import games.analytics.query.grammar.Operator;
import games.analytics.query.grammar.Reserved;
import games.analytics.query.grammar.Sort;
import games.analytics.security.Roles;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * GET /api/v1/schema: what each column takes, generated from the column registry and the operator table, for
 * the web UI's menus and for clients. Nothing here is written by hand, so it cannot drift from the parser.
 */
@Controller("/api/v1/schema")
@Secured({Roles.ANALYST, Roles.ADMIN})
class SchemaController {

    private static final Schema SCHEMA = new Schema(
            GameColumns.ALL.stream().map(SchemaController::describe).toList(),
            GroupKey.BUCKETS,
            Arrays.stream(Operator.values()).map(o -> new OperatorInfo(o.name(), o.wording(), o.shape().name().toLowerCase(Locale.ROOT)))
                    .toList(),
            Operator.forMetrics().stream().map(Operator::name).toList(),
            Reserved.ALL);

    @Get
    @Operation(summary = "The columns and what they take", description = "Columns in order, each with its kind, whether it can"
            + " be NULL, the filter operators it accepts (the first is what column=value means), the metric functions it takes,"
            + " and whether it can be sorted and grouped; the virtual group keys; the operator table (key, wording, value shape:"
            + " one, pair, many, flag); the operators having accepts; the parameter names that are not filters.")
    Schema schema() {
        return SCHEMA;
    }

    private static ColumnInfo describe(Column column) {
        List<String> operators = new java.util.ArrayList<>();
        operators.add(Operator.defaultFor(column.kind()).name());
        Operator.allowed(column).stream().map(Operator::name).filter(name -> !operators.contains(name)).forEach(operators::add);
        List<String> metrics = Arrays.stream(Metric.Function.values())
                .filter(f -> f != Metric.Function.count && f.takes(column.kind())).map(Metric.Function::spelling).toList();
        return new ColumnInfo(column.name(), column.kind().name().toLowerCase(Locale.ROOT), column.nullable(), operators, metrics,
                Sort.sortable(column), true);
    }

    /**
     * @param operators filter operators, the default (column=value) first
     * @param metrics   metric functions, written fn:column (p<1-99> is p1 to p99); count takes no column
     * @param groupable every column can be grouped by; a list column gives one group per element
     */
    @Serdeable
    @io.swagger.v3.oas.annotations.media.Schema(name = "ColumnInfo")
    record ColumnInfo(String name, String kind, boolean nullable, List<String> operators, List<String> metrics,
                      boolean sortable, boolean groupable) {
    }

    /** One row of the operator table: the key requests write ({@code column__key}), its wording, its value shape. */
    @Serdeable
    @io.swagger.v3.oas.annotations.media.Schema(name = "OperatorInfo")
    record OperatorInfo(String name, String wording, String shape) {
    }

    /** @param reserved the parameter names that are not filters (limit, cursor, sort, fields, format, ...) */
    @Serdeable
    @io.swagger.v3.oas.annotations.media.Schema(name = "Schema")
    record Schema(List<ColumnInfo> columns, List<String> groupKeys, List<OperatorInfo> operators, List<String> havingOperators,
                  List<String> reserved) {
    }
}
