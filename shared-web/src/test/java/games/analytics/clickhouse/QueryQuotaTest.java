package games.analytics.clickhouse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The games_query quota must not lock every analyst out under load: ClickHouse counts execution time as wall time summed
 * over concurrent queries, so an hour's allowance below what the service's pool can use ran out in minutes (7,200 s
 * lasted ~8 minutes of 16 busy connections, and then every request was a 503 for the rest of the hour).
 */
class QueryQuotaTest {

    @Test
    void theExecutionTimeQuotaCoversThePoolForTheWholeInterval() throws Exception {
        String template = Files.readString(Path.of("..", "deploy", "clickhouse", "games-users.xml.template"));
        String quota = template.substring(template.indexOf("<quotas>"), template.indexOf("</quotas>"));
        long duration = number(quota, "duration");
        long executionTime = number(quota, "execution_time");
        assertTrue(executionTime >= ClickHouseConnection.DEFAULT_MAX_CONNECTIONS * duration,
                executionTime + " s of execution time per " + duration + " s interval, for a pool of " + ClickHouseConnection.DEFAULT_MAX_CONNECTIONS);
    }

    private static long number(String xml, String element) {
        Matcher m = Pattern.compile("<" + element + ">(\\d+)</" + element + ">").matcher(xml);
        assertTrue(m.find(), element + " in the games_query quota");
        return Long.parseLong(m.group(1));
    }
}
