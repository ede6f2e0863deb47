package games.analytics.ingest.source;

import games.analytics.ingest.job.FileVersion;
import java.net.URI;

/** What a {@link Download} tells the job it serves: where to read, how far it got, what went wrong on the way. */
public interface DownloadProgress {
    URI url();

    void bytesTotal(Long total);

    void bytesRead(long more);

    void note(String text);

    /** Whether the download keeps a SHA-256 of the bytes (ifChanged jobs: the next one compares it). */
    default boolean fingerprinted() {
        return false;
    }

    /** What the download learned of the file's version: its validators, then, at the end, its fingerprint. */
    default void file(FileVersion version) {
    }
}
