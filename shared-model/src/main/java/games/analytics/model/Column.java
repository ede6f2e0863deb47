package games.analytics.model;

import java.util.Locale;

/**
 * One stored column.
 *
 * @param name           API and ClickHouse name
 * @param kind           how it filters and renders
 * @param clickHouseType the ClickHouse type in the DDL
 * @param csvHeader      the header in the users' files, or null for a column the loader fills itself
 * @param parser         CSV cell to Java value; null when csvHeader is null
 */
public record Column(String name, ColumnKind kind, String clickHouseType, String csvHeader, CellParser parser) {

    public boolean nullable() {
        return clickHouseType.startsWith("Nullable(");
    }

    public boolean fromCsv() {
        return csvHeader != null;
    }

    /** Header matching is case-, space- and underscore-insensitive: "Release date" == "release_date". */
    public static String normalizeHeader(String header) {
        return header == null ? "" : header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", "");
    }
}
