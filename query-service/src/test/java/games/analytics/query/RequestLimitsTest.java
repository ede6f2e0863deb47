package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.query.grammar.AggregateRequest;
import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests past the service's bounds are 400s naming the bound, never an answer that ignores part of the request
 * (Netty's dropped parameters) or one of unbounded size (hundreds of metrics); errors the framework raises itself
 * carry a detail that says what to do.
 */
class RequestLimitsTest {

    static QueryServiceUnderTest service;

    @BeforeAll
    static void start() throws Exception {
        service = QueryServiceUnderTest.start("limits", SampleGames.CSV);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), response.body());
        assertTrue(response.body().contains("\"detail\":") && response.body().contains(detail), response.body());
    }

    @Test
    void moreParametersThanNettyDecodesAreRefusedNotDropped() throws Exception {
        long oneGame = SampleGames.ALL.getFirst().appId();
        String padding = String.join("&", Collections.nCopies(1024, "name__ne=q"));
        assertProblem(service.get("/api/v1/games?" + padding + "&app_id=" + oneGame), 400, "at most 1024 query parameters, got 1025");
        assertProblem(service.get("/api/v1/games/aggregate?" + padding + "&app_id=" + oneGame), 400, "at most 1024");
        String within = String.join("&", Collections.nCopies(1023, "name__ne=q"));
        HttpResponse<String> answered = service.get("/api/v1/games?fields=app_id&" + within.substring(0, within.lastIndexOf('&'))
                + "&app_id=" + oneGame);
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals("{\"data\":[{\"app_id\":" + oneGame + "}],\"nextCursor\":null}", answered.body(), "the last filter applied");
    }

    @Test
    void metricsGroupsAndCellsAreCounted() throws Exception {
        String metrics = IntStream.rangeClosed(1, AggregateRequest.MAX_METRICS + 1).mapToObj(p -> "p" + p + ":price").collect(Collectors.joining(","));
        assertProblem(service.get("/api/v1/games/aggregate?metrics=" + metrics), 400, "metrics takes at most 32 per request, got 33");
        String allowed = IntStream.rangeClosed(1, AggregateRequest.MAX_METRICS).mapToObj(p -> "p" + p + ":price").collect(Collectors.joining(","));
        assertEquals(200, service.get("/api/v1/games/aggregate?metrics=" + allowed).statusCode());
        assertProblem(service.get("/api/v1/games/aggregate?metrics=count,sum:price,avg:price,max:price,min:price,median:price,"
                + "p90:price,p10:price,p20:price,p30:price,p40:price&limit=100000"), 400, "11 metrics allow a limit up to 90909");
        assertProblem(service.get("/api/v1/games/aggregate?group_by=genres,tags,developers,publishers,categories"), 400,
                "group_by takes at most 4 keys, got 5");
    }

    @Test
    void anEmptyFieldListIsRefused() throws Exception {
        for (String fields : List.of(",,,", ",", "%20,%20")) {
            assertProblem(service.get("/api/v1/games?fields=" + fields), 400, "fields names no column");
        }
        assertFalse(service.get("/api/v1/games?limit=1").body().contains("{}"));
    }

    @Test
    void frameworkErrorsSayWhatToDo() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = "Bearer " + TestTokens.valid(Roles.ADMIN);
        URI games = URI.create(service.server.getURI() + "/api/v1/games");
        assertProblem(http.send(HttpRequest.newBuilder(games).header("Authorization", token).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()), 405, "DELETE is not allowed on /api/v1/games");
        assertProblem(http.send(HttpRequest.newBuilder(URI.create(service.server.getURI() + "/api/v1/schema")).header("Authorization", token)
                .header("Accept", "image/png").build(), HttpResponse.BodyHandlers.ofString()), 406, "Accept header");
        URI login = URI.create(service.server.getURI() + "/api/v1/nothing-here");
        assertProblem(http.send(HttpRequest.newBuilder(login).header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString()),
                404, "the API is under /api/v1");
    }
}
