package games.analytics.query.sql;

import games.analytics.model.ReleaseDates;
import games.analytics.model.Sql;
import games.analytics.query.grammar.Value;
import java.time.LocalDate;

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
            case Value.Day v -> day(v.value());
        };
    }

    /**
     * A filter's day. Stored dates lie within {@link ReleaseDates#MIN_DATE}..{@link ReleaseDates#MAX_DATE}; a day outside
     * is not a Date both versions can parse (18.16 read '9999-12-31' as a day in 1970-2105, so release_date__gt=9999-12-31
     * matched every game), so it becomes the day just outside the stored range, which compares with every stored date
     * as the day asked for does. After the range that is MAX_DATE + 1, by arithmetic: 18.16 cannot parse it either.
     */
    static String day(LocalDate value) {
        if (value.isBefore(ReleaseDates.MIN_DATE)) {
            return Sql.date(ReleaseDates.MIN_DATE.minusDays(1));
        }
        return value.isAfter(ReleaseDates.MAX_DATE) ? "(" + Sql.date(ReleaseDates.MAX_DATE) + " + 1)" : Sql.date(value);
    }
}
