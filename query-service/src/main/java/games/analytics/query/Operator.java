package games.analytics.query;

import games.analytics.model.ColumnKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Filter operators, written {@code column__op=value}; which ones a column takes depends on its kind. */
enum Operator {
    eq, ne, contains, exact, startswith, gt, gte, lt, lte, between, in, isnull;

    private static final Set<Operator> ORDERED = EnumSet.of(eq, ne, gt, gte, lt, lte, between, in, isnull);

    static Optional<Operator> parse(String name) {
        return Arrays.stream(values()).filter(o -> o.name().equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** What {@code column=value} means without an operator. */
    static Operator defaultFor(ColumnKind kind) {
        return kind == ColumnKind.TEXT || kind == ColumnKind.LIST ? contains : eq;
    }

    /** The operators that make sense for a kind; isnull is added for nullable columns by the caller. */
    static Set<Operator> allowedFor(ColumnKind kind) {
        return switch (kind) {
            case INTEGER, DECIMAL, DATE -> ORDERED;
            case BOOLEAN -> EnumSet.of(eq, ne, isnull);
            case TEXT -> EnumSet.of(eq, ne, contains, exact, startswith, in, isnull);
            case LIST -> EnumSet.of(eq, ne, contains, exact, startswith, in);
        };
    }

    static String names(Set<Operator> operators) {
        return operators.stream().map(Enum::name).collect(Collectors.joining(", "));
    }
}
