package games.analytics.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bytes of RowBinary rows on their way to ClickHouse: little-endian numbers, varint lengths, UTF-8 text.
 * A row is rolled back with {@link #truncate} when a later cell rejects it.
 */
public final class RowBuffer {

    private byte[] bytes;
    private int size;

    public RowBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    public int size() {
        return size;
    }

    /** The backing array; valid up to {@link #size()}. */
    public byte[] array() {
        return bytes;
    }

    public void truncate(int newSize) {
        size = newSize;
    }

    /** Hands the filled array over and continues, empty, in {@code next} (a recycled one, say). */
    public byte[] detach(byte[] next) {
        byte[] full = bytes;
        bytes = next;
        size = 0;
        return full;
    }

    public void uint8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    public void uint16(int value) {
        ensure(2);
        bytes[size++] = (byte) value;
        bytes[size++] = (byte) (value >>> 8);
    }

    public void uint32(long value) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[size++] = (byte) (value >>> (8 * i));
        }
    }

    public void uint64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (value >>> (8 * i));
        }
    }

    /** LEB128, as ClickHouse writes string and array lengths. */
    public void varint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    /** Length-prefixed UTF-8; unpaired surrogates become '?' (the strict decoder let none in). */
    public void string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
