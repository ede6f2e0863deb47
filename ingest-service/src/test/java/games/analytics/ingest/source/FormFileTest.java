package games.analytics.ingest.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The form's file part read as it streams ({@link PartStream}), against the bytes put in: whatever sizes the body
 * arrives in (a delimiter split across reads), with contents that look like the delimiter almost everywhere, and
 * hostile forms refused with what is wrong.
 */
class FormFileTest {

    static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

    static byte[] form(String preamble, String padding, byte[] file, String epilogue) throws IOException {
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.write((preamble + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nnot the file\r\n--" + BOUNDARY + "\r\n"
                + "\r\n\r\n--" + BOUNDARY + padding + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"jeux été.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.write(file);
        form.write(("\r\n--" + BOUNDARY + "--\r\n" + epilogue).getBytes(StandardCharsets.UTF_8));
        return form.toByteArray();
    }

    /** The body in pieces of 1 to {@code most} bytes, as a network hands it over. */
    static InputStream chunked(byte[] body, long seed, int most) {
        Random random = new Random(seed);
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(most)));
            }
        };
    }

    static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    /** Text full of near-delimiters: CRLFs, dashes, the boundary without its dashes, a prefix one byte short. */
    static byte[] nearDelimiters(long seed, int size) {
        String[] pieces = {"\r\n", "\r\n-", "\r\n--", "--" + BOUNDARY, "\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "X",
            "1,Game,\"a,b\",9.99\r\n", "é", "\r", "\n", "-"};
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < size) {
            out.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
        }
        // a sender picks a boundary its data does not hold (RFC 2046): where the pieces happen to form the delimiter, break it
        String text = out.toString(StandardCharsets.ISO_8859_1);
        String delimiter = "\r\n--" + BOUNDARY;
        for (int at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter)) {
            text = text.substring(0, at + delimiter.length() - 1) + "Y" + text.substring(at + delimiter.length());
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theFilePartIsTheBytesPutInWhateverSizesTheBodyArrivesIn() throws IOException {
        for (long seed = 0; seed < 200; seed++) {
            byte[] file = nearDelimiters(seed, 1 + (int) (seed * 997 % 200_000));
            byte[] body = form(seed % 2 == 0 ? "" : "a preamble\r\n", seed % 3 == 0 ? " \t" : "", file, "an epilogue");
            FormFile part = FormFile.open(chunked(body, seed, seed % 5 == 0 ? 3 : 70_000), BOUNDARY);
            assertArrayEquals(file, readAll(part.data()), "seed " + seed);
            assertEquals("jeux été.csv", part.filename());
        }
    }

    @Test
    void anEmptyFileAndABoundaryOfOneCharacterWork() throws IOException {
        String body = "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\r\n--b--";
        FormFile part = FormFile.open(chunked(body.getBytes(StandardCharsets.UTF_8), 1, 2), "b");
        assertArrayEquals(new byte[0], readAll(part.data()));
        assertEquals(null, part.filename());
    }

    @Test
    void hostileFormsAreRefusedSayingWhatIsWrong() throws IOException {
        byte[] file = "1,Game\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] whole = form("", "", file, "");
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - BOUNDARY.length() - 8); // no closing delimiter
        IOException unclosed = assertThrows(IOException.class, () -> readAll(FormFile.open(new ByteArrayInputStream(cut), BOUNDARY).data()));
        assertEquals("the body ends inside a part (no closing boundary)", unclosed.getMessage());
        String huge = "--" + BOUNDARY + "\r\nX-Padding: " + "a".repeat(PartStream.MAX_HEADERS) + "\r\n\r\ndata\r\n--" + BOUNDARY + "--";
        assertEquals("the form is not valid multipart/form-data: a part's headers are longer than 16384 bytes",
                assertThrows(Upload.Failed.class, () -> FormFile.open(new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)), BOUNDARY))
                        .getMessage());
        String noCrlf = "--" + BOUNDARY + "junk";
        assertTrue(assertThrows(Upload.Failed.class, () -> FormFile.open(new ByteArrayInputStream(noCrlf.getBytes(StandardCharsets.UTF_8)),
                BOUNDARY)).getMessage().contains("not followed by CRLF"));
        assertThrows(Upload.Failed.class, () -> FormFile.open(new ByteArrayInputStream(whole), "x".repeat(71)));
        String noFile = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nhi\r\n--" + BOUNDARY + "--\r\n";
        assertEquals("the form has no part named \"file\" (the file goes in a part named file)",
                assertThrows(Upload.Failed.class, () -> FormFile.open(new ByteArrayInputStream(noFile.getBytes(StandardCharsets.UTF_8)), BOUNDARY))
                        .getMessage());
        assertThrows(Upload.Failed.class, () -> FormFile.open(new ByteArrayInputStream(new byte[0]), BOUNDARY), "an empty body");
    }

    @Test
    void aFailureOfTheBodyItselfPassesThroughUnchanged() throws IOException {
        IOException cutOff = new IOException("the upload was cut off");
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n1,Game,").getBytes(StandardCharsets.UTF_8);
        InputStream failing = new java.io.SequenceInputStream(new ByteArrayInputStream(head), new InputStream() {
            @Override
            public int read() throws IOException {
                throw cutOff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw cutOff;
            }
        });
        InputStream data = FormFile.open(failing, BOUNDARY).data();
        assertSame(cutOff, assertThrows(IOException.class, () -> readAll(data)));
    }
}
