package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import games.analytics.client.ingest.model.IngestionRequest;
import games.analytics.client.ingest.model.IngestionStatus;
import games.analytics.client.ingest.model.IngestionView;
import games.analytics.client.query.DefaultApi;
import games.analytics.client.query.invoker.ApiClient;
import games.analytics.client.query.invoker.ApiException;
import games.analytics.client.query.model.AggregatePage;
import games.analytics.client.query.model.DescribeRow;
import games.analytics.client.query.model.Game;
import games.analytics.client.query.model.GamesPage;
import games.analytics.client.query.model.LoginRequest;
import games.analytics.client.query.model.Problem;
import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import games.analytics.testing.TestData;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Java clients generated at build time from the two OpenAPI documents (openapi-generator, library native) call the real
 * services through the gateway: an ingestion followed to its end by its progress, a login, pages, a filter, an aggregate,
 * describe() and a problem. Their JSON readers refuse properties the documents do not declare. Answers are checked against
 * the sample CSV read in plain Java.
 */
class OpenApiClientIT {

    final Stack stack = Stack.get();
    final SampleOracle oracle = new SampleOracle(TestData.bytes(TestData.SAMPLE));

    OpenApiClientIT() throws Exception {
    }

    @Test
    void anIngestionIsFollowedByItsProgressToTheEnd() throws Exception {
        games.analytics.client.ingest.DefaultApi ingest = ingestApi("Bearer " + TestTokens.valid(Roles.INGEST));
        IngestionView started = ingest.startIngestion(games.analytics.client.ingest.DefaultApi.APIStartIngestionRequest.newBuilder()
                .ingestionRequest(new IngestionRequest().url(stack.sampleUrl)).build());
        assertTrue(List.of(IngestionStatus.queued, IngestionStatus.running).contains(started.getStatus()), started.toString());
        List<IngestionView> seen = new ArrayList<>(List.of(started));
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
            IngestionView now = ingest.getIngestion(started.getId());
            seen.add(now);
            return now.getStatus() == IngestionStatus.succeeded || now.getStatus() == IngestionStatus.failed;
        });
        IngestionView done = seen.getLast();
        assertEquals(IngestionStatus.succeeded, done.getStatus(), done.toString());
        long size = TestData.bytes(TestData.SAMPLE).length;
        assertEquals(size, done.getBytesRead());
        assertEquals(size, done.getBytesTotal());
        assertEquals(oracle.rows.size(), done.getRowsInserted());
        assertEquals(0L, done.getRowsRejected());
        for (int i = 1; i < seen.size(); i++) {
            long before = seen.get(i - 1).getBytesRead() == null ? 0 : seen.get(i - 1).getBytesRead();
            assertTrue(seen.get(i).getBytesRead() >= before, "progress never goes back: " + seen);
        }
        assertEquals(done.getId(), ingest.listIngestions(games.analytics.client.ingest.DefaultApi.APIListIngestionsRequest.newBuilder().limit(1000).build()).getData().stream().filter(j -> j.getId().equals(done.getId()))
                .findFirst().orElseThrow().getId(), "the job is listed");
    }

    @Test
    void aLoggedInAnalystPagesFiltersAggregatesAndDescribes() throws Exception {
        stack.ingestSample();
        DefaultApi login = queryApi(null);
        String token = login.login(new LoginRequest().username(Stack.LOGIN_USER).password(Stack.LOGIN_PASSWORD)).getAccessToken();
        DefaultApi query = queryApi("Bearer " + token);

        // pages: two of five, by app_id, then the cursor runs out at the end
        List<String> byAppId = oracle.rows.stream().map(SampleOracle.Game::appId).sorted(Comparator.comparingLong(Long::parseLong)).toList();
        GamesPage first = query.games(DefaultApi.APIGamesRequest.newBuilder().limit(5).sort(List.of("app_id"))
                .fields(List.of("app_id", "name", "price")).build());
        GamesPage second = query.games(DefaultApi.APIGamesRequest.newBuilder().limit(5).sort(List.of("app_id"))
                .fields(List.of("app_id", "name", "price")).cursor(first.getNextCursor()).build());
        assertEquals(byAppId.subList(0, 5), ids(first.getData()));
        assertEquals(byAppId.subList(5, 10), ids(second.getData()));
        assertNull(first.getData().getFirst().getReleaseDate(), "fields picks the columns");

        // a filter: Indie games from 0 to 5 (a typed pair), with the exact count
        GamesPage indie = query.games(DefaultApi.APIGamesRequest.newBuilder().genresExact("Indie")
                .priceBetween(List.of(BigDecimal.ZERO, new BigDecimal("5"))).sort(List.of("app_id")).limit(1000).count("exact").build());
        List<String> expected = oracle.rows.stream().filter(g -> g.genres().contains("Indie") && g.price().compareTo(new BigDecimal("5")) <= 0)
                .map(SampleOracle.Game::appId).sorted(Comparator.comparingLong(Long::parseLong)).toList();
        assertEquals(expected, ids(indie.getData()));
        assertEquals(expected.size(), indie.getTotalCount());
        for (Game game : indie.getData()) {
            BigDecimal want = oracle.rows.stream().filter(g -> g.appId().equals(game.getAppId().toString())).findFirst().orElseThrow().price();
            assertEquals(0, want.compareTo(game.getPrice()), "prices arrive as exact decimals: " + want + " " + game.getPrice());
        }

        // an aggregate: games per genre
        AggregatePage perGenre = query.aggregate(DefaultApi.APIAggregateRequest.newBuilder().metrics(List.of("count"))
                .groupBy(List.of("genres")).limit(1000).build());
        Map<String, Long> counts = new TreeMap<>();
        perGenre.getData().forEach(row -> counts.put((String) row.get("genres"), ((Number) row.get("count")).longValue()));
        Map<String, Long> want = new TreeMap<>();
        oracle.rows.forEach(g -> g.genres().stream().filter(s -> !s.isEmpty()).forEach(s -> want.merge(s, 1L, Long::sum)));
        assertEquals(want, counts);

        // describe(): count and mean of price
        DescribeRow price = query.describe(DefaultApi.APIDescribeRequest.newBuilder().columns(List.of("price")).build()).getData().getFirst();
        assertEquals("price", price.getColumn());
        assertEquals(oracle.rows.size(), price.getCount());
        double mean = oracle.rows.stream().mapToDouble(g -> g.price().doubleValue()).average().orElseThrow();
        assertEquals(mean, price.getMean().doubleValue(), 1e-6);
    }

    @Test
    void aBadParameterIsTheDocumentedProblem() throws Exception {
        DefaultApi query = queryApi("Bearer " + TestTokens.valid(Roles.ANALYST));
        ApiException refused = assertThrows(ApiException.class, () -> query.games(DefaultApi.APIGamesRequest.newBuilder().limit(0).build()));
        assertEquals(400, refused.getCode());
        Problem problem = strict(new ApiClient()).getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertEquals("limit", problem.getParameter());
        assertEquals(400, problem.getStatus());
        assertNotNull(problem.getDetail());
    }

    private static List<String> ids(List<Game> games) {
        return games.stream().map(g -> g.getAppId().toString()).toList();
    }

    /** A client of the gateway from a loopback address of its own (the gateway limits rates per address). */
    private DefaultApi queryApi(String authorization) {
        ApiClient client = strict(new ApiClient());
        client.updateBaseUri(stack.gateway.url());
        client.setHttpClientBuilder(Stack.clientBuilder(112));
        if (authorization != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        }
        return new DefaultApi(client);
    }

    private games.analytics.client.ingest.DefaultApi ingestApi(String authorization) {
        var client = new games.analytics.client.ingest.invoker.ApiClient();
        client.setObjectMapper(client.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        client.updateBaseUri(stack.gateway.url());
        client.setHttpClientBuilder(Stack.clientBuilder(111));
        client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        return new games.analytics.client.ingest.DefaultApi(client);
    }

    /** An answer with a property the document does not declare fails the test. */
    private static ApiClient strict(ApiClient client) {
        return client.setObjectMapper(client.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    }

}
