package games.analytics.ingest.run;

/** A job failure whose message is already the reason to show. */
final class IngestionException extends Exception {
    IngestionException(String reason) {
        super(reason, null, false, false);
    }
}
