package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Both OpenAPI documents as the build completes them (the ones in the jars): valid OpenAPI 3.0, every parameter and answer
 * typed, every failure the problem shape; and the query-service's document against the running service: its filter
 * parameters are exactly what /api/v1/schema says each column takes, the service takes each of them with a value made from
 * its schema, and the row schemas name the properties real answers carry.
 */
class OpenApiDocumentsIT {

    static final Path QUERY_DOCUMENT = Path.of("../query-service/target/classes/META-INF/swagger/games-query-service-0.1.0.yml");
    static final Path INGEST_DOCUMENT = Path.of("../ingest-service/target/classes/META-INF/swagger/games-ingest-service-0.1.0.yml");
    static final String PROBLEM = "#/components/schemas/Problem";

    final Stack stack = Stack.get();
    final ObjectMapper json = new ObjectMapper();
    final String analyst = "Bearer " + TestTokens.valid(Roles.ANALYST);

    OpenApiDocumentsIT() throws Exception {
    }

    static OpenAPI read(Path document) throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(Files.readString(document), null, options);
        assertEquals(List.of(), result.getMessages(), document + " is valid OpenAPI 3.0");
        return result.getOpenAPI();
    }

    @Test
    void bothDocumentsAreValidWithEveryParameterAndAnswerTypedAndEveryFailureAProblem() throws Exception {
        for (Path document : List.of(QUERY_DOCUMENT, INGEST_DOCUMENT)) {
            OpenAPI api = read(document);
            List<String> checked = new ArrayList<>();
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                String where = document.getFileName() + ": " + method + " " + path;
                for (Parameter parameter : parameters(api, operation)) {
                    assertTrue(typed(parameter.getSchema()), where + " parameter " + parameter.getName() + " has a type");
                }
                operation.getResponses().forEach((code, response) -> {
                    if (code.startsWith("2") && !code.equals("204")) {
                        assertNotNull(response.getContent(), where + " " + code + " has content");
                        response.getContent().forEach((type, media) -> assertTrue(typed(media.getSchema()), where + " " + code + " " + type));
                    } else if (!code.startsWith("2")) {
                        assertEquals(PROBLEM, response.getContent().get("application/problem+json").getSchema().get$ref(), where + " " + code);
                    }
                });
                assertTrue(operation.getResponses().containsKey("default"), where + " says what any other failure is");
                checked.add(where);
            }));
            assertTrue(checked.size() >= 6, checked.toString());
        }
    }

    @Test
    void theFilterParametersAreWhatTheServiceTakes() throws Exception {
        stack.ingestSample();
        JsonNode schema = get("/api/v1/schema");
        Set<String> expected = new TreeSet<>();
        for (JsonNode column : schema.get("columns")) {
            JsonNode operators = column.get("operators");
            for (int i = 0; i < operators.size(); i++) {
                expected.add(i == 0 ? column.get("name").asText() : column.get("name").asText() + "__" + operators.get(i).asText());
            }
        }
        OpenAPI api = read(QUERY_DOCUMENT);
        Set<String> reserved = new TreeSet<>();
        schema.get("reserved").forEach(name -> reserved.add(name.asText()));
        for (String path : List.of("/api/v1/games", "/api/v1/games/aggregate", "/api/v1/games/describe", "/api/v1/games/{app_id}/similar")) {
            Set<String> filters = parameters(api, api.getPaths().get(path).getGet()).stream().filter(p -> p.getIn().equals("query"))
                    .map(Parameter::getName).filter(name -> !reserved.contains(name)).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, filters, path + ": a filter parameter for every column and operator /api/v1/schema lists");
        }
        // every filter, with a value made from its schema, is taken by the service (a 200, not a 400)
        for (Parameter parameter : parameters(api, api.getPaths().get("/api/v1/games").getGet())) {
            if (expected.contains(parameter.getName())) {
                String value = URLEncoder.encode(example(parameter.getSchema()), StandardCharsets.UTF_8);
                assertNotNull(get("/api/v1/games?limit=1&fields=app_id&" + parameter.getName() + "=" + value).get("data"), parameter.getName());
            }
        }
    }

    @Test
    void theRowSchemasNameThePropertiesOfRealAnswers() throws Exception {
        stack.ingestSample();
        OpenAPI api = read(QUERY_DOCUMENT);
        JsonNode game = get("/api/v1/games?limit=1").get("data").get(0);
        assertEquals(properties(api, "Game"), names(game));
        assertEquals(properties(api, "DescribeRow"), names(get("/api/v1/games/describe?columns=price").get("data").get(0)));
        assertEquals(properties(api, "SimilarGame"), names(get("/api/v1/games/" + game.get("app_id").asText() + "/similar?limit=1").get("data").get(0)));
        assertEquals(List.of("data", "nextCursor", "totalCount"), properties(api, "GamesPage"));
        assertEquals(List.of("data", "nextCursor", "totalCount"), names(get("/api/v1/games?limit=1&count=exact")));
        Schema<?> problem = api.getComponents().getSchemas().get("Problem");
        assertEquals(new TreeSet<>(properties(api, "Problem")), new TreeSet<>(names(send("/api/v1/games?limit=0").body())), "a 400's problem");
        assertEquals(java.util.Set.of("type", "title", "status"), java.util.Set.copyOf(problem.getRequired()));
    }

    /** Straight to the query-service: the gateway's rate limit is not what these requests test. */
    private java.net.http.HttpResponse<String> send(String pathAndQuery) throws Exception {
        return Stack.send(Stack.client(110), "GET", stack.query.url() + pathAndQuery, analyst, null);
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        var response = send(pathAndQuery);
        assertEquals(200, response.statusCode(), pathAndQuery + ": " + response.body());
        return json.readTree(response.body());
    }

    private List<String> names(String body) throws Exception {
        return names(json.readTree(body));
    }

    /** The properties in the order the answer has them. */
    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> properties(OpenAPI api, String schema) {
        return new ArrayList<>(api.getComponents().getSchemas().get(schema).getProperties().keySet());
    }

    private static List<Parameter> parameters(OpenAPI api, Operation operation) {
        return operation.getParameters() == null ? List.of() : operation.getParameters().stream().map(p -> p.get$ref() == null ? p
                : api.getComponents().getParameters().get(p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1))).toList();
    }

    /** A type, a reference, or a composition of references: never a bare object or nothing. */
    private static boolean typed(Schema<?> schema) {
        return schema != null && (schema.get$ref() != null || (schema.getAllOf() != null && !schema.getAllOf().isEmpty())
                || (schema.getType() != null && (!schema.getType().equals("object") || schema.getProperties() != null
                || schema.getAdditionalProperties() != null)));
    }

    /** A value of the schema's type: the service must parse it (whether rows match does not matter here). */
    private static String example(Schema<?> schema) {
        if ("array".equals(schema.getType())) {
            String item = example(schema.getItems());
            return item + "," + item;
        }
        return switch (schema.getType()) {
            case "integer" -> "1";
            case "number" -> "1.5";
            case "boolean" -> "true";
            default -> schema.getPattern() != null ? "2020-05" : "ab";
        };
    }
}
