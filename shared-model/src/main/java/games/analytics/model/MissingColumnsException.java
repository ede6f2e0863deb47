package games.analytics.model;

import java.util.List;

/** The file lacks columns every row needs; nothing from it may be inserted. */
public final class MissingColumnsException extends Exception {
    private final List<String> missing;

    public MissingColumnsException(List<String> missing) {
        super("missing required column(s): " + String.join(", ", missing), null, false, false);
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
