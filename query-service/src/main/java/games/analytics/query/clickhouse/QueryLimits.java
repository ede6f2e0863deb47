package games.analytics.query.clickhouse;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Guards on every query (query.* in application.yml, QUERY_* in the environment).
 *
 * @param maxExecutionTimeSeconds ClickHouse max_execution_time
 * @param maxResultRows           ClickHouse max_result_rows (the query fails rather than return more)
 * @param maxExportRows           largest limit for ndjson/csv output, and their default
 */
@ConfigurationProperties("query")
public record QueryLimits(int maxExecutionTimeSeconds, long maxResultRows, int maxExportRows) {
}
