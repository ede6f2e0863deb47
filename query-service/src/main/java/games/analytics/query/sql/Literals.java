package games.analytics.query.sql;

import games.analytics.model.Sql;
import games.analytics.query.grammar.Value;

/** Typed values to SQL literals, every one through shared-model's {@link Sql}. */
final class Literals {

    private Literals() {
    }

    static String of(Value value) {
        return switch (value) {
            case Value.Int v -> Sql.integer(v.value());
            case Value.Dec v -> Sql.decimal(v.value(), Math.max(v.value().scale(), 0));
            case Value.Float v -> Sql.float64(v.value());
            case Value.Bool v -> Sql.integer(v.value() ? 1 : 0);
            case Value.Text v -> Sql.string(v.value());
            case Value.Day v -> Sql.date(v.value());
        };
    }
}
