package games.analytics.ingest.run;

import java.util.Locale;

/**
 * The skip policy (Spring Batch's name for it): rows that cannot be converted are rejected and the job goes on, up to
 * {@code maxRatio} of the rows read. Checked while reading once {@value #MIN_ROWS} rows are in, so a file that is mostly
 * garbage fails early instead of after the whole download, and again over the whole file at the end.
 */
record RejectPolicy(double maxRatio) {

    /** Rows read before the ratio is judged early: below this a few bad rows would swing it. */
    static final long MIN_ROWS = 1000;

    /** While reading: throws once the ratio is already exceeded over at least {@value #MIN_ROWS} rows. */
    void checkWhileReading(long read, long rejected) throws IngestionException {
        if (read >= MIN_ROWS && exceeded(read, rejected)) {
            throw new IngestionException(describe(read, rejected) + " in the first " + read + " rows; the rest of the file was not read,"
                    + " nothing was published (see rejects)");
        }
    }

    /** At the end of the file. */
    void checkAtEnd(long read, long rejected) throws IngestionException {
        if (read > 0 && exceeded(read, rejected)) {
            throw new IngestionException(describe(read, rejected) + "; nothing was published (see rejects)");
        }
    }

    private boolean exceeded(long read, long rejected) {
        return (double) rejected / read > maxRatio;
    }

    private String describe(long read, long rejected) {
        return String.format(Locale.ROOT, "%d of %d rows were rejected (%.1f%%), above maxRejectRatio %s", rejected, read,
                100.0 * rejected / read, maxRatio);
    }
}
