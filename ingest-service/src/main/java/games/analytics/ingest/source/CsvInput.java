package games.analytics.ingest.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Bytes to characters for the CSV parser: gunzips a gzip body (.csv.gz, whatever the headers say),
 * refuses bodies that are plainly not CSV, bounds the unpacked size and the size of one record
 * ({@link InputLimits}), decodes UTF-8 strictly ({@link Utf8Reader}: invalid bytes fail the job instead of
 * becoming U+FFFD in the data) and drops a byte-order mark.
 *
 * @param reader what the parser reads
 * @param limits told by the reader of records where each record ends
 */
public record CsvInput(Reader reader, InputLimits limits) {

    private static final int SNIFF = 4096;

    public static CsvInput open(InputStream raw, long maxUnpackedBytes, long maxRecordBytes) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        InputStream data = b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
        data.mark(SNIFF);
        byte[] head = data.readNBytes(SNIFF);
        data.reset();
        refuseNonCsv(head);
        InputLimits limits = new InputLimits(data, maxUnpackedBytes, maxRecordBytes);
        return new CsvInput(new Utf8Reader(limits, 1 << 16), limits);
    }

    private static void refuseNonCsv(byte[] head) throws IOException {
        int i = 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        String start = new String(head, i, Math.min(8, head.length - i), StandardCharsets.ISO_8859_1);
        if (start.startsWith("<")) {
            throw new NotCsv("the body is HTML or XML, not CSV (a login or preview page? use a direct download link)");
        }
        if (start.startsWith("{")) {
            throw new NotCsv("the body is JSON, not CSV");
        }
        if (start.startsWith("PK\u0003\u0004")) {
            throw new NotCsv("the body is a zip archive (an .xlsx?), not CSV: export the sheet as CSV");
        }
        if (start.startsWith("%PDF")) {
            throw new NotCsv("the body is a PDF, not CSV");
        }
        for (byte b : head) {
            if (b == 0) {
                throw new NotCsv("the body is binary (it has NUL bytes), not CSV");
            }
        }
    }

    /** The body is plainly not CSV (HTML, JSON, an archive, binary): the file's fault, from a link or an upload alike. */
    public static final class NotCsv extends IOException {
        NotCsv(String reason) {
            super(reason);
        }
    }
}
