package games.analytics.ingest.run;

import com.univocity.parsers.common.TextParsingException;
import games.analytics.clickhouse.ClickHouseProblems;
import games.analytics.ingest.source.CsvInput;
import games.analytics.ingest.source.Download;
import games.analytics.ingest.source.InputLimits;
import games.analytics.ingest.source.Upload;
import games.analytics.ingest.source.Utf8Reader;
import games.analytics.ingest.store.Cluster;
import games.analytics.model.MissingColumnsException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.List;

/**
 * Why a job failed, classified in one place from whatever the stages threw: the download (after its retries), the
 * file itself (not UTF-8, not CSV, over a limit, missing columns), too many rejected rows, ClickHouse, or a bug of
 * the service's own, which is said as such and never passed off as ClickHouse's. {@link #reason} is the job's error
 * as users read it; the metrics count ClickHouse's by {@link #CLICKHOUSE_FAILED}.
 */
sealed interface JobFailure {

    /** How a failure of ClickHouse itself starts. */
    String CLICKHOUSE_FAILED = "ClickHouse failed: ";

    String reason();

    /** The download failed for good: a 4xx, a non-CSV answer, a limit, or transient errors past their retries. */
    record DownloadFailed(String reason) implements JobFailure {
    }

    /** The file cannot be loaded as it is: not UTF-8, not parseable CSV, over a size bound, missing columns, empty. */
    record BadFile(String reason) implements JobFailure {
    }

    /** More rows were rejected than the job's maxRejectRatio allows, or a rule of ours refused the job. */
    record Refused(String reason) implements JobFailure {
    }

    /** ClickHouse could not be reached or answered an error. */
    record ClickHouse(String reason) implements JobFailure {
    }

    /** A fault of the service itself (a bug, or the JVM out of memory): said as such. */
    record Internal(String reason) implements JobFailure {
    }

    /** The most telling classification of {@code e}, looking through the wrappers the parser and the clients add. */
    static JobFailure of(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IngestionException) {
                return new Refused(cause.getMessage());
            }
            if (cause instanceof MissingColumnsException || cause instanceof InputLimits.Exceeded || cause instanceof CsvInput.NotCsv) {
                return new BadFile(cause.getMessage());
            }
        }
        Cluster.Misconfigured cluster = find(e, Cluster.Misconfigured.class);
        if (cluster != null) {
            return new Refused("the ClickHouse cluster is not as the service is configured to find it, so nothing was loaded: "
                    + cluster.getMessage());
        }
        if (e instanceof Error) {
            return new Internal("the ingest-service failed (" + e + "); nothing was published");
        }
        CharacterCodingException coding = find(e, CharacterCodingException.class);
        if (coding != null) {
            return new BadFile("the file is not valid UTF-8 text" + (coding instanceof Utf8Reader.InvalidUtf8 ? " (" + coding.getMessage() + ")" : ""));
        }
        Upload.Failed upload = find(e, Upload.Failed.class);
        if (upload != null) {
            return new DownloadFailed(upload.getMessage());
        }
        for (Class<? extends IOException> download : List.of(Download.Fatal.class, Download.RestartRequired.class, DownloadBroke.class)) {
            IOException failure = find(e, download);
            if (failure != null) {
                return new DownloadFailed("download failed: " + failure.getMessage());
            }
        }
        TextParsingException parse = find(e, TextParsingException.class);
        if (parse != null) {
            return new BadFile("CSV cannot be parsed near line " + (parse.getLineIndex() + 1) + ": " + firstLine(String.valueOf(parse.getMessage())));
        }
        if (ClickHouseProblems.isShardUnreachable(e)) {
            return new ClickHouse(CLICKHOUSE_FAILED + "a server of the cluster holding a shard could not be reached, so nothing was published: "
                    + oneLine(deepest(e).getMessage()));
        }
        if (ClickHouseProblems.isCoordinationDown(e)) {
            return new ClickHouse(CLICKHOUSE_FAILED + "ZooKeeper (or Keeper), which replicated tables need for every write, cannot be reached,"
                    + " so nothing was published: " + oneLine(deepest(e).getMessage()));
        }
        if (fromClickHouse(e)) {
            Cluster.ServerFailed server = find(e, Cluster.ServerFailed.class); // on a cluster: say which server
            return new ClickHouse(CLICKHOUSE_FAILED + (server == null ? "" : "the server at " + server.url + ": ")
                    + firstLine(String.valueOf(deepest(e).getMessage())));
        }
        return new Internal("the ingest-service failed (" + firstLine(String.valueOf(deepest(e))) + "); nothing was published");
    }

    /**
     * ClickHouse's doing: an error code, no connection, or an exception of its client or of the HTTP client under it.
     * Input and output failures left at this point are the inserts' (the download's are marked {@link DownloadBroke}).
     */
    private static boolean fromClickHouse(Throwable e) {
        if (ClickHouseProblems.code(e) > 0 || ClickHouseProblems.isUnreachable(e)) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String type = cause.getClass().getName();
            if (type.startsWith("com.clickhouse.") || type.startsWith("org.apache.hc.") || cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static Throwable deepest(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** ClickHouse's whole message on one line (the servers it could not reach follow the first line), at most 400 characters. */
    private static String oneLine(String message) {
        String said = String.join(" ", String.valueOf(message).strip().split("\\s+"));
        return said.length() > 400 ? said.substring(0, 400) + "..." : said;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Marks a read failure as the download's, wherever the parser or the client wraps it. */
    final class DownloadBroke extends IOException {
        DownloadBroke(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
