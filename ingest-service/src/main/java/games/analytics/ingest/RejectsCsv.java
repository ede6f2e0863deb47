package games.analytics.ingest;

import games.analytics.model.CsvText;

/** A page of rejects as CSV with a header row (bounded: one page); raw text that looks like a formula is neutralised. */
final class RejectsCsv {
    private RejectsCsv() {
    }

    static String of(RejectsPage page) {
        StringBuilder csv = new StringBuilder("line,source_row,column,reason,raw\r\n");
        for (RejectedRow row : page.data()) {
            csv.append(row.line()).append(',').append(row.sourceRow()).append(',');
            quote(row.column() == null ? "" : row.column(), csv);
            csv.append(',');
            quote(row.reason(), csv);
            csv.append(',');
            quote(row.raw(), csv);
            csv.append("\r\n");
        }
        return csv.toString();
    }

    private static void quote(String value, StringBuilder out) {
        CsvText.append(value, out);
    }
}
