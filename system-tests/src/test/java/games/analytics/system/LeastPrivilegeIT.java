package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.ClickHouseServer.Answer;
import games.analytics.testing.ClickHouseServer.Credentials;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ClickHouse users of deploy/clickhouse, the ones the services run as in the stack. */
class LeastPrivilegeIT {

    static ClickHouseServer ch;
    static String table;

    @BeforeAll
    static void start() throws Exception {
        Stack stack = Stack.get();
        ch = stack.clickHouse;
        // the stack's services work as these users (AccessMatrixIT and GatewayIT use them); here: what they may not do
        table = ClickHouseServer.SERVICE_DATABASE + ".privilege_probe";
        ch.sql("CREATE TABLE IF NOT EXISTS " + table + " (x UInt8) ENGINE = MergeTree ORDER BY x");
        ch.sql("CREATE DATABASE IF NOT EXISTS elsewhere");
        ch.sql("CREATE TABLE IF NOT EXISTS elsewhere.secret (x UInt8) ENGINE = Memory");
    }

    @Test
    void neitherServiceUserIsDefault() {
        assertNotEquals("default", ch.queryUser().user());
        assertNotEquals("default", ch.ingestUser().user());
        assertRefused(ch.ask(new Credentials(ch.queryUser().user(), ""), "SELECT 1"), "password");
        assertRefused(ch.ask(new Credentials(ch.ingestUser().user(), "wrong"), "SELECT 1"), "password");
    }

    @Test
    void theQueryServiceUserReadsButCannotWriteOrDrop() {
        Credentials query = ch.queryUser();
        assertEquals(200, ch.ask(query, "SELECT count() FROM " + table + " SETTINGS max_execution_time = 5").status(),
                "reads, and may set its per-query limits");
        for (String sql : List.of("INSERT INTO " + table + " VALUES (1)",
                "DROP TABLE " + table,
                "TRUNCATE TABLE " + table,
                "ALTER TABLE " + table + " DELETE WHERE 1",
                "ALTER TABLE " + table + " ADD COLUMN y UInt8",
                "CREATE TABLE " + ClickHouseServer.SERVICE_DATABASE + ".mine (x UInt8) ENGINE = Memory",
                "RENAME TABLE " + table + " TO " + table + "_moved",
                "DROP DATABASE " + ClickHouseServer.SERVICE_DATABASE,
                "SET readonly = 0")) {
            assertRefused(ch.ask(query, sql), sql);
        }
        assertRefused(ch.ask(query, "SELECT * FROM elsewhere.secret"), "another database");
        assertEquals("0\n", ch.sql("SELECT count() FROM " + table), "nothing was written");
    }

    @Test
    void theIngestServiceUserWritesOnlyItsOwnDatabase() {
        Credentials ingest = ch.ingestUser();
        assertEquals(200, ch.ask(ingest, "INSERT INTO " + table + " VALUES (7)").status());
        assertEquals(200, ch.ask(ingest, "TRUNCATE TABLE " + table).status());
        for (String sql : List.of("CREATE DATABASE other",
                "CREATE TABLE default.mine (x UInt8) ENGINE = Memory",
                "INSERT INTO elsewhere.secret VALUES (1)",
                "DROP TABLE elsewhere.secret",
                "SELECT * FROM elsewhere.secret")) {
            assertRefused(ch.ask(ingest, sql), sql);
        }
    }

    private static void assertRefused(Answer answer, String what) {
        assertNotEquals(200, answer.status(), what + " was allowed");
        assertTrue(answer.body().matches("(?s).*(readonly|Access denied|ACCESS_DENIED|Not enough privileges|[Pp]assword|AUTHENTICATION_FAILED|Authentication failed).*"),
                what + ": " + answer.body());
    }
}
