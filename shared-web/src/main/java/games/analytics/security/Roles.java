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

    /** A comma-separated role list, as the minting and user tools take it; an unknown role is an error. */
    public static java.util.List<String> parse(String text) {
        java.util.List<String> roles = new java.util.ArrayList<>();
        for (String role : text.split(",")) {
            String r = role.trim().toLowerCase(java.util.Locale.ROOT);
            if (!ALL.contains(r)) {
                throw new IllegalArgumentException("unknown role '" + role + "', expected " + ALL);
            }
            roles.add(r);
        }
        return roles;
    }

    private Roles() {
    }
}
