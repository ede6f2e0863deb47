package games.analytics.ingest.source;

import io.micronaut.http.exceptions.ContentLengthExceededException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * The body of an upload request as the job's input. Nothing is read until the job's turn comes (the client waits,
 * held back by TCP), then the body streams through the same bounded window as a download. {@link #consumed} completes
 * once the job stops reading it (at its end, or because the job ended), so the request can be answered then.
 */
public final class Upload extends SourceStream {

    private static final int WINDOW = 64; // chunks as Netty read them (at most 64 KiB each): a few MiB ahead of the parser at most
    /** Longest file name kept with the job. */
    public static final int MAX_NAME_CHARS = 255;

    private final Publisher<byte[]> body;
    private final String boundary; // a form's multipart boundary; null: the body is the file
    private final String name;
    private final Long length;
    private final long maxBytes;
    private final CompletableFuture<Void> consumed = new CompletableFuture<>();
    private FluxInputStream stream;
    private InputStream data; // what the job reads: the body, or the form's file part within it
    private DownloadProgress job;
    private long read;
    private volatile boolean closed;

    /**
     * @param name     the file's name as the client gave it (shown with the job), or null
     * @param length   the body's Content-Length, or null when it is sent in chunks
     * @param maxBytes the service's limit (INGEST_MAX_UPLOAD_BYTES), said when the body runs past it
     * @param boundary the multipart boundary when the body is a form holding the file in its {@code file} part, else null
     */
    public Upload(Publisher<byte[]> body, String name, Long length, long maxBytes, String boundary) {
        this.body = body;
        this.boundary = boundary;
        this.name = cleanName(name);
        this.length = length;
        this.maxBytes = maxBytes;
    }

    /** A name safe to show and store: no control characters, at most {@link #MAX_NAME_CHARS}; "upload" when none was given. */
    static String cleanName(String name) {
        String clean = name == null ? "" : name.replaceAll("\\p{Cntrl}", "").strip();
        clean = clean.substring(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1); // a browser may send a path
        if (clean.isEmpty()) {
            return "upload";
        }
        return clean.codePointCount(0, clean.length()) > MAX_NAME_CHARS ? clean.substring(0, clean.offsetByCodePoints(0, MAX_NAME_CHARS)) : clean;
    }

    /** How the job names its source: {@code upload:<file name>}. */
    public URI uri() {
        try {
            return new URI("upload", name, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public String name() {
        return name;
    }

    /** Completes when the job has stopped reading the body: the request can be answered. */
    public CompletionStage<Void> consumed() {
        return consumed;
    }

    /** Starts reading: called by the job when its turn comes. */
    public synchronized Upload open(DownloadProgress progress, long idleMillis) throws IOException {
        if (closed) {
            throw new FluxInputStream.ClosedException();
        }
        this.job = progress;
        progress.bytesTotal(length);
        stream = new FluxInputStream(Flux.from(body), WINDOW, idleMillis);
        data = new Body();
        if (boundary != null) {
            FormFile file = FormFile.open(data, boundary);
            if (file.filename() != null && !file.filename().isBlank()) {
                progress.note("the form's file: " + cleanName(file.filename()));
            }
            data = file.data();
        }
        return this;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n;
        try {
            n = data.read(buffer, offset, count);
        } catch (PartStream.Malformed e) { // a form that never closes its part
            throw new Failed("the form is not valid multipart/form-data: " + e.getMessage());
        }
        if (n < 0) {
            consumed.complete(null);
        }
        return n;
    }

    /** The request body as it arrives, counted as the job's progress, its failures said as the upload's. */
    private final class Body extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            int n;
            try {
                n = stream.read(buffer, offset, count);
            } catch (FluxInputStream.ClosedException e) {
                throw e;
            } catch (IOException e) {
                consumed.complete(null);
                throw failure(e);
            }
            if (n > 0) {
                read += n;
                job.bytesRead(n);
            }
            return n;
        }
    }

    /** What went wrong with the body, as the job says it. */
    private IOException failure(IOException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof EOFException || e instanceof EOFException) {
            return new Failed("the upload was cut off after " + read + " bytes" + (length == null ? "" : " of " + length)
                    + ": the client closed the connection");
        }
        if (cause instanceof ContentLengthExceededException) {
            return new Failed("the upload is larger than the limit of " + maxBytes + " bytes (INGEST_MAX_UPLOAD_BYTES)");
        }
        return new Failed("the upload broke after " + read + " bytes: " + e.getMessage());
    }

    @Override
    public long waitedNanos() {
        return stream == null ? 0 : stream.waitedNanos();
    }

    /** Stops reading; a body never read is let go (Micronaut drops what the client still sends). */
    @Override
    public synchronized void close() {
        closed = true;
        if (stream != null) {
            stream.close();
        } else {
            Flux.from(body).subscribe(new BaseSubscriber<byte[]>() {
                @Override
                protected void hookOnSubscribe(Subscription subscription) {
                    subscription.cancel();
                }
            });
        }
        consumed.complete(null);
    }

    /** The body could not be read to its end: cut off by the client, or over the limit. Never retried. */
    public static final class Failed extends IOException {
        Failed(String reason) {
            super(reason);
        }
    }
}
