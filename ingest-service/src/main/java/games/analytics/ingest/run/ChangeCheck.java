package games.analytics.ingest.run;

import games.analytics.ingest.job.FileVersion;
import games.analytics.ingest.job.IngestionStatus;
import games.analytics.ingest.job.IngestionView;
import games.analytics.ingest.store.GamesStore;
import games.analytics.ingest.store.JobStore;
import java.util.Optional;

/**
 * For an ifChanged job: the ingestion whose data is served now, when it read the same link and kept its file's version.
 * The download then asks the server with that version's validators (304: unchanged), and a file read in full is
 * compared by SHA-256. Any other current data (another link, an upload, none) means the file is loaded.
 *
 * @param ingestionId the ingestion that made the data served now
 * @param file        the version of the file it read
 */
record ChangeCheck(String ingestionId, FileVersion file) {

    static Optional<ChangeCheck> of(IngestionJob job, GamesStore store, JobStore jobs) {
        if (!job.ifChanged || job.upload != null) {
            return Optional.empty();
        }
        String shown = job.view().url();
        return store.currentIngestion().flatMap(jobs::byId).map(JobStore.Stored::view)
                .filter(current -> current.status() == IngestionStatus.succeeded && current.url().equals(shown) && current.file() != null)
                .map(current -> new ChangeCheck(current.id(), current.file()));
    }

    String notModified() {
        return "unchanged: the server answered 304 Not Modified for the file of ingestion " + ingestionId
                + ", whose data is served now; nothing was published";
    }

    /** Whether the file just read is byte for byte the one the data served now came from. */
    boolean sameContent(IngestionView read) {
        return file.sha256() != null && read.file() != null && file.sha256().equals(read.file().sha256());
    }

    String sameContent() {
        return "unchanged: the file has the same SHA-256 (" + file.sha256() + ") as that of ingestion " + ingestionId
                + ", whose data is served now; nothing was published";
    }
}
