package games.analytics.ingest.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of the unpacked file on their way to the decoder: the whole file may not exceed
 * {@code maxTotal} (a small gzip can unpack to gigabytes) and one record may not exceed about
 * {@code maxRecord} (the parser reads ahead by its buffer, so the bound is approximate). Either ends the
 * job with a clear reason before the heap fills.
 */
public final class InputLimits extends FilterInputStream {

    private final long maxTotal;
    private final long maxRecord;
    private long total;
    private long record;

    InputLimits(InputStream in, long maxTotal, long maxRecord) {
        super(in);
        this.maxTotal = maxTotal;
        this.maxRecord = maxRecord;
    }

    /** The parser returned a record: the next one starts counting from here. */
    public void recordEnded() {
        record = 0;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }

    private void count(int n) throws Exceeded {
        total += n;
        record += n;
        if (total > maxTotal) {
            throw new Exceeded("the file unpacks to more than " + maxTotal + " bytes (INGEST_MAX_DECOMPRESSED_BYTES); nothing was published");
        }
        if (record > maxRecord) {
            throw new Exceeded("a record is larger than " + maxRecord + " bytes (INGEST_MAX_RECORD_BYTES), after " + total
                    + " bytes of the file: an unclosed quote or a broken file? nothing was published");
        }
    }

    /** A bound of the input was exceeded; the message is the job's reason. Never retried. */
    public static final class Exceeded extends IOException {
        public Exceeded(String reason) {
            super(reason);
        }
    }
}
