package games.analytics.query.clickhouse;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Guards on every query (query.* in application.yml, QUERY_* in the environment).
 *
 * @param maxExecutionTimeSeconds ClickHouse max_execution_time
 * @param maxResultRows           ClickHouse max_result_rows (the query fails rather than return more)
 * @param maxExportRows           largest limit for ndjson/csv output, and their default
 * @param parallelQueries         how many queries at a time may use ClickHouse's default max_threads (all its cores);
 *                                a query started while that many run gets one thread ({@link QueryThreads})
 */
@ConfigurationProperties("query")
public record QueryLimits(int maxExecutionTimeSeconds, long maxResultRows, int maxExportRows, int parallelQueries) {
}
