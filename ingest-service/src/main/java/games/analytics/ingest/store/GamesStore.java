package games.analytics.ingest.store;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.DataStreamWriter;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import games.analytics.clickhouse.ClickHouseConnection;
import games.analytics.clickhouse.ClickHouseFailure;
import games.analytics.model.GamesTable;
import games.analytics.model.Sql;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/** The ingest-service's ClickHouse access: schema, data tables, batch inserts (RowBinary) and the pointer flip. */
@Singleton
public class GamesStore {

    private final Client client;
    private final String database;

    GamesStore(Client client, ClickHouseConnection connection) {
        this.client = client;
        this.database = connection.database();
    }

    public String database() {
        return database;
    }

    /** Creates the database and the pointer table; safe to run on every start. */
    public Mono<Void> migrate() {
        return execute("CREATE DATABASE IF NOT EXISTS " + Sql.identifier(database))
                .then(execute(GamesTable.createPointerTable(database)));
    }

    public Mono<Void> createTable(String table) {
        return execute(GamesTable.createDataTable(database, table));
    }

    /**
     * Merges of a table's parts wait while it is being loaded (each batch is a part): merging them during the
     * load took the cores the load needed (1 GB: 16 parts, merges running alongside); they run once it is published.
     */
    public Mono<Void> mergesPaused(String table, boolean paused) {
        return execute("SYSTEM " + (paused ? "STOP" : "START") + " MERGES " + Sql.table(database, table));
    }

    public Mono<Void> dropTable(String table) {
        return execute("DROP TABLE IF EXISTS " + Sql.table(database, table));
    }

    /** Streams one batch of RowBinary rows (the registry's columns, in order) written by {@code body} into {@code table}. */
    public Mono<Void> insert(String table, InsertBody body) {
        return insert(table, body, ClickHouseFormat.RowBinary);
    }

    /** Inserts a small TSV body (rows we built ourselves) into one of our own tables. */
    Mono<Void> insertTsv(String table, String tsv) {
        return insert(table, out -> out.write(tsv.getBytes(StandardCharsets.UTF_8)), ClickHouseFormat.TabSeparated);
    }

    private Mono<Void> insert(String table, InsertBody body, ClickHouseFormat format) {
        DataStreamWriter writer = body::writeTo;
        return Mono.fromFuture(() -> client.insert(Sql.table(database, table), writer, format, new InsertSettings()))
                .doOnNext(InsertResponse::close)
                .then();
    }

    /** Copies the rows of {@code from} into {@code to} inside ClickHouse (append mode starts from the current data). */
    public Mono<Void> copyRows(String from, String to) {
        return execute("INSERT INTO " + Sql.table(database, to) + " SELECT * FROM " + Sql.table(database, from));
    }

    /** The table queries read now, if any. */
    public Mono<String> currentTable() {
        return lines(GamesTable.selectCurrentTable(database)).flatMap(l -> l.isEmpty() ? Mono.empty() : Mono.just(l.get(0)));
    }

    /** Largest source_row in {@code table}: appended rows continue after it, so source_row stays unique. */
    public Mono<Long> maxSourceRow(String table) {
        return lines("SELECT max(source_row) FROM " + Sql.table(database, table) + " FORMAT TabSeparated")
                .map(l -> Long.parseLong(l.get(0)));
    }

    /** Makes {@code table} the one queries read: one appended row, atomic on every version. */
    public Mono<Void> activate(String table, String ingestionId) {
        String row = "(" + Sql.integer(System.currentTimeMillis()) + ", " + Sql.string(table) + ", "
                + Sql.string(ingestionId) + ", now())";
        return execute("INSERT INTO " + Sql.table(database, GamesTable.POINTER_TABLE)
                + " (version, table_name, ingestion_id, activated_at) VALUES " + row);
    }

    /** Data tables other than {@code keep}: what a successful replace leaves behind. */
    public Mono<List<String>> dataTablesExcept(String keep) {
        String sql = "SELECT name FROM system.tables WHERE database = " + Sql.string(database)
                + " AND startsWith(name, " + Sql.string(GamesTable.DATA_TABLE_PREFIX) + ")"
                + " AND name != " + Sql.string(GamesTable.POINTER_TABLE)
                + " AND name != " + Sql.string(keep) + " FORMAT TabSeparated";
        return lines(sql);
    }

    Mono<Void> execute(String sql) {
        return Mono.fromFuture(() -> client.execute(sql)).doOnNext(r -> {
            try {
                r.close();
            } catch (Exception ignored) {
                // nothing left to release
            }
        }).then();
    }

    /** A TSV answer as lines; only for answers the query itself bounds (job lists, a rejects page, a table name). */
    Mono<List<String>> lines(String sql) {
        Supplier<CompletableFuture<QueryResponse>> query =
                () -> client.query(sql, new QuerySettings().setFormat(ClickHouseFormat.TabSeparated));
        return Mono.fromFuture(query).map(response -> {
            try (response; BufferedReader reader = new BufferedReader(
                    new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
                List<String> lines = new ArrayList<>();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
                return lines;
            } catch (Exception e) {
                throw new IllegalStateException("reading ClickHouse answer: " + e.getMessage(), e);
            }
        }).onErrorMap(ClickHouseFailure::of); // any failure of a call that only reads ClickHouse
    }
}
