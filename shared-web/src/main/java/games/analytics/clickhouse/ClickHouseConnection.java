package games.analytics.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClientFaultCause;
import games.analytics.model.Sql;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Where ClickHouse is and how to talk to it; builds a client-v2 {@link Client} that works against
 * 18.16 and current servers alike (docs/operations.md, "Both ClickHouse versions").
 *
 * @param maxConnections pooled connections to ClickHouse; a query beyond them waits up to a minute for one
 *                       (client-v2's default is 10 connections and a 10 s wait, after which it fails)
 * @param cluster        the cluster (as the servers' {@code remote_servers} name it) whose shards hold the data, each
 *                       data table a {@code Distributed} table over a local table on every server; blank: one server
 *                       (docs/cluster.md)
 */
public record ClickHouseConnection(String url, String user, String password, String database, int maxConnections, String cluster) {

    /** The pool when clickhouse.max-connections is not set; the games_query quota is sized to it (QueryQuotaTest). */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;

    /** How long an idle pooled connection is reused when clickhouse.keep-alive is not set (see {@link #newClient}). */
    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 2;

    public ClickHouseConnection {
        Sql.identifier(database);
        cluster = cluster == null ? "" : cluster.strip();
        if (!cluster.isEmpty()) {
            Sql.identifier(cluster);
        }
    }

    /** One server. */
    public ClickHouseConnection(String url, String user, String password, String database, int maxConnections) {
        this(url, user, password, database, maxConnections, "");
    }

    /** The same connection to another server of the cluster. */
    public ClickHouseConnection at(String otherUrl) {
        return new ClickHouseConnection(otherUrl, user, password, database, maxConnections, cluster);
    }

    public boolean clustered() {
        return !cluster.isEmpty();
    }

    /**
     * @param keepAlive        how long a pooled connection may sit idle and still be reused. It must end before the server
     *                         (or a proxy in between) closes idle connections: client-v2 checks a connection only after 5 s
     *                         idle, so one the server closed sooner went out again, and its request failed unanswered
     *                         (NoHttpResponseException: two 500s in an hour of benchmarks against 18.16, which closed after
     *                         ~10 s idle)
     * @param resendUnanswered send a request once more, on another connection, when the server closed its connection without
     *                         answering (a restart, a proxy's idle close): right for reads; an insert's body may have arrived
     */
    public Client newClient(long socketTimeoutSeconds, Duration keepAlive, boolean resendUnanswered) {
        Client.Builder builder = new Client.Builder()
                .addEndpoint(url)
                .setUsername(user)
                .setPassword(password == null ? "" : password)
                .setDefaultDatabase(database)
                .compressServerResponse(false) // 18.16 answers an empty body otherwise
                .compressClientRequest(false)
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .setSocketTimeout(socketTimeoutSeconds, ChronoUnit.SECONDS)
                .setMaxConnections(maxConnections)
                .setConnectionRequestTimeout(60, ChronoUnit.SECONDS)
                .setKeepAliveTimeout(keepAlive.toMillis(), ChronoUnit.MILLIS);
        return resendUnanswered
                ? builder.setMaxRetries(1).retryOnFailures(ClientFaultCause.NoHttpResponse).build()
                : builder.setMaxRetries(0).build();
    }
}
