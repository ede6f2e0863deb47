package games.analytics.ingest.store;

import java.io.IOException;
import java.io.OutputStream;

/** The rows of one insert, written straight into the request body (the client stays in this package). */
@FunctionalInterface
public interface InsertBody {
    void writeTo(OutputStream out) throws IOException;
}
