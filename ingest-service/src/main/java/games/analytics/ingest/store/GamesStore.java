package games.analytics.ingest.store;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.DataStreamWriter;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The ingest-service's ClickHouse access: schema, data tables, batch inserts (RowBinary) and the pointer flip. Every
 * call blocks until ClickHouse answered: its callers (the single job worker, the blocking request pool, start-up) wait
 * for each answer anyway, and a plain call says so. A read's failure is a {@link ClickHouseFailure} (a 503 or 502 to a
 * request); a write's is ClickHouse's own exception, which the job's failure classification reads.
 */
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

    /**
     * Creates the database and the pointer table, and gives data tables made before the partition key their year
     * column and data tables made before the year index their index (the query-service's statements name both);
     * safe to run on every start.
     */
    public void migrate() {
        execute("CREATE DATABASE IF NOT EXISTS " + Sql.identifier(database));
        execute(GamesTable.createPointerTable(database));
        List<String> unpartitioned = lines("SELECT table FROM system.columns WHERE database = " + Sql.string(database)
                + " AND startsWith(table, " + Sql.string(GamesTable.DATA_TABLE_PREFIX) + ") AND table != "
                + Sql.string(GamesTable.POINTER_TABLE) + " GROUP BY table HAVING countIf(name = "
                + Sql.string(GamesTable.PARTITION_COLUMN) + ") = 0 FORMAT TabSeparated");
        for (String table : unpartitioned) {
            execute(GamesTable.addPartitionColumn(database, table));
        }
        for (String table : dataTablesExcept("")) {
            if (!exists(GamesTable.yearIndex(table))) {
                indexYears(table);
            }
        }
    }

    /** Builds {@code table}'s year index from its rows (as one part), before queries may read the table. */
    public void indexYears(String table) {
        String index = GamesTable.yearIndex(table);
        execute("DROP TABLE IF EXISTS " + Sql.table(database, index));
        execute(GamesTable.createYearIndex(database, table));
        execute(GamesTable.fillYearIndex(database, table));
        execute("OPTIMIZE TABLE " + Sql.table(database, index) + " FINAL");
    }

    private boolean exists(String table) {
        return !lines("EXISTS TABLE " + Sql.table(database, table) + " FORMAT TabSeparated").getFirst().equals("0");
    }

    public void createTable(String table) {
        execute(GamesTable.createDataTable(database, table));
    }

    /**
     * Merges of a table's parts wait while it is being loaded (each batch is a part): merging them during the
     * load took the cores the load needed (1 GB: 16 parts, merges running alongside); they run once it is published.
     */
    public void mergesPaused(String table, boolean paused) {
        execute("SYSTEM " + (paused ? "STOP" : "START") + " MERGES " + Sql.table(database, table));
    }

    /** Merges each partition of {@code table} that has more than one part into one; returns how many it merged. */
    public int mergePartitions(String table) {
        List<String> partitions = lines("SELECT partition FROM system.parts WHERE database = " + Sql.string(database)
                + " AND table = " + Sql.string(table) + " AND active GROUP BY partition HAVING count() > 1 FORMAT TabSeparated");
        for (String partition : partitions) {
            execute("OPTIMIZE TABLE " + Sql.table(database, table) + " PARTITION " + Sql.integer(Long.parseLong(partition)) + " FINAL");
        }
        return partitions.size();
    }

    /** Drops a data table and its year index (the index first: a data table is never left without it). */
    public void dropTable(String table) {
        execute("DROP TABLE IF EXISTS " + Sql.table(database, GamesTable.yearIndex(table)));
        execute("DROP TABLE IF EXISTS " + Sql.table(database, table));
    }

    /** Streams one batch of RowBinary rows (the registry's columns, in order) written by {@code body} into {@code table}. */
    public void insert(String table, InsertBody body) {
        insert(table, body, ClickHouseFormat.RowBinary);
    }

    /** Inserts a small TSV body (rows we built ourselves) into one of our own tables. */
    void insertTsv(String table, String tsv) {
        insert(table, out -> out.write(tsv.getBytes(StandardCharsets.UTF_8)), ClickHouseFormat.TabSeparated);
    }

    private void insert(String table, InsertBody body, ClickHouseFormat format) {
        DataStreamWriter writer = body::writeTo;
        closeQuietly(await(client.insert(Sql.table(database, table), writer, format, new InsertSettings())));
    }

    /**
     * Copies the rows of {@code from} into {@code to} inside ClickHouse (append mode starts from the current data), one
     * INSERT per release year: each writes one part, and no block touches more partitions than a server accepts.
     */
    public void copyRows(String from, String to) {
        String year = GamesTable.PARTITION_COLUMN;
        for (String value : lines("SELECT DISTINCT " + year + " FROM " + Sql.table(database, from) + " ORDER BY " + year
                + " FORMAT TabSeparated")) {
            execute("INSERT INTO " + Sql.table(database, to) + " SELECT * FROM " + Sql.table(database, from)
                    + " WHERE " + year + " = " + Sql.integer(Long.parseLong(value)));
        }
    }

    /** The table queries read now, if any. */
    public Optional<String> currentTable() {
        return lines(GamesTable.selectCurrentTable(database)).stream().findFirst();
    }

    /** Largest source_row in {@code table}: appended rows continue after it, so source_row stays unique. */
    public long maxSourceRow(String table) {
        return Long.parseLong(lines("SELECT max(source_row) FROM " + Sql.table(database, table) + " FORMAT TabSeparated").getFirst());
    }

    /** Makes {@code table} the one queries read: one appended row, atomic on every version. */
    public void activate(String table, String ingestionId) {
        String row = "(" + Sql.integer(System.currentTimeMillis()) + ", " + Sql.string(table) + ", "
                + Sql.string(ingestionId) + ", now())";
        execute("INSERT INTO " + Sql.table(database, GamesTable.POINTER_TABLE)
                + " (version, table_name, ingestion_id, activated_at) VALUES " + row);
    }

    /** Data tables other than {@code keep} (their year indexes go with them): what a successful replace leaves behind. */
    public List<String> dataTablesExcept(String keep) {
        return lines("SELECT name FROM system.tables WHERE database = " + Sql.string(database)
                + " AND startsWith(name, " + Sql.string(GamesTable.DATA_TABLE_PREFIX) + ")"
                + " AND name != " + Sql.string(GamesTable.POINTER_TABLE)
                + " AND NOT endsWith(name, " + Sql.string(GamesTable.YEAR_INDEX_SUFFIX) + ")"
                + " AND name != " + Sql.string(keep) + " FORMAT TabSeparated");
    }

    void execute(String sql) {
        closeQuietly(await(client.execute(sql)));
    }

    /** A TSV answer as lines; only for answers the query itself bounds (a page of jobs or rejects, a table name). */
    List<String> lines(String sql) {
        try (QueryResponse response = await(client.query(sql, new QuerySettings().setFormat(ClickHouseFormat.TabSeparated)));
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
    private static <T> T await(CompletableFuture<T> call) {
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

    private static void closeQuietly(AutoCloseable response) {
        try {
            response.close();
        } catch (Exception ignored) {
            // nothing left to release
        }
    }
}
