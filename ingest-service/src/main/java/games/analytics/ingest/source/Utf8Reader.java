package games.analytics.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;

/**
 * Strict UTF-8 for the CSV parser: what {@code InputStreamReader} with a REPORTing decoder accepts, accepted alike
 * (Unicode's well-formed sequences: no overlong forms, surrogates, code points above U+10FFFF or cut sequences),
 * and a leading byte-order mark dropped. It exists for speed: the JDK's decoder falls back to one byte at a time
 * after the first non-ASCII byte of each 8 KiB, which was a quarter of the ingest worker's CPU on the Steam files
 * (a few accented or CJK characters every line); this one returns to eight ASCII bytes at a time after each one.
 */
public final class Utf8Reader extends Reader {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;
    private long consumed; // bytes of the input before buffer[0], for error messages
    private boolean end;
    private boolean started;
    private int pendingLow = -1; // the second half of a surrogate pair that did not fit into the caller's array

    public Utf8Reader(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[Math.max(bufferSize, 16)];
    }

    @Override
    public int read(char[] chars, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int out = offset;
        int outEnd = offset + length;
        if (pendingLow >= 0) {
            chars[out++] = (char) pendingLow;
            pendingLow = -1;
        }
        while (out < outEnd) {
            if (position == limit || !end && limit - position < sequenceLength(buffer[position])) {
                if (end || out > offset) {
                    break; // what arrived so far is the caller's now: a stalled server must not hold back parsed rows
                }
                fill();
                continue;
            }
            if (buffer[position] >= 0) {
                out = ascii(chars, out, Math.min(limit - position, outEnd - out));
            } else {
                out = multiByte(chars, out, outEnd);
            }
        }
        int n = out - offset;
        return n == 0 ? -1 : n;
    }

    /** Copies up to {@code max} bytes of an ASCII run, eight at a time while all eight are ASCII. */
    private int ascii(char[] chars, int out, int max) {
        int p = position;
        int stop = p + max;
        while (p + 8 <= stop && ((long) LONGS.get(buffer, p) & HIGH_BITS) == 0) {
            for (int k = 0; k < 8; k++) {
                chars[out + k] = (char) buffer[p + k];
            }
            p += 8;
            out += 8;
        }
        while (p < stop && buffer[p] >= 0) {
            chars[out++] = (char) buffer[p++];
        }
        position = p;
        return out;
    }

    /** How many bytes the sequence that starts with {@code lead} has (1 for a byte that starts none: it fails alone). */
    private static int sequenceLength(byte lead) {
        if (lead >= 0) {
            return 1;
        }
        return (lead & 0xe0) == 0xc0 ? 2 : (lead & 0xf0) == 0xe0 ? 3 : (lead & 0xf8) == 0xf0 ? 4 : 1;
    }

    /** Decodes the sequence at {@code position} (its lead byte is not ASCII); the buffer holds all of it or the end. */
    private int multiByte(char[] chars, int out, int outEnd) throws IOException {
        int p = position;
        int available = limit - p;
        int b1 = buffer[p] & 0xff;
        if (b1 >= 0xc2 && b1 <= 0xdf) {
            int b2 = continuation(p, 1, available, 0x80, 0xbf);
            chars[out++] = (char) (((b1 & 0x1f) << 6) | (b2 & 0x3f));
            position = p + 2;
        } else if (b1 >= 0xe0 && b1 <= 0xef) {
            int b2 = continuation(p, 1, available, b1 == 0xe0 ? 0xa0 : 0x80, b1 == 0xed ? 0x9f : 0xbf);
            int b3 = continuation(p, 2, available, 0x80, 0xbf);
            chars[out++] = (char) (((b1 & 0x0f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f));
            position = p + 3;
        } else if (b1 >= 0xf0 && b1 <= 0xf4) {
            int b2 = continuation(p, 1, available, b1 == 0xf0 ? 0x90 : 0x80, b1 == 0xf4 ? 0x8f : 0xbf);
            int b3 = continuation(p, 2, available, 0x80, 0xbf);
            int b4 = continuation(p, 3, available, 0x80, 0xbf);
            int codePoint = ((b1 & 0x07) << 18) | ((b2 & 0x3f) << 12) | ((b3 & 0x3f) << 6) | (b4 & 0x3f);
            chars[out++] = Character.highSurrogate(codePoint);
            if (out < outEnd) {
                chars[out++] = Character.lowSurrogate(codePoint);
            } else {
                pendingLow = Character.lowSurrogate(codePoint);
            }
            position = p + 4;
        } else {
            throw invalid(p);
        }
        return out;
    }

    private int continuation(int p, int index, int available, int min, int max) throws InvalidUtf8 {
        if (index >= available) {
            throw invalid(p); // the input ends inside the sequence
        }
        int b = buffer[p + index] & 0xff;
        if (b < min || b > max) {
            throw invalid(p);
        }
        return b;
    }

    private InvalidUtf8 invalid(int p) {
        StringBuilder bytes = new StringBuilder();
        for (int i = p; i < Math.min(limit, p + 4); i++) {
            bytes.append(String.format(" %02X", buffer[i] & 0xff));
        }
        return new InvalidUtf8("bytes" + bytes + " at byte offset " + (consumed + p)); // of the file as unpacked
    }

    /** Moves the unread bytes to the front and reads once more; drops a byte-order mark at the very start. */
    private void fill() throws IOException {
        int left = limit - position;
        System.arraycopy(buffer, position, buffer, 0, left);
        consumed += position;
        position = 0;
        limit = left;
        do {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                end = true;
            } else {
                limit += n;
            }
        } while (!started && limit < 3 && !end); // the first three bytes decide whether there is a mark
        if (!started) {
            started = true;
            if (limit >= 3 && (buffer[0] & 0xff) == 0xef && (buffer[1] & 0xff) == 0xbb && (buffer[2] & 0xff) == 0xbf) {
                position = 3;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Bytes that are not UTF-8: a {@link CharacterCodingException}, as the JDK's decoder reports it. */
    public static final class InvalidUtf8 extends CharacterCodingException {
        private final String message;

        InvalidUtf8(String message) {
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
