package games.analytics.security;

/** The roles a token's {@code roles} claim may hold. */
public final class Roles {
    /** Queries games data. */
    public static final String ANALYST = "analyst";
    /** Starts and cancels ingestions, reads jobs and rejects. */
    public static final String INGEST = "ingest";
    /** Both of the above. */
    public static final String ADMIN = "admin";

    public static final java.util.List<String> ALL = java.util.List.of(ANALYST, INGEST, ADMIN);

    private Roles() {
    }
}
