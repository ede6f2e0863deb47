package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.CsvFileServer;
import games.analytics.testing.CsvFileServer.Route;
import games.analytics.testing.ServiceJar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How the packaged services get their token keys, and how they refuse to run without one. */
class JwtConfigurationIT {

    @Test
    void aServiceWithoutAKeyRefusesToStartAndSaysWhy() throws Exception {
        for (Path jar : List.of(Stack.INGEST_JAR, Stack.QUERY_JAR)) {
            Exit exit = runToExit(jar, Map.of());
            assertNotEquals(0, exit.code());
            assertTrue(exit.output().contains("No key to check JWTs with. Set JWT_SECRET"), exit.output());
        }
        Exit shortSecret = runToExit(Stack.QUERY_JAR, Map.of("JWT_SECRET", "too-short"));
        assertNotEquals(0, shortSecret.code());
        assertTrue(shortSecret.output().contains("JWT_SECRET must be at least 32 bytes"), shortSecret.output());
    }

    @Test
    void theDevEnvironmentUsesThePublicDevelopmentKeyThatTheMintingToolKnows() throws Exception {
        ClickHouseServer ch = ClickHouseServer.get();
        try (ServiceJar query = ServiceJar.start(Stack.QUERY_JAR, ch, ch.newDatabase("dev"), Map.of("MICRONAUT_ENVIRONMENTS", "dev"))) {
            String devToken = mint(Stack.QUERY_JAR, "--sub", "dev", "--roles", "analyst", "--dev");
            assertEquals(204, check(query.url(), devToken));
            assertEquals(401, check(query.url(), TestTokens.valid(Roles.ANALYST)), "the test secret is not the dev key");
            assertTrue(query.log().contains("JWT_SECRET is not set: the dev environment checks tokens with the public development key"));
        }
    }

    @Test
    void theMintingToolInTheJarMakesTokensTheServicesAccept() throws Exception {
        String token = mint(Stack.INGEST_JAR, "--sub", "ops", "--roles", "ingest", "--ttl", "30d");
        Stack stack = Stack.get();
        assertEquals(204, check(stack.ingest.url(), token));
        assertEquals(403, check(stack.query.url(), token));
        Exit bad = runMint(Stack.INGEST_JAR, Map.of("JWT_SECRET", TestTokens.SECRET), "--sub", "ops", "--roles", "root");
        assertEquals(2, bad.code());
        assertTrue(bad.output().contains("unknown role 'root'"), bad.output());
    }

    @Test
    void anIdentityProvidersJwksReplacesTheSharedSecret() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        ClickHouseServer ch = ClickHouseServer.get();
        try (CsvFileServer idp = new CsvFileServer()) {
            String jwks = idp.serve("/.well-known/jwks.json", Route.csv(new JWKSet(key.toPublicJWK()).toString()
                    .getBytes(StandardCharsets.UTF_8)).status(200, "application/json"));
            Exit unnamed = runToExit(Stack.QUERY_JAR, Map.of("JWT_JWKS_URL", jwks));
            assertTrue(unnamed.code() != 0 && unnamed.output().contains("JWT_JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE"), unnamed.output());
            try (ServiceJar query = ServiceJar.start(Stack.QUERY_JAR, ch, ch.newDatabase("jwks"), Map.of("JWT_JWKS_URL", jwks,
                    "JWT_ISSUER", ISSUER, "JWT_AUDIENCE", AUDIENCE))) {
                assertEquals(204, check(query.url(), rs256(key, Roles.ANALYST)));
                assertEquals(403, check(query.url(), rs256(key, Roles.INGEST)));
                assertEquals(401, check(query.url(), rs256(stranger, Roles.ANALYST)), "signed by a key the provider does not publish");
                assertEquals(401, check(query.url(), TestTokens.valid(Roles.ANALYST)), "no shared secret is configured");
                assertEquals(401, check(query.url(), rs256(key, claims(Roles.ADMIN).issuer("https://other-idp.example").build())),
                        "another issuer's token");
                assertEquals(401, check(query.url(), rs256(key, claims(Roles.ADMIN).audience("another-app").build())),
                        "a token the provider issued for another application");
            }
        }
    }

    static final String ISSUER = "https://idp.example";
    static final String AUDIENCE = "games-analytics";

    @Test
    void tokensMustExpireSoonEnoughAndNotBeforeTheirTime() throws Exception {
        Stack stack = Stack.get();
        Instant now = Instant.now();
        Map<String, String> refused = Map.of(
                "no exp", TestTokens.signed(new JWTClaimsSet.Builder().subject("a").claim("roles", List.of(Roles.ADMIN)).build()),
                "nbf in the future", TestTokens.signed(claims(Roles.ADMIN).notBeforeTime(Date.from(now.plusSeconds(3600))).build()),
                "exp in the year 5138", TestTokens.signed(claims(Roles.ADMIN).expirationTime(Date.from(Instant.parse("5138-01-01T00:00:00Z"))).build()),
                "a 91-day lifetime", TestTokens.signed(claims(Roles.ADMIN).issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(java.time.Duration.ofDays(91)))).build()));
        for (Map.Entry<String, String> token : refused.entrySet()) {
            for (String url : List.of(stack.query.url(), stack.gateway.url())) {
                java.net.http.HttpResponse<String> answer = Stack.send(Stack.client(241), "GET", url + "/api/v1/games?limit=1",
                        "Bearer " + token.getValue(), null);
                assertEquals(401, answer.statusCode(), token.getKey() + " at " + url + ": " + answer.body());
            }
            assertEquals(401, check(stack.ingest.url(), token.getValue()), token.getKey());
        }
        assertEquals(204, check(stack.query.url(), TestTokens.signed(claims(Roles.ADMIN).notBeforeTime(Date.from(now.minusSeconds(5))).build())));
        Exit tooLong = runMint(Stack.INGEST_JAR, Map.of("JWT_SECRET", TestTokens.SECRET), "--sub", "ops", "--roles", "admin", "--ttl", "365d");
        assertTrue(tooLong.code() != 0 && tooLong.output().contains("above 90d"), tooLong.output());
    }

    /** A subject, roles, this service's issuer and audience, issued now, expiring in ten minutes. */
    private static JWTClaimsSet.Builder claims(String role) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject("someone").claim("roles", List.of(role)).issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    private static String rs256(RSAKey key, String role) throws Exception {
        return rs256(key, claims(role).build());
    }

    private static String rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static int check(String serviceUrl, String token) throws Exception {
        return Stack.send(Stack.client(240), "GET", serviceUrl + "/auth/check", "Bearer " + token, null).statusCode();
    }

    record Exit(int code, String output) {
    }

    private static String mint(Path jar, String... args) throws Exception {
        Exit exit = runMint(jar, Map.of("JWT_SECRET", TestTokens.SECRET), args);
        assertEquals(0, exit.code(), exit.output());
        return exit.output().strip();
    }

    private static Exit runMint(Path jar, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(java(), "-cp", jar.toString(), "games.analytics.security.MintToken"));
        command.addAll(List.of(args));
        return run(command, env);
    }

    private static Exit runToExit(Path jar, Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("MICRONAUT_SERVER_PORT", "-1");
        return run(List.of(java(), "-Xmx256m", "-jar", jar.toString()), all);
    }

    private static Exit run(List<String> command, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile("exit", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().remove("JWT_SECRET");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 60 s: " + Files.readString(out));
        }
        String output = Files.readString(out);
        Files.delete(out);
        return new Exit(process.exitValue(), output);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
