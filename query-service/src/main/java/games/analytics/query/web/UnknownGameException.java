package games.analytics.query.web;

/** A path names an app_id that no game of the current data has. */
public final class UnknownGameException extends RuntimeException {
    public UnknownGameException(long appId) {
        super("no game has app_id " + appId, null, false, false);
    }
}
