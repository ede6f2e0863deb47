package games.analytics.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader against the JDK's strict UTF-8 decoder (the oracle): the same text for every input the JDK accepts, a
 * failure at the same byte for every input it refuses, however the bytes arrive and however small the caller's array.
 */
class Utf8ReaderTest {

    private static final int[] CODE_POINTS = {'a', 'Z', '0', ',', '"', '\n', '\r', 0x7f, 0xe9, 0xff, 0x100, 0x7ff, 0x800, 0x4e0d,
        0xd7ff, 0xe000, 0xfeff, 0xfffd, 0xffff, 0x10000, 0x1f3ae, 0x10ffff};

    @Test
    void validTextReadsBackAsWrittenInAnyPieces() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(i < 100 ? 10 : 400);
            for (int c = 0; c < length; c++) {
                // mostly ASCII runs, as in the Steam files, with every width of sequence among them
                text.appendCodePoint(random.nextInt(4) > 0 ? 'a' + random.nextInt(26) : CODE_POINTS[random.nextInt(CODE_POINTS.length)]);
            }
            String expected = text.toString();
            byte[] bytes = expected.getBytes(StandardCharsets.UTF_8);
            String read = readAll(new Utf8Reader(trickle(bytes, random), 16 + random.nextInt(64)), random);
            assertEquals(expected.startsWith("\uFEFF") ? expected.substring(1) : expected, read, "input " + hex(bytes));
        }
    }

    @Test
    void randomBytesFailWhereTheJdkFails() throws IOException {
        Random random = new Random(11);
        int refused = 0;
        for (int i = 0; i < 20000; i++) {
            byte[] bytes = new byte[random.nextInt(24)];
            for (int b = 0; b < bytes.length; b++) {
                // lead bytes, continuation bytes and the edges of the valid ranges, among ASCII
                int[] interesting = {0x41, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xee, 0xef, 0xf0, 0xf4,
                    0xf5, 0xff, random.nextInt(256)};
                bytes[b] = (byte) interesting[random.nextInt(interesting.length)];
            }
            Integer jdkFailure = jdkFailureOffset(bytes);
            Utf8Reader reader = new Utf8Reader(trickle(bytes, random), 16);
            if (jdkFailure == null) {
                String expected = new String(bytes, StandardCharsets.UTF_8);
                assertEquals(expected.startsWith("\uFEFF") ? expected.substring(1) : expected, readAll(reader, random), hex(bytes));
            } else {
                refused++;
                Utf8Reader.InvalidUtf8 e = assertThrows(Utf8Reader.InvalidUtf8.class, () -> readAll(reader, random), hex(bytes));
                assertEquals(" at byte offset " + jdkFailure, e.getMessage().substring(e.getMessage().indexOf(" at ")), hex(bytes));
            }
        }
        assertEquals(true, refused > 5000, "the corpus must exercise refusals, had " + refused);
    }

    @Test
    void byteOrderMarkIsDroppedOnlyAtTheStart() throws IOException {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        assertEquals("", readAll(new Utf8Reader(new ByteArrayInputStream(bom), 16), new Random(1)));
        byte[] twice = new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'a', (byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        assertEquals("a\uFEFF", readAll(new Utf8Reader(trickle(twice, new Random(2)), 16), new Random(3)));
        assertEquals(-1, new Utf8Reader(new ByteArrayInputStream(new byte[0]), 16).read(new char[4], 0, 4));
    }

    @Test
    void whatArrivedIsReadableWhileTheServerStalls() throws IOException {
        byte[] first = "name\nCaf\u00e9 \u4e0d\ud83c\udfae\n".getBytes(StandardCharsets.UTF_8);
        InputStream stalling = new InputStream() {
            private boolean sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent) {
                    throw new AssertionError("read again: the reader waited for more although it had text to return");
                }
                sent = true;
                System.arraycopy(first, 0, b, off, first.length);
                return first.length;
            }
        };
        char[] chars = new char[1024];
        int n = new Utf8Reader(stalling, 64).read(chars, 0, chars.length);
        assertEquals(new String(first, StandardCharsets.UTF_8), new String(chars, 0, n));
    }

    @Test
    void invalidBytesAreNamedWithTheirOffset() {
        byte[] latin1 = "name,Caf\u00e9 Racer\n".getBytes(StandardCharsets.ISO_8859_1);
        Utf8Reader.InvalidUtf8 e = assertThrows(Utf8Reader.InvalidUtf8.class,
                () -> readAll(new Utf8Reader(new ByteArrayInputStream(latin1), 16), new Random(4)));
        assertEquals("bytes E9 20 52 61 at byte offset 8", e.getMessage());
    }

    /** The offset of the first malformed sequence by the JDK's decoder, or null when it accepts the bytes. */
    private static Integer jdkFailureOffset(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length * 2 + 4);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return in.position();
        }
        result = decoder.flush(out);
        return result.isError() ? in.position() : null;
    }

    /** Reads everything with caller arrays of random small sizes (a surrogate pair may not fit). */
    private static String readAll(Utf8Reader reader, Random random) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] chars = new char[64];
        while (true) {
            int n = reader.read(chars, 0, 1 + random.nextInt(random.nextBoolean() ? 3 : chars.length));
            if (n < 0) {
                return text.toString();
            }
            text.append(chars, 0, n);
        }
    }

    /** The bytes in pieces of 1 to 9, as a network delivers them (sequences split across reads). */
    private static InputStream trickle(byte[] bytes, Random random) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(9)));
            }
        };
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02X ", b & 0xff));
        }
        return s.toString();
    }
}
