package games.analytics.ingest.source;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.StreamingHttpClient;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * One link's body as a stream that survives a broken connection: every hop is checked against the URL
 * policy (redirects are followed here, not by the client), the answer must look like CSV, the size is
 * capped, and a transfer that breaks resumes with {@code Range: bytes=N-} when the server supports it.
 * If it cannot resume, {@link RestartRequired} tells the caller to start over from byte 0.
 */
public final class Download extends SourceStream {

    private static final int MAX_REDIRECTS = 5;

    private final StreamingHttpClient client;
    private final UrlPolicy policy;
    private final DownloadProgress job;
    private final long maxBytes;
    private final long idleMillis;
    private int retriesLeft;
    private URI source;
    private FirstAnswer first; // set once the first answer's headers passed
    private long offset;
    private FluxInputStream body;
    private long waitedNanos; // of the bodies before this one
    private volatile boolean closed;
    private final Validators known; // ifChanged: the validators of the file the data served now came from, asked back
    private final MessageDigest digest; // null unless the job keeps a fingerprint

    public Download(StreamingHttpClient client, UrlPolicy policy, DownloadProgress job, DownloadLimits limits) throws IOException {
        this(client, policy, job, limits, null);
    }

    /** @param known when not null, the first request asks the server whether the file changed since this version */
    public Download(StreamingHttpClient client, UrlPolicy policy, DownloadProgress job, DownloadLimits limits, Validators known)
            throws IOException {
        this.known = known;
        this.digest = job.fingerprinted() ? sha256() : null;
        this.client = client;
        this.policy = policy;
        this.job = job;
        this.maxBytes = limits.maxBytes();
        this.idleMillis = limits.idleTimeout().toMillis();
        this.retriesLeft = limits.attempts() - 1;
        if (known != null && known.unchangedAt(job.url(), client, policy, limits.idleTimeout())) {
            throw new NotModified();
        }
        connectWithRetries(0);
    }

    private void connectWithRetries(long from) throws IOException {
        while (true) {
            try {
                connect(from);
                return;
            } catch (IOException e) {
                if (!retryable(e) || retriesLeft-- <= 0) {
                    throw e;
                }
                backoff();
            }
        }
    }

    private void connect(long from) throws IOException {
        URI target = source != null ? source : job.url();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            try {
                policy.check(target);
            } catch (RejectedUrlException e) {
                throw new Fatal(hop == 0 ? e.getMessage() : "redirect refused: " + e.getMessage());
            }
            Exchange exchange = Exchange.open(client, target, from, from > 0 ? first.validator() : null, idleMillis);
            HttpResponse<?> response = exchange.head();
            FluxInputStream stream = exchange.body();
            if (response == null) {
                stream.close();
                throw new Fatal("the server answered without a body (an empty file, or a redirect without a body)");
            }
            int status = response.code();
            if (status >= 300 && status < 400) {
                stream.close();
                String location = response.getHeaders().get(HttpHeaders.LOCATION);
                if (location == null) {
                    throw new Fatal("the server answered HTTP " + status + " without a Location");
                }
                target = target.resolve(location);
                continue;
            }
            if (from > 0 && status != 206) {
                stream.close();
                throw new RestartRequired("the server answered " + status + " to a Range request");
            }
            if (from == 0) {
                source = target;
                inspect(response);
            }
            if (body != null) {
                waitedNanos += body.waitedNanos();
            }
            body = stream;
            return;
        }
        throw new Fatal("more than " + MAX_REDIRECTS + " redirects");
    }

    /** Headers of the first answer: size, resumability, and whether this can be CSV at all. */
    private void inspect(HttpResponse<?> response) throws IOException {
        first = FirstAnswer.of(response);
        job.bytesTotal(first.total());
        job.file(first.etag(), first.lastModified(), null);
        if (first.total() != null && first.total() > maxBytes) {
            throw new Fatal("the file is " + first.total() + " bytes, above the limit of " + maxBytes + " bytes");
        }
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        while (true) {
            try {
                int n = body.read(buffer, off, len);
                if (n < 0) {
                    if (first.total() != null && !first.encoded() && offset < first.total()) {
                        throw new IOException("the connection closed after " + offset + " of " + first.total() + " bytes");
                    }
                    fingerprinted();
                    return -1;
                }
                if (digest != null) {
                    digest.update(buffer, off, n);
                }
                offset += n;
                job.bytesRead(n);
                if (offset > maxBytes) {
                    throw new Fatal("the download exceeds the limit of " + maxBytes + " bytes");
                }
                return n;
            } catch (IOException e) {
                if (closed || !retryable(e) || retriesLeft-- <= 0) {
                    throw e;
                }
                body.close();
                backoff();
                if (offset > 0 && !first.ranges()) {
                    throw new RestartRequired(e.getMessage());
                }
                job.note("the download broke after " + offset + " bytes (" + e.getMessage() + "); "
                        + (offset > 0 ? "resuming with Range: bytes=" + offset + "-" : "retrying"));
                connect(offset);
            }
        }
    }

    private boolean retryable(IOException e) {
        return !(e instanceof Fatal) && !(e instanceof RestartRequired) && !(e instanceof NotModified) && !(e instanceof FluxInputStream.ClosedException)
                && !closed;
    }

    private void backoff() throws IOException {
        try {
            TimeUnit.MILLISECONDS.sleep(250L << Math.min(4, Math.max(0, 3 - retriesLeft)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Fatal("interrupted");
        }
    }

    /** How long the reader of this download waited for the server, over all connections. */
    @Override
    public long waitedNanos() {
        return waitedNanos + (body == null ? 0 : body.waitedNanos());
    }

    @Override
    public void close() {
        closed = true;
        if (body != null) {
            body.close();
        }
    }

    /** At the end of the file: its fingerprint joins the validators the first answer gave. */
    private void fingerprinted() {
        if (digest != null && first != null) {
            String etag = first.etag();
            job.file(etag, first.lastModified(), HexFormat.of().formatHex(digest.digest()));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has it
        }
    }

    /** ifChanged: the server answered 304 Not Modified to the validators of the data served now. */
    public static final class NotModified extends IOException {
        NotModified() {
            super("the server answered 304 Not Modified");
        }
    }

    /** A failure no retry can fix (4xx, refused link, not CSV, too large). */
    public static final class Fatal extends IOException {
        public Fatal(String reason) {
            super(reason);
        }
    }

    /** The transfer broke and the server cannot resume it: the whole file must be read again. */
    public static final class RestartRequired extends IOException {
        public RestartRequired(String why) {
            super("the download broke (" + why + ") and the server cannot resume it");
        }
    }
}
