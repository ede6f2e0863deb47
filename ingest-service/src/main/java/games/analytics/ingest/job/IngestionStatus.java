package games.analytics.ingest.job;

/** Lower-case so the JSON reads {@code "status": "running"}. */
public enum IngestionStatus {
    queued, running, succeeded, failed, cancelled;

    public boolean finished() {
        return this == succeeded || this == failed || this == cancelled;
    }
}
