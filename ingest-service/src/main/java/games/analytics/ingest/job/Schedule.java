package games.analytics.ingest.job;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

/**
 * A link fetched every {@code every}, as stored. Each run is an ifChanged ingestion, so an unchanged file loads nothing.
 *
 * @param url       the link as given (it may carry a signed URL's secret: only {@link #view} shows it, redacted)
 * @param nextRunAt when the next run is due
 * @param lastJobId the job of the latest run, or null
 */
public record Schedule(String id, URI url, Duration every, IngestMode mode, double maxRejectRatio, Instant createdAt, Instant nextRunAt,
                       String lastJobId) {

    /** The next due time after {@code now} in this schedule's rhythm: runs missed while no service ran are not made up. */
    public Instant nextAfter(Instant now) {
        Instant next = nextRunAt;
        if (!next.isAfter(now)) {
            long missed = Duration.between(next, now).toMillis() / every.toMillis() + 1;
            next = next.plus(every.multipliedBy(missed));
        }
        return next;
    }

    public Schedule due(Instant next) {
        return new Schedule(id, url, every, mode, maxRejectRatio, createdAt, next, lastJobId);
    }

    public Schedule ran(String jobId) {
        return new Schedule(id, url, every, mode, maxRejectRatio, createdAt, nextRunAt, jobId);
    }

    public ScheduleView view(Function<URI, String> redact) {
        return new ScheduleView(id, redact.apply(url), format(every), mode, maxRejectRatio, createdAt, nextRunAt, lastJobId);
    }

    /** 90000 s as {@code 1d1h}: days, hours, minutes, seconds, each when not zero. */
    public static String format(Duration every) {
        StringBuilder out = new StringBuilder();
        long seconds = every.toSeconds();
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds >= sizes[i]) {
                out.append(seconds / sizes[i]).append(units[i]);
                seconds %= sizes[i];
            }
        }
        return out.toString();
    }

    /** {@code 24h}, {@code 1d12h}, {@code 30m}, {@code 90s}: whole numbers with units d, h, m, s; an IllegalArgumentException otherwise. */
    public static Duration parseEvery(String text) {
        String spec = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (!spec.matches("(\\d{1,7}[dhms])+")) {
            throw new IllegalArgumentException("every is a duration like 24h, 1d12h, 30m or 90s (units d, h, m, s), got " + text);
        }
        Duration total = Duration.ZERO;
        java.util.regex.Matcher part = java.util.regex.Pattern.compile("(\\d+)([dhms])").matcher(spec);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return total;
    }
}
