package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.model.Column;
import games.analytics.model.GameColumns;
import games.analytics.model.GamesTable;
import games.analytics.query.clickhouse.GamesReader;
import games.analytics.query.grammar.AggregateRequest;
import games.analytics.query.grammar.BadParameterException;
import games.analytics.query.grammar.Cursor;
import games.analytics.query.grammar.DescribeRequest;
import games.analytics.query.grammar.GamesRequest;
import games.analytics.query.grammar.Operator;
import games.analytics.query.grammar.RequestParameters;
import games.analytics.query.grammar.SimilarRequest;
import games.analytics.query.sql.DescribeSql;
import games.analytics.query.sql.GamesSql;
import games.analytics.query.sql.SimilarSql;
import games.analytics.query.sql.Source;
import games.analytics.testing.ClickHouseServer;
import games.analytics.testing.CurrentClickHouse;
import games.analytics.testing.TestData;
import games.analytics.testing.TestDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's rule, checked: the SQL the query-service renders gives the same answer, byte for byte, on ClickHouse
 * 18.16 (the tests' server) and on a current release (chDB, {@link CurrentClickHouse}), over the same 1,000 real rows
 * (inserted into both as the ingest-service encodes them, and read back alike):
 * every column x every operator it takes x every value shape of {@link ValueMatrixTest} that parses, every column as
 * the sort with the page after a cursor, every metric kind per group key and with having, describe() under filters, and
 * similar games. A difference is a wrong answer for the users of one
 * of the two versions.
 */
class VersionParityTest {

    /** Days at and beyond the edges of what a Date column stores, on either version (ReleaseDates). */
    static final List<String> DATE_EDGES = List.of("0000-01-01", "1969-12-31", "1970-01-01", "1970-01-02", "2105-12-31", "2106-01-01",
            "2149-06-06", "2150", "9999-12-31");

    static final List<String> GROUPS = List.of("", "genres", "developers", "release_year", "release_month", "windows,mac", "required_age");

    static ClickHouseServer old;
    static CurrentClickHouse current;
    static String db;
    static String table;

    @BeforeAll
    static void load() throws Exception {
        old = ClickHouseServer.get();
        db = old.newDatabase("parity");
        table = TestDataset.publish(old, db, TestData.bytes(TestData.UPSTREAM_1000));
        current = CurrentClickHouse.start();
        GamesReader.SAME_TEXT_AS_18_16.forEach((name, value) -> current.sql("SET " + name + " = " + value)); // as the service sends them
        current.sql("CREATE DATABASE " + db);
        current.sql(GamesTable.createDataTable(db, table));
        // the same bytes as the ingest-service would insert, and then the same rows read back from both
        Path rows = Files.createTempFile("parity", ".rowbinary");
        Files.write(rows, TestDataset.rowBinary(TestData.bytes(TestData.UPSTREAM_1000)));
        String structure = current.sql("DESCRIBE TABLE " + db + "." + table).lines()
                .map(line -> line.split("\t")).filter(f -> f.length < 3 || !f[2].equals("MATERIALIZED")) // computed, not inserted
                .map(f -> f[0] + " " + f[1]).collect(Collectors.joining(", "));
        current.sql("INSERT INTO " + db + "." + table + " SELECT * FROM file('" + rows + "', 'RowBinary', '" + structure + "')");
        Files.delete(rows);
        current.sql(GamesTable.createYearIndex(db, table));
        current.sql(GamesTable.fillYearIndex(db, table));
        String dump = "SELECT * FROM " + db + "." + table + " ORDER BY app_id, source_row FORMAT TabSeparated";
        assertEquals("", firstDifference(old.sql(dump), current.sql(dump)), "the same rows on both, from the same RowBinary");
    }

    @AfterAll
    static void stop() throws Exception {
        current.close();
    }

    @Test
    void everyFilterGivesTheSameRowsAndCount() {
        List<String> statements = new ArrayList<>();
        String all = GameColumns.ALL.stream().map(Column::name).collect(Collectors.joining(","));
        for (Column column : GameColumns.ALL) {
            for (Operator op : Operator.allowed(column)) {
                for (String value : java.util.stream.Stream.concat(ValueMatrixTest.SHAPES.stream(), DATE_EDGES.stream()).toList()) {
                    GamesRequest request = games("fields", all, "limit", "100", column.name() + "__" + op.name(), value);
                    if (request != null) {
                        statements.add(GamesSql.rows(Source.of(db, table), request).sql()); // keys first, as 18.16 is sent
                        statements.add(GamesSql.rows(Source.of(db, table), request, true).sql()); // one pass, as current releases are
                        statements.add(GamesSql.count(Source.of(db, table), request.filters()).sql());
                    }
                }
            }
        }
        assertSame(statements, 1500);
    }

    /** Both versions agreeing is not enough: a day beyond the stored range must compare as that day (plain Java's count). */
    @Test
    void daysBeyondTheStoredRangeCompareAsDays() {
        List<java.time.LocalDate> dates = old.sql("SELECT release_date FROM " + db + "." + table + " FORMAT TabSeparated").lines()
                .filter(line -> !line.equals("\\N")).map(java.time.LocalDate::parse).toList();
        for (String day : DATE_EDGES.stream().filter(d -> d.length() == 10).toList()) {
            java.time.LocalDate asked = java.time.LocalDate.parse(day);
            Map<String, Long> expected = Map.of("gt", dates.stream().filter(d -> d.isAfter(asked)).count(),
                    "gte", dates.stream().filter(d -> !d.isBefore(asked)).count(), "lt", dates.stream().filter(d -> d.isBefore(asked)).count(),
                    "lte", dates.stream().filter(d -> !d.isAfter(asked)).count(), "eq", dates.stream().filter(d -> d.equals(asked)).count());
            expected.forEach((op, count) -> {
                String sql = GamesSql.count(Source.of(db, table), games("release_date__" + op, day).filters()).sql();
                assertEquals(count + "\n", old.sql(sql), "release_date__" + op + "=" + day + " on 18.16");
                assertEquals(count + "\n", current.sql(sql), "release_date__" + op + "=" + day + " on the current release");
            });
        }
    }

    @Test
    void everySortAndItsNextPageOrderTheSame() {
        List<String> statements = new ArrayList<>();
        int pages = 0;
        for (Column column : GameColumns.ALL) {
            for (String sort : List.of(column.name(), "-" + column.name())) {
                GamesRequest first = games("fields", "app_id," + column.name(), "limit", "500", "sort", sort);
                if (first == null) {
                    continue;
                }
                String firstPage = GamesSql.rows(Source.of(db, table), first).sql();
                statements.add(firstPage);
                statements.add(GamesSql.rows(Source.of(db, table), first, true).sql());
                // the next page starts after the 500th row's hidden sort keys, as ResultStream's cursor does
                String[] last = old.sql(firstPage).lines().skip(499).findFirst().orElseThrow().split("\t", -1);
                List<String> key = List.of(last).subList(last.length - GamesSql.rows(Source.of(db, table), first).hiddenColumns(), last.length).stream()
                        .map(games.analytics.model.TabSeparated::unescape).toList();
                GamesRequest next = games("fields", "app_id," + column.name(), "limit", "500", "sort", sort,
                        "cursor", new Cursor(first.sort().signature(), key).encode());
                if (next != null) {
                    statements.add(GamesSql.rows(Source.of(db, table), next).sql());
                    statements.add(GamesSql.rows(Source.of(db, table), next, true).sql());
                    pages++;
                }
            }
        }
        assertEquals(statements.size() / 2 - pages, pages, "every sort's cursor parses"); // each in both forms
        assertSame(statements, GameColumns.ALL.size());
    }

    @Test
    void everyMetricPerGroupAndHavingGivesTheSameNumbers() {
        List<String> statements = new ArrayList<>();
        for (String group : GROUPS) {
            for (String metric : ValueMatrixTest.METRICS) {
                String name = metric.contains(":") ? metric.replace(":", "_") : metric;
                for (String having : List.of("", name + "__gt=1", name + "__lte=2.5")) {
                    AggregateRequest request = aggregate(group, metric, having);
                    if (request != null) {
                        statements.add(GamesSql.aggregate(Source.of(db, table), request).sql());
                    }
                }
            }
        }
        assertSame(statements, GROUPS.size() * ValueMatrixTest.METRICS.size());
    }

    /** describe() of every numeric column, and the default, under filters of each kind (none, all rows, a few, one). */
    @Test
    void describeGivesTheSameNumbers() {
        List<String> statements = new ArrayList<>();
        String numeric = GameColumns.ALL.stream().filter(c -> c.kind() != games.analytics.model.ColumnKind.TEXT
                && c.kind() != games.analytics.model.ColumnKind.LIST && c.kind() != games.analytics.model.ColumnKind.DATE)
                .map(Column::name).collect(Collectors.joining(","));
        for (List<String> filter : List.of(List.<String>of(), List.of("genres", "indie"), List.of("release_date", "2020"),
                List.of("name", "no such game"), List.of("app_id", "10"), List.of("or", "(windows=false,mac=true)"))) {
            for (String columns : List.of("", numeric)) {
                List<String> pairs = new ArrayList<>(filter);
                if (!columns.isEmpty()) {
                    pairs.addAll(List.of("columns", columns));
                }
                statements.add(DescribeSql.describe(Source.of(db, table), DescribeRequest.parse(parameters(pairs.toArray(String[]::new)))).sql());
            }
        }
        assertSame(statements, 12);
    }

    /** Similar games of 40 games (their sets read from 18.16), plain and under a filter, in both read forms. */
    @Test
    void similarGamesRankTheSame() {
        List<String> statements = new ArrayList<>();
        List<String> ids = old.sql("SELECT DISTINCT app_id FROM " + db + "." + table + " ORDER BY app_id LIMIT 40 FORMAT TabSeparated").lines().toList();
        for (String id : ids) {
            String line = old.sql(SimilarSql.set(Source.of(db, table), Long.parseLong(id)).sql()).strip();
            List<String> set = line.isEmpty() ? List.of() : java.util.Arrays.stream(line.split(","))
                    .map(hex -> new String(java.util.HexFormat.of().parseHex(hex), java.nio.charset.StandardCharsets.UTF_8)).toList();
            for (List<String> filter : List.of(List.of("limit", "50"), List.of("price__lt", "5", "fields", "app_id,name"))) {
                SimilarRequest request = SimilarRequest.parse(id, parameters(filter.toArray(String[]::new)));
                statements.add(SimilarSql.similar(Source.of(db, table), request, set, false).sql());
                statements.add(SimilarSql.similar(Source.of(db, table), request, set, true).sql());
            }
        }
        assertSame(statements, 160);
    }

    /** The web UI's facets: a count per group key under filters of each kind, one OR group among them. */
    @Test
    void facetsUnderFiltersCountTheSame() {
        List<String> statements = new ArrayList<>();
        List<List<String>> filters = List.of(List.of("name", "the"), List.of("genres", "indie"), List.of("release_date", "2020"),
                List.of("price__between", "5,10"), List.of("score_rank__isnull", "false"), List.of("or", "(windows=false,mac=true)"),
                List.of("release_date__gte", "2019-03", "positive__gt", "1000", "tags", "rpg"));
        for (String group : GROUPS) {
            for (List<String> filter : filters) {
                List<String> pairs = new ArrayList<>(List.of("metrics", "count", "sort", "-count", "limit", "20"));
                if (!group.isEmpty()) {
                    pairs.addAll(List.of("group_by", group));
                }
                pairs.addAll(filter);
                statements.add(GamesSql.aggregate(Source.of(db, table), AggregateRequest.parse(parameters(pairs.toArray(String[]::new)))).sql());
            }
        }
        assertSame(statements, GROUPS.size() * filters.size());
    }

    /** Runs each statement on both versions; fails listing every difference, each with its SQL. */
    private static void assertSame(List<String> statements, int atLeast) {
        assertTrue(statements.size() >= atLeast, "only " + statements.size() + " statements");
        List<String> differences = new ArrayList<>();
        for (String sql : new java.util.LinkedHashSet<>(statements)) { // many shapes parse to the same SQL
            ClickHouseServer.Answer before = old.ask(new ClickHouseServer.Credentials(old.user(), old.password()), sql);
            CurrentClickHouse.Answer now = current.ask(sql);
            if (before.status() != 200 || !now.ok() || !before.body().equals(now.body())) {
                differences.add(sql + "\n" + (before.status() != 200 || !now.ok()
                        ? "  18.16 (" + before.status() + "): " + head(before.body()) + "\n  current" + (now.ok() ? "" : " (error)") + ": " + head(now.body())
                        : head(firstDifference(before.body(), now.body()))));
            }
        }
        assertTrue(differences.isEmpty(), differences.size() + " of " + statements.size() + " statements differ:\n"
                + String.join("\n", differences.subList(0, Math.min(20, differences.size()))));
    }

    /** The first line where two answers differ, both versions of it; empty when they are the same. */
    static String firstDifference(String before, String now) {
        List<String> a = before.lines().toList();
        List<String> b = now.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(no line)";
            String y = i < b.size() ? b.get(i) : "(no line)";
            if (!x.equals(y)) {
                return "line " + (i + 1) + "\n  18.16:   " + x + "\n  current: " + y;
            }
        }
        return before.equals(now) ? "" : "only the line ends differ";
    }

    private static String head(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static GamesRequest games(String... pairs) {
        try {
            return GamesRequest.parse(parameters(pairs), 1_000_000);
        } catch (BadParameterException e) {
            return null; // a 400 sends no SQL
        }
    }

    private static AggregateRequest aggregate(String group, String metric, String having) {
        List<String> pairs = new ArrayList<>(List.of("metrics", metric, "limit", "100000"));
        if (!group.isEmpty()) {
            pairs.addAll(List.of("group_by", group));
        }
        if (!having.isEmpty()) {
            pairs.addAll(List.of("having", having));
        }
        try {
            return AggregateRequest.parse(parameters(pairs.toArray(String[]::new)));
        } catch (BadParameterException e) {
            return null;
        }
    }

    private static RequestParameters parameters(String... pairs) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return RequestParameters.of(parameters);
    }
}
