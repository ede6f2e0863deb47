package games.analytics.ingest.source;

/** A link the service will not fetch; its message says why. */
public final class RejectedUrlException extends RuntimeException {
    RejectedUrlException(String reason) {
        super(reason, null, false, false);
    }
}
