package games.analytics.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.fileupload2.core.ParameterParser;

/**
 * The {@code file} part of a {@code multipart/form-data} body, as a stream: parts before it are skipped, nothing is held
 * but one buffer ({@link PartStream}).
 *
 * @param data     the part's bytes
 * @param filename the name the browser gave the file, or null
 */
record FormFile(InputStream data, String filename) {

    static final String PART = "file";
    /** RFC 2046: a boundary is 1 to 70 characters. */
    private static final int MAX_BOUNDARY = 70;

    static FormFile open(InputStream body, String boundary) throws IOException {
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            throw new Upload.Failed("the form is not valid multipart/form-data: its boundary must be 1 to " + MAX_BOUNDARY + " characters");
        }
        PartStream form = new PartStream(body, boundary);
        try {
            while (form.next()) {
                Map<String, String> disposition = disposition(new String(form.headers(), StandardCharsets.UTF_8)); // browsers send names in UTF-8
                if (PART.equals(disposition.get("name"))) {
                    return new FormFile(form.content(), disposition.get("filename"));
                }
            }
        } catch (PartStream.Malformed e) {
            throw new Upload.Failed("the form is not valid multipart/form-data: " + e.getMessage());
        }
        throw new Upload.Failed("the form has no part named \"" + PART + "\" (the file goes in a part named " + PART + ")");
    }

    /** The parameters of a part's Content-Disposition header (name, filename), names in lower case. */
    private static Map<String, String> disposition(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-disposition")) {
                ParameterParser parser = new ParameterParser();
                parser.setLowerCaseNames(true);
                return parser.parse(line.substring(colon + 1), ';');
            }
        }
        return Map.of();
    }
}
