package games.analytics.clickhouse;

import com.clickhouse.client.api.Client;
import games.analytics.model.Sql;
import java.time.temporal.ChronoUnit;

/**
 * Where ClickHouse is and how to talk to it; builds a client-v2 {@link Client} that works against
 * 18.16 and current servers alike (the README's "Both ClickHouse versions").
 */
public record ClickHouseConnection(String url, String user, String password, String database) {

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
                .setMaxRetries(0)
                .build();
    }

    /** The URL without credentials, for logs and health output. */}
