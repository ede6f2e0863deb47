package games.analytics.ingest.source;

import java.io.InputStream;

/** What a job reads its file from: a link's {@link Download} or an {@link Upload}'s request body. */
public abstract class SourceStream extends InputStream {

    /** How long the reader waited for bytes to arrive. */
    public abstract long waitedNanos();

    @Override
    public abstract void close();
}
