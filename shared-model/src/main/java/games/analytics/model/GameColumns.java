package games.analytics.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The column registry: the only place that knows the games columns. */
public final class GameColumns {

    private static final long UINT16 = 65_535L;
    private static final long UINT32 = 4_294_967_295L;

    public static final Column APP_ID = new Column("app_id", ColumnKind.INTEGER, "UInt32", "AppID", Cells.integer(UINT32));
    public static final Column RELEASE_DATE = new Column("release_date", ColumnKind.DATE, "Nullable(Date)", "Release date",
            cell -> {
                ReleaseDate date = ReleaseDates.parse(cell);
                return date == null ? null : date.date();
            });
    /** "day" or "month" ("May 2020"), NULL where the date is NULL: makes month-only dates visible to queries. */
    public static final Column RELEASE_DATE_PRECISION = new Column("release_date_precision", ColumnKind.TEXT, "Nullable(String)",
            "Release date", cell -> {
                ReleaseDate date = ReleaseDates.parse(cell);
                return date == null ? null : date.precision().name();
            });
    /** 1-based position of the record in the ingested file: a unique, stable tie-breaker and a way back to the source. */
    public static final Column SOURCE_ROW = new Column("source_row", ColumnKind.INTEGER, "UInt64", null, null);

    /** In storage and output order. */
    public static final List<Column> ALL = List.of(
            APP_ID,
            new Column("name", ColumnKind.TEXT, "String", "Name", Cells::text),
            RELEASE_DATE,
            RELEASE_DATE_PRECISION,
            new Column("required_age", ColumnKind.INTEGER, "UInt16", "Required age", Cells.integer(UINT16)),
            new Column("price", ColumnKind.DECIMAL, "Decimal(12, 2)", "Price", Cells.decimal(12, 2)),
            new Column("dlc_count", ColumnKind.INTEGER, "UInt32", "DLC count", Cells.integer(UINT32)),
            new Column("about_game", ColumnKind.TEXT, "String", "About the game", Cells::text),
            new Column("supported_languages", ColumnKind.LIST, "Array(String)", "Supported languages", Cells::pythonList),
            new Column("windows", ColumnKind.BOOLEAN, "UInt8", "Windows", Cells::bool),
            new Column("mac", ColumnKind.BOOLEAN, "UInt8", "Mac", Cells::bool),
            new Column("linux", ColumnKind.BOOLEAN, "UInt8", "Linux", Cells::bool),
            new Column("positive", ColumnKind.INTEGER, "UInt32", "Positive", Cells.integer(UINT32)),
            new Column("negative", ColumnKind.INTEGER, "UInt32", "Negative", Cells.integer(UINT32)),
            new Column("score_rank", ColumnKind.INTEGER, "Nullable(UInt32)", "Score rank", Cells.nullableInteger(UINT32)),
            new Column("developers", ColumnKind.TEXT, "String", "Developers", Cells::text),
            new Column("publishers", ColumnKind.TEXT, "String", "Publishers", Cells::text),
            new Column("categories", ColumnKind.LIST, "Array(String)", "Categories", Cells::commaList),
            new Column("genres", ColumnKind.LIST, "Array(String)", "Genres", Cells::commaList),
            new Column("tags", ColumnKind.LIST, "Array(String)", "Tags", Cells::commaList),
            SOURCE_ROW);

    private static final Map<String, Column> BY_NAME = new LinkedHashMap<>();

    static {
        ALL.forEach(c -> BY_NAME.put(c.name(), c));
    }

    private GameColumns() {
    }

    public static Optional<Column> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The stable order of rows: unique within a dataset, so keyset pagination never skips or repeats. */
    public static final List<Column> ORDER_KEY = List.of(APP_ID, SOURCE_ROW);
}
