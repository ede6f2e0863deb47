package games.analytics.query.grammar;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A request value parsed into its Java type; SQL literals are rendered from these only (sql.Literals). */
public sealed interface Value {

    record Int(long value) implements Value {
    }

    /** An exact decimal within Decimal64's range (at most 9 digits before and 9 after the point). */
    record Dec(BigDecimal value) implements Value {
    }

    /** A finite Float64 (having values of averages, deviations, quantiles). */
    record Float(double value) implements Value {
    }

    record Bool(boolean value) implements Value {
    }

    record Text(String value) implements Value {
    }

    record Day(LocalDate value) implements Value {
    }
}
