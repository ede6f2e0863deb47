package games.analytics.ingest.store;

/** A read from ClickHouse failed (down, or an error answered); the cause is the client's own exception. */
public final class StoreFailure extends RuntimeException {

    StoreFailure(Throwable cause) {
        super("ClickHouse read failed: " + cause.getMessage(), cause);
    }
}
