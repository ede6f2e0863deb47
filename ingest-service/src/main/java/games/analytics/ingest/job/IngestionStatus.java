package games.analytics.ingest.job;

/** Lower-case so the JSON reads {@code "status": "running"}. {@code skipped}: ifChanged found the file unchanged, nothing loaded. */
public enum IngestionStatus {
    queued, running, succeeded, failed, cancelled, skipped;

    public boolean finished() {
        return this != queued && this != running;
    }
}
