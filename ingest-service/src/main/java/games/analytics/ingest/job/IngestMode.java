package games.analytics.ingest.job;

/** replace: the file becomes the data; append: the file's rows are added to the current data. Both publish atomically. */
public enum IngestMode {
    replace, append
}
