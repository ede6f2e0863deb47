package games.analytics.model;

/**
 * Why one CSV record was not stored.
 *
 * @param column the API column name, or null when the record as a whole is wrong
 * @param reason e.g. {@code cannot parse "31/31/2020" as a date like "Oct 21, 2008" or "May 2020"}
 */
public record Rejection(String column, String reason) {
    @Override
    public String toString() {
        return column == null ? reason : column + ": " + reason;
    }
}
