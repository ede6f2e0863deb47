package games.analytics.ingest;

/** Lower-case so the JSON reads {@code "status": "running"}. */
public enum IngestionStatus {
    queued, running, succeeded, failed, cancelled;

    boolean finished() {
        return this == succeeded || this == failed || this == cancelled;
    }
}
