package games.analytics.ingest;

/** A link the service will not fetch; its message says why. */
final class RejectedUrlException extends RuntimeException {
    RejectedUrlException(String reason) {
        super(reason, null, false, false);
    }
}
