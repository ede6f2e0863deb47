package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What operators read: Prometheus metrics of both services (admins only). */
class OperationsIT {

    final Stack stack = Stack.get();
    final HttpClient client = Stack.client(101);

    OperationsIT() throws Exception {
    }

    HttpResponse<String> metrics(String baseUrl, String token) throws Exception {
        return Stack.send(client, "GET", baseUrl + "/prometheus", token == null ? null : "Bearer " + token, null);
    }

    @Test
    void bothServicesExposePrometheusMetricsToAdminsOnly() throws Exception {
        stack.ingestSample();
        Stack.send(client, "GET", stack.query.url() + "/api/v1/games?name=galactic", "Bearer " + TestTokens.valid(Roles.ANALYST), null);
        for (String base : List.of(stack.ingest.url(), stack.query.url(), stack.gateway.url())) {
            assertEquals(401, metrics(base, null).statusCode(), base);
            assertEquals(403, metrics(base, TestTokens.valid(Roles.ANALYST)).statusCode(), base);
            HttpResponse<String> admin = metrics(base, TestTokens.valid(Roles.ADMIN));
            assertEquals(200, admin.statusCode(), base);
            assertTrue(admin.body().contains("http_server_requests_seconds_bucket{"), base + ": latency histograms per route");
            assertTrue(admin.body().contains("jvm_memory_used_bytes"), base);
        }
        String ingest = metrics(stack.ingest.url(), TestTokens.valid(Roles.ADMIN)).body();
        assertTrue(ingest.contains("ingest_rows_total{outcome=\"inserted\"}"), ingest);
        assertTrue(ingest.contains("ingest_job_duration_seconds_bucket{"), "job durations");
        assertTrue(ingest.contains("ingest_bytes_total{"), "bytes");
        String query = metrics(stack.query.url(), TestTokens.valid(Roles.ADMIN)).body();
        assertTrue(query.contains("uri=\"/api/v1/games\""), "per route");
    }

    @Test
    void logFormatJsonMakesEveryLineAJsonObject() throws Exception {
        for (java.nio.file.Path jar : List.of(Stack.INGEST_JAR, Stack.QUERY_JAR)) {
            try (games.analytics.testing.ServiceJar service = games.analytics.testing.ServiceJar.start(jar, stack.clickHouse,
                    stack.clickHouse.newDatabase("logs"), java.util.Map.of("JWT_SECRET", TestTokens.SECRET, "LOG_FORMAT", "json"))) {
                Stack.send(client, "GET", service.url() + "/api/v1/nothing-here", "Bearer " + TestTokens.valid(Roles.ADMIN), null);
                List<String> lines = service.log().lines().filter(line -> !line.isBlank()).toList();
                assertTrue(!lines.isEmpty(), jar + ": " + lines);
                for (String line : lines) {
                    assertTrue(line.startsWith("{") && line.endsWith("}") && line.contains("\"level\":\"") && line.contains("\"loggerName\":\""),
                            jar + ": " + line);
                }
            }
        }
    }

    @Test
    void theGatewayLogsOneJsonLinePerRequestWithTheTokensSubject() throws Exception {
        stack.ingestSample();
        String marker = "/api/v1/games?name=log-marker-" + System.nanoTime();
        assertEquals(200, Stack.send(client, "GET", stack.gateway.url() + marker, "Bearer " + TestTokens.valid(Roles.ANALYST), null).statusCode());
        assertEquals(401, Stack.send(client, "GET", stack.gateway.url() + "/api/v1/schema", null, null).statusCode());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> stack.gateway.accessLog().contains("/api/v1/schema"));
        List<String> lines = stack.gateway.accessLog().lines().toList();
        for (String line : lines) {
            assertTrue(line.startsWith("{\"time\":") && line.endsWith("}"), line);
        }
        String ok = lines.stream().filter(l -> l.contains("\"uri\":\"" + marker + "\"") && l.contains("\"status\":200")).reduce((a, b) -> b).orElseThrow();
        assertTrue(ok.contains("\"subject\":\"" + TestTokens.SUBJECT + "\"") && ok.contains("\"latency_s\":"), ok);
        String refused = lines.stream().filter(l -> l.contains("\"uri\":\"/api/v1/schema\"") && l.contains("\"status\":401")).reduce((a, b) -> b).orElseThrow();
        assertTrue(refused.contains("\"subject\":\"\""), refused);
    }

    @Test
    void jobsAndRejectsSurviveABackupAndARestoreOnAFreshDatabase() throws Exception {
        String admin = "Bearer " + TestTokens.valid(Roles.ADMIN);
        String csv = "AppID,Name,Release date,Required age,Price,DLC count,About the game,Supported languages,Windows,Mac,Linux,"
                + "Positive,Negative,Score rank,Developers,Publishers,Categories,Genres,Tags\n"
                + "1,fine,\"Oct 1, 2010\",0,1.99,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e\n"
                + "2,broken,\"Oct 1, 2010\",0,not a price,0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e\n";
        String source = stack.clickHouse.newDatabase("backup_from");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("backup");
        String jobs;
        String rejects;
        try (games.analytics.testing.ServiceJar from = games.analytics.testing.ServiceJar.start(Stack.INGEST_JAR, stack.clickHouse, source,
                java.util.Map.of("JWT_SECRET", TestTokens.SECRET, "INGEST_URL_POLICY_ALLOW", java.net.URI.create(stack.sampleUrl).getAuthority()))) {
            String link = stack.files.serve("/backup.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String id = Stack.ingest(from.url(), "{\"url\": \"" + link + "\", \"maxRejectRatio\": 1}");
            jobs = Stack.send(client, "GET", from.url() + "/api/v1/ingestions", admin, null).body();
            rejects = Stack.send(client, "GET", from.url() + "/api/v1/ingestions/" + id + "/rejects", admin, null).body();
            assertTrue(rejects.contains("not a price"), rejects);
            assertEquals(0, backup("backup", dir, source), "backup");
        }
        String target = stack.clickHouse.newDatabase("backup_to");
        try (games.analytics.testing.ServiceJar to = games.analytics.testing.ServiceJar.start(Stack.INGEST_JAR, stack.clickHouse, target,
                java.util.Map.of("JWT_SECRET", TestTokens.SECRET))) {
            assertEquals(0, backup("restore", dir, target), "restore");
            String id = jobs.replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
            // rates are figures of a running job, not stored: the restored job has none, as any stored job
            String stored = jobs.replaceAll("\"(bytesPerSecond|rowsPerSecond)\":[0-9.]+", "\"$1\":null");
            assertEquals(stored, Stack.send(client, "GET", to.url() + "/api/v1/ingestions", admin, null).body());
            assertEquals(rejects, Stack.send(client, "GET", to.url() + "/api/v1/ingestions/" + id + "/rejects", admin, null).body());
        }
    }

    /**
     * deploy/ops/backup.sh as an operator runs it (POSIX sh, as in the compose file's backup service), with ClickHouse's
     * admin user whose password it reads from stdin: never from its command line or environment.
     */
    int backup(String mode, java.nio.file.Path dir, String database) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "../deploy/ops/backup.sh", mode, dir.toString())
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(java.util.Map.of("CLICKHOUSE_URL", stack.clickHouse.url(), "CLICKHOUSE_USER", stack.clickHouse.user(),
                "CLICKHOUSE_DATABASE", database));
        Process process = builder.start();
        String password = stack.clickHouse.password();
        process.getOutputStream().write(((password.isEmpty() ? "-" : password) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        process.getOutputStream().close();
        int exit = process.waitFor();
        if (mode.equals("backup")) {
            for (String table : java.util.List.of("ingestion_jobs", "ingestion_rejects", "ingestion_schedules")) {
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        java.nio.file.Files.getPosixFilePermissions(dir.resolve(table + ".native"))), "dumps are the owner's only");
            }
        }
        return exit;
    }
}
