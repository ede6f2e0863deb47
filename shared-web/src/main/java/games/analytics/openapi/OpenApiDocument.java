package games.analytics.openapi;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A service's OpenAPI document as micronaut-openapi writes it from the controllers' annotations, completed at build time
 * (exec-maven-plugin, phase process-classes, before the jar is made) with what annotations cannot say: the one problem
 * shape on every error answer, and whatever a service adds from its own registries. Completing a completed document
 * gives the same document, so an incremental build that skips the annotation processor is harmless.
 */
public final class OpenApiDocument {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String PROBLEM = "Problem";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private final Map<String, Object> root;

    private OpenApiDocument(Map<String, Object> root) {
        this.root = root;
    }

    /** Completes the document named by {@code args[0]} with what every service's document needs (the ingest-service's whole completion). */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        OpenApiDocument document = read(file);
        document.complete();
        document.write(file);
    }

    public static OpenApiDocument read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new OpenApiDocument(new Yaml(new LoaderOptions()).load(in));
        }
    }

    public void write(Path file) throws IOException {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(120);
        options.setSplitLines(false);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new Yaml(options).dump(copy(root), out);
        }
    }

    /** {@code components.schemas}, made if missing. */
    public Map<String, Object> schemas() {
        return child(child(root, "components"), "schemas");
    }

    /** {@code components.parameters}, made if missing. */
    public Map<String, Object> parameters() {
        return child(child(root, "components"), "parameters");
    }

    /** The operation at {@code path} and {@code method} (lower case); fails the build when the controllers lost it. */
    public Map<String, Object> operation(String path, String method) {
        Map<String, Object> paths = child(root, "paths");
        if (!(paths.get(path) instanceof Map<?, ?> item) || !(item.get(method) instanceof Map<?, ?>)) {
            throw new IllegalStateException("the document has no " + method.toUpperCase(java.util.Locale.ROOT) + " " + path);
        }
        return child(child(paths, path), method);
    }

    /**
     * What every service's document needs: the problem schema, and on every operation the problem shape on every error
     * and JSON first among request bodies (generators build a client's method from the first media type).
     */
    public void complete() {
        schemas().put(PROBLEM, Schemas.problem());
        Map<String, Object> paths = child(root, "paths");
        for (String path : paths.keySet()) {
            for (String method : METHODS) {
                if (child(paths, path).get(method) != null) {
                    Map<String, Object> operation = operation(path, method);
                    addProblems(operation);
                    if (operation.get("requestBody") instanceof Map<?, ?>) {
                        moveFirst(child(child(operation, "requestBody"), "content"), "application/json");
                    }
                }
            }
        }
    }

    /**
     * Error responses (4xx, 5xx) carry the problem as application/problem+json; an operation that needs a token answers
     * 401 and 403 in it; {@code default} says any other failure does too.
     */
    private static void addProblems(Map<String, Object> operation) {
        Map<String, Object> responses = child(operation, "responses");
        boolean anonymous = operation.get("security") instanceof List<?> security && security.isEmpty();
        if (!anonymous) {
            responses.putIfAbsent("401", Map.of("description", "no token, or one that is not valid (expired, wrong signature)"));
            responses.putIfAbsent("403", Map.of("description", "the token's roles do not include one this endpoint takes"));
        }
        responses.putIfAbsent("default", Map.of("description", "any other failure"));
        Map<String, Object> sorted = new java.util.TreeMap<>(responses); // 200, 400, ..., default
        responses.clear();
        responses.putAll(sorted);
        for (Map.Entry<String, Object> response : responses.entrySet()) {
            String code = response.getKey();
            if (code.equals("default") || code.startsWith("4") || code.startsWith("5")) {
                Map<String, Object> answer = new LinkedHashMap<>(asMap(response.getValue()));
                answer.put("content", Map.of(PROBLEM_JSON, Map.of("schema", Schemas.ref(PROBLEM))));
                response.setValue(answer);
            }
        }
    }

    /** A copy of every map and list, so no part is written twice as a YAML alias (the filters every operation lists). */
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return new java.util.ArrayList<>(list.stream().map(OpenApiDocument::copy).toList()); // a new one even when empty
        }
        return value;
    }

    /** Puts {@code key} last in {@code map}, as a reader expects responses after the parameters. */
    public static void moveLast(Map<String, Object> map, String key) {
        Object value = map.remove(key);
        if (value != null) {
            map.put(key, value);
        }
    }

    private static void moveFirst(Map<String, Object> map, String key) {
        if (map.containsKey(key)) {
            Map<String, Object> rest = new LinkedHashMap<>(map);
            map.clear();
            map.put(key, rest.remove(key));
            map.putAll(rest);
        }
    }

    /** The map under {@code key}, made (and kept in insertion order) if missing. */
    public static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            Map<String, Object> made = new LinkedHashMap<>();
            parent.put(key, made);
            return made;
        }
        return asMap(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
