package games.analytics.query.grammar;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset position: the sort it belongs to and the last row's sort-key values as text (the output layer has
 * decoded ClickHouse's escapes). Decoded values are re-parsed by their key's type before they reach SQL. The version
 * changes with what the values mean, so a cursor of another version is refused, never misread.
 */
public record Cursor(String sort, List<String> values) {

    static final String PARAMETER = Reserved.CURSOR;
    private static final int VERSION = 3;

    public String encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(sort);
            out.writeShort(values.size());
            for (String value : values) {
                out.writeUTF(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    public static Cursor decode(String text) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(text.strip())))) {
            if (in.readByte() == VERSION) {
                String sort = in.readUTF();
                int n = in.readShort();
                List<String> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    values.add(in.readUTF());
                }
                if (in.read() == -1) {
                    return new Cursor(sort, values);
                }
            }
        } catch (IOException | IllegalArgumentException | NegativeArraySizeException malformed) {
            // answered below
        }
        throw new BadParameterException(PARAMETER, "cursor must be a nextCursor value from a previous page");
    }
}
