package games.analytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Errors the framework raises itself (bodies it cannot bind, media types, methods) in the one problem shape, with a detail. */
@MicronautTest
class FrameworkErrorsTest extends ServiceOnClickHouse {

    FrameworkErrorsTest() throws IOException {
        super("framework");
    }

    @Test
    void bodiesTheFrameworkCannotBindAreProblemsWithADetail() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("[1, 2]", "400 the request could not be read");
        cases.put("{\"url\": ", "400 the request could not be read");
        cases.put("not json", "400 the request could not be read");
        cases.forEach((body, expected) -> {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                    HttpRequest.POST("/api/v1/ingestions", body).contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE), String.class));
            assertProblemDetail(e, expected, body);
        });
        HttpClientResponseException plain = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.POST("/api/v1/ingestions", "{}").contentType(io.micronaut.http.MediaType.TEXT_PLAIN_TYPE), String.class));
        assertProblemDetail(plain, "415 POST /api/v1/ingestions takes a body of Content-Type text/csv, application/gzip, application/x-gzip, application/json, multipart/form-data", "text/plain");
        HttpClientResponseException put = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.PUT("/api/v1/ingestions", "{}"), String.class));
        assertProblemDetail(put, "405 PUT is not allowed on /api/v1/ingestions", "PUT");
    }

    private static void assertProblemDetail(HttpClientResponseException e, String expected, String what) {
        assertEquals(expected.substring(0, 3), Integer.toString(e.getStatus().getCode()), what);
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString(), what);
        Map<String, Object> problem = e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
        assertTrue(String.valueOf(problem.get("detail")).startsWith(expected.substring(4)), what + ": " + problem);
        assertTrue(!problem.toString().contains("Exception") && !problem.containsKey("parameters"), what + ": " + problem);
    }
}
