package games.analytics.ingest.web;

import com.univocity.parsers.csv.CsvWriter;
import games.analytics.ingest.job.RejectedRow;
import games.analytics.ingest.job.RejectsPage;
import games.analytics.model.CsvText;
import java.io.StringWriter;

/** A page of rejects as CSV with a header row (bounded: one page); text that looks like a formula is neutralised. */
final class RejectsCsv {
    private RejectsCsv() {
    }

    static String of(RejectsPage page) {
        StringWriter text = new StringWriter();
        CsvWriter csv = CsvText.writer(text);
        csv.writeRow("line", "source_row", "column", "reason", "raw");
        for (RejectedRow row : page.data()) {
            csv.writeRow(Long.toString(row.line()), Long.toString(row.sourceRow()), row.column() == null ? "" : CsvText.neutralise(row.column()),
                    CsvText.neutralise(row.reason()), CsvText.neutralise(row.raw()));
        }
        csv.close();
        return text.toString();
    }
}
