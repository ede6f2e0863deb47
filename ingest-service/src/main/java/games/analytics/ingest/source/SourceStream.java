package games.analytics.ingest.source;

import java.io.IOException;
import java.io.InputStream;

/** What a job reads its file from: a link's {@link Download} or an {@link Upload}'s request body. */
public abstract class SourceStream extends InputStream {

    /** How long the reader waited for bytes to arrive. */
    public abstract long waitedNanos();

    @Override
    public abstract void close();

    /** One byte, through the bulk read each source implements (the parser reads in blocks; this is never hot). */
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] buffer, int offset, int length) throws IOException;
}
