package games.analytics.query.output;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The bytes of the chunk being rendered. Unlike {@code ByteArrayOutputStream} it takes no lock per write, which a
 * CSV export, written a byte at a time, would pay for every byte.
 */
final class ChunkBuffer extends OutputStream {

    private byte[] bytes;
    private int size;

    ChunkBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    @Override
    public void write(int b) {
        reserve(1)[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        System.arraycopy(b, off, reserve(len), size, len);
        size += len;
    }

    int size() {
        return size;
    }

    /** Room for {@code n} more bytes: the array to write into from {@link #size()} on; then {@link #setSize}. */
    byte[] reserve(int n) {
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }
        return bytes;
    }

    void setSize(int size) {
        this.size = size;
    }

    /** The bytes written since the last take, and an empty buffer. */
    byte[] take() {
        byte[] chunk = Arrays.copyOf(bytes, size);
        size = 0;
        return chunk;
    }
}
