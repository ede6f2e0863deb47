package games.analytics.clickhouse;

import com.clickhouse.client.api.Client;
import games.analytics.model.Sql;
import java.time.temporal.ChronoUnit;

/**
 * Where ClickHouse is and how to talk to it; builds a client-v2 {@link Client} that works against
 * 18.16 and current servers alike (the README's "Both ClickHouse versions").
 *
 * @param maxConnections pooled connections to ClickHouse; a query beyond them waits up to a minute for one
 *                       (client-v2's default is 10 connections and a 10 s wait, after which it fails)
 */
public record ClickHouseConnection(String url, String user, String password, String database, int maxConnections) {

    /** The pool when clickhouse.max-connections is not set; the games_query quota is sized to it (QueryQuotaTest). */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;

    public ClickHouseConnection {
        Sql.identifier(database);
    }

    public Client newClient(long socketTimeoutSeconds) {
        return new Client.Builder()
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
                .setMaxRetries(0)
                .build();
    }
}
