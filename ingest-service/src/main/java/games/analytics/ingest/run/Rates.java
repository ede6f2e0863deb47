package games.analytics.ingest.run;

import java.time.Duration;
import java.time.Instant;

/** A job's speed so far (one decimal) and, while it runs with a known size, the seconds left; nulls before it started. */
record Rates(Double bytesPerSecond, Double rowsPerSecond, Long etaSeconds) {

    static Rates of(Instant startedAt, Instant finishedAt, long bytesRead, long rowsRead, Long bytesTotal, boolean running) {
        if (startedAt == null) {
            return new Rates(null, null, null);
        }
        double seconds = Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt).toNanos() / 1e9;
        if (seconds <= 0) {
            return new Rates(null, null, null);
        }
        double bytesPerSecond = Math.round(bytesRead / seconds * 10) / 10.0;
        double rowsPerSecond = Math.round(rowsRead / seconds * 10) / 10.0;
        Long eta = running && bytesTotal != null && bytesPerSecond > 0 ? Math.max(0, Math.round((bytesTotal - bytesRead) / bytesPerSecond)) : null;
        return new Rates(bytesPerSecond, rowsPerSecond, eta);
    }
}
