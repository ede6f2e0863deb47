package games.analytics.query.output;

/** ClickHouse's answer ended in its exception text after rows (a query sent without wait_end_of_query). */
public final class ClickHouseFailedLate extends RuntimeException {

    /** @param clickHouseText the exception as ClickHouse wrote it, e.g. "Code: 159, e.displayText() = ..." */
    public ClickHouseFailedLate(String clickHouseText) {
        super(clickHouseText, null, false, false);
    }
}
