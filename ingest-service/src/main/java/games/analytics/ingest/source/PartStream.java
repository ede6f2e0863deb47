package games.analytics.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A multipart body read part by part as it streams: a part's headers, then its bytes up to the next delimiter
 * ({@code CRLF--boundary}), found with Boyer-Moore-Horspool (a shift of up to the delimiter's length per byte looked at).
 * Commons FileUpload's {@code MultipartInput} compares every byte against the boundary and read a form at ~230 MB/s
 * here, a quarter of a 1 GB upload's time (docs/benchmarks.md); this reads it at memory speed. Nothing is held but one
 * buffer.
 */
final class PartStream {

    private static final int BUFFER = 1 << 16;
    /** A part's header block at most: a browser's is a few hundred bytes. */
    static final int MAX_HEADERS = 16 * 1024;

    private final InputStream body;
    private final byte[] delimiter; // CRLF--boundary
    private final int[] shift = new int[256];
    private final byte[] buffer = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;

    PartStream(InputStream body, String boundary) {
        this.body = body;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int m = delimiter.length;
        Arrays.fill(shift, m);
        for (int i = 0; i < m - 1; i++) {
            shift[delimiter[i] & 0xff] = m - 1 - i;
        }
        // the body starts with --boundary: read as if a CRLF came first, so the first delimiter is found like the others
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
    }

    /** Skips to the next part: false at the closing delimiter ({@code --boundary--}) or the end of the body. */
    boolean next() throws IOException {
        for (int rest = available(); rest > 0; rest = available()) {
            pos += rest; // the rest of the part before it is dropped
        }
        if (!fill(delimiter.length + 2)) {
            return false;
        }
        pos += delimiter.length;
        if (buffer[pos] == '-' && buffer[pos + 1] == '-') {
            return false;
        }
        while (fill(1) && (buffer[pos] == ' ' || buffer[pos] == '\t')) {
            pos++; // transport padding
        }
        if (!fill(2) || buffer[pos] != '\r' || buffer[pos + 1] != '\n') {
            throw new Malformed("a boundary line is not followed by CRLF");
        }
        pos += 2;
        return true;
    }

    /** The current part's header block (ISO-8859-1 bytes as read; UTF-8 file names are decoded by the caller). */
    byte[] headers() throws IOException {
        java.io.ByteArrayOutputStream headers = new java.io.ByteArrayOutputStream();
        while (true) {
            if (!fill(4)) {
                throw new Malformed("the body ends inside a part's headers");
            }
            if (buffer[pos] == '\r' && buffer[pos + 1] == '\n' && (headers.size() == 0 || buffer[pos + 2] == '\r' && buffer[pos + 3] == '\n')) {
                pos += headers.size() == 0 ? 2 : 4;
                return headers.toByteArray();
            }
            headers.write(buffer[pos++]);
            if (headers.size() > MAX_HEADERS) {
                throw new Malformed("a part's headers are longer than " + MAX_HEADERS + " bytes");
            }
        }
    }

    /** The current part's bytes as a stream, ending at the delimiter that ends the part. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] to, int off, int len) throws IOException {
                return PartStream.this.read(to, off, len);
            }
        };
    }

    /** Up to {@code len} bytes of the current part; -1 at its end (the delimiter stays unread). */
    private int read(byte[] to, int off, int len) throws IOException {
        int safe = available();
        if (safe <= 0) {
            return -1;
        }
        int n = Math.min(len, safe);
        System.arraycopy(buffer, pos, to, off, n);
        pos += n;
        return n;
    }

    /** Bytes of the current part that can be handed out now: up to the delimiter, or up to where one could still begin. */
    private int available() throws IOException {
        int m = delimiter.length;
        while (true) {
            int found = find();
            if (found >= 0) {
                return found - pos;
            }
            int safe = limit - (m - 1) - pos;
            if (safe > 0) {
                return safe;
            }
            if (!fill(m)) {
                throw new Malformed("the body ends inside a part (no closing boundary)");
            }
        }
    }

    /** Horspool over the buffered bytes: the delimiter's index, or -1. */
    private int find() {
        int m = delimiter.length;
        byte last = delimiter[m - 1];
        int end = m - 1 + pos;
        while (end < limit) {
            byte b = buffer[end];
            if (b == last && Arrays.equals(buffer, end - m + 1, end + 1, delimiter, 0, m)) {
                return end - m + 1;
            }
            end += shift[b & 0xff];
        }
        return -1;
    }

    /** At least {@code want} bytes from pos in the buffer, unless the body ends first (then false). */
    private boolean fill(int want) throws IOException {
        if (limit - pos >= want) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit < want && !eof) {
            int n = body.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        return limit - pos >= want;
    }

    /** The body is not multipart as RFC 2046 writes it (an IOException of the body itself passes through unchanged). */
    static final class Malformed extends IOException {
        Malformed(String reason) {
            super(reason);
        }
    }
}
