package games.analytics.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for the parts of an OpenAPI document, as the ordered maps {@link OpenApiDocument} writes. */
public final class Schemas {

    private Schemas() {
    }

    /** An ordered map of key, value, key, value, ...; null values are left out. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    public static Map<String, Object> ref(String schema) {
        return map("$ref", "#/components/schemas/" + schema);
    }

    public static Map<String, Object> string(String description) {
        return map("type", "string", "description", description);
    }

    public static Map<String, Object> int64(String description) {
        return map("type", "integer", "format", "int64", "description", description);
    }

    public static Map<String, Object> array(Map<String, Object> items) {
        return map("type", "array", "items", items);
    }

    /** An object with these properties (in order), of which {@code required} must be present. */
    public static Map<String, Object> object(String description, Map<String, Object> properties, List<String> required) {
        return map("type", "object", "description", description, "required", required.isEmpty() ? null : required,
                "properties", properties);
    }

    /** The same schema, also taking null (OpenAPI 3.0's nullable). */
    public static Map<String, Object> nullable(Map<String, Object> schema) {
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        copy.put("nullable", true);
        return copy;
    }

    /** The one error shape of every service ({@code games.analytics.problem.ApiProblem}): RFC 9457 and a parameter. */
    static Map<String, Object> problem() {
        return object("An RFC 9457 problem (application/problem+json): what went wrong, in words a person can act on.",
                map("type", string("about:blank: the status says what kind of problem it is"),
                        "title", string("the status in words, or the kind of problem (Invalid parameter)"),
                        "status", map("type", "integer", "format", "int32", "description", "the HTTP status"),
                        "detail", string("what was wrong and what is accepted"),
                        "parameter", string("the request parameter or body field at fault, where there is one")),
                List.of("type", "title", "status"));
    }
}
