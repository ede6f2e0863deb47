package games.analytics.ingest.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of jobs ended: the last job's creation time (as stored, fixed-width text that sorts as time) and id.
 * Opaque to clients: base64url of both.
 */
public record JobCursor(String createdAt, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((createdAt + "\n" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a page handed out; anything else is an IllegalArgumentException. */
    public static JobCursor decode(String text) {
        String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        String[] parts = decoded.split("\n", -1);
        if (parts.length != 2 || !parts[0].matches("[0-9TZ:.-]{1,40}") || !parts[1].matches("[0-9a-f-]{1,64}")) {
            throw new IllegalArgumentException("not a cursor of this list");
        }
        return new JobCursor(parts[0], parts[1]);
    }
}
