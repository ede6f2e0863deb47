package games.analytics.ingest.source;

import java.net.URI;

/** What a {@link Download} tells the job it serves: where to read, how far it got, what went wrong on the way. */
public interface DownloadProgress {
    URI url();

    void bytesTotal(Long total);

    void bytesRead(long more);

    void note(String text);
}
