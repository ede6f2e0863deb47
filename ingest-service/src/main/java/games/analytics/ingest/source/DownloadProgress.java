package games.analytics.ingest.source;

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

    /**
     * What the download learned of the file's version: its validators (ETag, Last-Modified; null when not sent), then, at
     * the end, its hex SHA-256 (null until then, and without {@link #fingerprinted()}).
     */
    default void file(String etag, String lastModified, String sha256) {
    }
}
