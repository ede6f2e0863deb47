package games.analytics.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps a file's header onto the registry and turns each CSV record into the registry's Java values. */
public final class RowConverter {

    private static final Pattern STEAM_APP_URL = Pattern.compile("/apps/(\\d+)/");

    private final int headerSize;
    private final int[] cellIndex; // per GameColumns.ALL: index in the record, -1 for loader-filled columns
    private final int headerImageIndex;
    private final List<String> ignoredHeaders;

    private RowConverter(int headerSize, int[] cellIndex, int headerImageIndex, List<String> ignoredHeaders) {
        this.headerSize = headerSize;
        this.cellIndex = cellIndex;
        this.headerImageIndex = headerImageIndex;
        this.ignoredHeaders = ignoredHeaders;
    }

    /** Header names match case-, space- and underscore-insensitively, by CSV header or API name. */
    public static RowConverter forHeader(String[] header) throws MissingColumnsException {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            positions.putIfAbsent(Column.normalizeHeader(header[i]), i);
        }
        List<Column> columns = GameColumns.ALL;
        int[] cellIndex = new int[columns.size()];
        boolean[] used = new boolean[header.length];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            cellIndex[c] = -1;
            if (!column.fromCsv()) {
                continue;
            }
            Integer at = positions.get(Column.normalizeHeader(column.csvHeader()));
            if (at == null) {
                at = positions.get(Column.normalizeHeader(column.name()));
            }
            if (at == null) {
                if (!missing.contains(column.csvHeader())) {
                    missing.add(column.csvHeader());
                }
            } else {
                cellIndex[c] = at;
                used[at] = true;
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingColumnsException(missing);
        }
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            if (!used[i] && !header[i].isBlank()) { // the unnamed first column is a row index
                ignored.add(header[i]);
            }
        }
        Integer headerImage = positions.get(Column.normalizeHeader("Header image"));
        return new RowConverter(header.length, cellIndex, headerImage == null ? -1 : headerImage, List.copyOf(ignored));
    }

    /** Header names the file has but the registry does not use. */
    public List<String> ignoredHeaders() {
        return ignoredHeaders;
    }

    /**
     * The upstream Kaggle file has one header name more than its rows have fields: its "AppID" field
     * holds a row index and the real id survives only in the Header image URL (.../apps/20200/...).
     */
    public boolean isUpstreamLayout(String[] record) {
        return headerImageIndex >= 0 && record.length == headerSize - 1;
    }

    /**
     * Converts the record into the registry's Java values (in {@link GameColumns#ALL} order), or says why it
     * cannot be stored.
     *
     * @param sourceRow 1-based number of the record in the file
     * @param values    filled with one value per column; its contents are undefined after a rejection
     * @return null when every value was converted
     */
    public Rejection convert(String[] record, long sourceRow, Object[] values) {
        boolean upstream = isUpstreamLayout(record);
        if (record.length != headerSize && !upstream) {
            return new Rejection(null, "has " + record.length + " fields, the header has " + headerSize);
        }
        List<Column> columns = GameColumns.ALL;
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            try {
                values[c] = column == GameColumns.SOURCE_ROW ? (Object) sourceRow
                        : upstream && column == GameColumns.APP_ID ? appIdFromHeaderImage(record)
                        : column.parser().parse(record[cellIndex[c]]);
            } catch (CellException e) {
                return new Rejection(column.name(), e.getMessage());
            }
        }
        return null;
    }

    private Long appIdFromHeaderImage(String[] record) throws CellException {
        Matcher m = STEAM_APP_URL.matcher(record[headerImageIndex]);
        if (!m.find()) {
            throw new CellException("upstream file: no app id in Header image \"" + Cells.clip(record[headerImageIndex]) + "\"");
        }
        return (Long) GameColumns.APP_ID.parser().parse(m.group(1));
    }
}
