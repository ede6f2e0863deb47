package games.analytics.query.grammar;

import java.util.List;
import java.util.Map;

/**
 * A request as the grammar sees it: its query parameters (in order, repeats kept) and the media types it
 * accepts. The web layer makes it from the HTTP request, so the grammar needs no HTTP types and is tested
 * without a server.
 */
public record RequestParameters(Map<String, List<String>> all, List<String> accepted) {

    public static RequestParameters of(Map<String, List<String>> parameters) {
        return new RequestParameters(parameters, List.of());
    }

    /** The first value of {@code name}, or null. */
    public String first(String name) {
        List<String> values = all.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    public List<String> every(String name) {
        return all.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return all.containsKey(name);
    }

    /** A 400 for the first of {@code names} the request has: parameters that mean nothing to {@code endpoint}. */
    public void refuse(String endpoint, String... names) {
        for (String name : names) {
            if (has(name)) {
                throw new BadParameterException(name, name + " does not apply to " + endpoint);
            }
        }
    }
}
