package games.analytics.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * A blocking InputStream over a Flux of chunks with back-pressure: at most {@code window} chunks are
 * requested ahead of the reader, so a fast server never fills the heap while the parser is slower.
 * Read chunks are asked for again in batches of half the window: each request from this thread makes the
 * client wake its event loop (a system call), and one per 8 KiB chunk cost ~10% of a 150 MB ingestion's CPU.
 * Read it from a worker thread, never from an event loop. Closing it cancels the download and wakes a
 * blocked reader with an IOException.
 */
final class FluxInputStream extends InputStream {

    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final Subscriber subscriber = new Subscriber();
    private final int window;
    private int consumed;
    private long waitedNanos;
    private final long idleMillis;
    private byte[] current = new byte[0];
    private int position;
    private boolean finished;

    /** @param idleMillis a read that waits longer than this for the next chunk fails (the server stalled) */
    FluxInputStream(Flux<byte[]> source, int window, long idleMillis) {
        this.window = window;
        this.idleMillis = idleMillis;
        source.subscribe(subscriber);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (finished) {
                return -1;
            }
            nextChunk();
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    private void nextChunk() throws IOException {
        Object next = chunks.poll();
        try {
            if (next == null) {
                long start = System.nanoTime();
                next = chunks.poll(idleMillis, TimeUnit.MILLISECONDS);
                waitedNanos += System.nanoTime() - start;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            subscriber.cancel();
            throw new IOException("interrupted while downloading", e);
        }
        if (next == null) {
            subscriber.cancel();
            throw new IOException("no data from the server for " + idleMillis / 1000 + " s");
        }
        if (next == END) {
            finished = true;
        } else if (next instanceof Throwable error) {
            finished = true;
            throw error instanceof IOException io ? io : new IOException(error.getMessage(), error);
        } else {
            current = (byte[]) next;
            position = 0;
            if (++consumed >= window / 2) {
                subscriber.request(consumed);
                consumed = 0;
            }
        }
    }

    /** How long the reader waited for the server. */
    long waitedNanos() {
        return waitedNanos;
    }

    @Override
    public void close() {
        subscriber.cancel();
        chunks.clear();
        chunks.add(new ClosedException());
    }

    /** What a reader gets after close(): never retried. */
    static final class ClosedException extends IOException {
        ClosedException() {
            super("the download was closed");
        }
    }

    private final class Subscriber extends BaseSubscriber<byte[]> {
        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(window);
        }

        @Override
        protected void hookOnNext(byte[] chunk) {
            chunks.add(chunk);
        }

        @Override
        protected void hookOnError(Throwable error) {
            chunks.add(error);
        }

        @Override
        protected void hookOnComplete() {
            chunks.add(END);
        }
    }
}
