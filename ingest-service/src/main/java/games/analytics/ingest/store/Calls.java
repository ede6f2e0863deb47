package games.analytics.ingest.store;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import games.analytics.clickhouse.ClickHouseFailure;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Blocking calls to one ClickHouse server. Every call waits until ClickHouse answered: the store's callers (the single
 * job worker, the blocking request pool, start-up) wait for each answer anyway, and a plain call says so.
 */
final class Calls {

    private Calls() {
    }

    static void execute(Client server, String sql) {
        closeQuietly(await(server.execute(sql)));
    }

    /** A TSV answer as lines; only for answers the query itself bounds (a page of jobs or rejects, a table name). */
    static List<String> lines(Client server, String sql) {
        try (QueryResponse response = await(server.query(sql, new QuerySettings().setFormat(ClickHouseFormat.TabSeparated)));
             BufferedReader reader = new BufferedReader(new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
            return lines;
        } catch (Exception e) {
            throw ClickHouseFailure.of(e); // any failure of a call that only reads ClickHouse
        }
    }

    /** The call's answer; its failure as thrown by the client (a checked one wrapped, an interrupt kept). */
    static <T> T await(CompletableFuture<T> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new CompletionException(e);
        }
    }

    static void closeQuietly(AutoCloseable response) {
        try {
            response.close();
        } catch (Exception ignored) {
            // nothing left to release
        }
    }
}
