package games.analytics.query.grammar;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import java.util.List;

/**
 * One group_by entry: a column (a list column is exploded per element: one group per genre; rows whose list is
 * empty join no group), or a bucket of the release date.
 */
public sealed interface GroupKey {

    String RELEASE_YEAR = "release_year";
    String RELEASE_MONTH = "release_month";
    /** The group keys that are not columns, for the schema. */
    List<String> BUCKETS = List.of(RELEASE_YEAR, RELEASE_MONTH);

    String name();

    record ByColumn(Column column) implements GroupKey {
        @Override
        public String name() {
            return column.name();
        }
    }

    /** {@code release_year} (2020) or {@code release_month} (2020-05). */
    record DateBucket(String name, boolean month) implements GroupKey {
    }

    static GroupKey parse(String name) {
        return switch (name) {
            case RELEASE_YEAR -> new DateBucket(name, false);
            case RELEASE_MONTH -> new DateBucket(name, true);
            default -> new ByColumn(GameColumns.byName(name).orElseThrow(() -> new BadParameterException(Reserved.GROUP_BY,
                    "group_by takes column names, release_year or release_month; unknown \"" + name + "\"")));
        };
    }
}
