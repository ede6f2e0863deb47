package games.analytics.model;

/** A CSV cell that cannot be converted; the message is the reason shown to users. */
public final class CellException extends Exception {
    public CellException(String reason) {
        super(reason, null, false, false);
    }
}
