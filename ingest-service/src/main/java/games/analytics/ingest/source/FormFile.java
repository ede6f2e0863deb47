package games.analytics.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.MultipartInput;
import org.apache.commons.fileupload2.core.ParameterParser;

/**
 * The {@code file} part of a {@code multipart/form-data} body, as a stream: parts before it are skipped, nothing is held
 * but the parser's buffer (Commons FileUpload's {@link MultipartInput}).
 *
 * @param data     the part's bytes
 * @param filename the name the browser gave the file, or null
 */
record FormFile(InputStream data, String filename) {

    static final String PART = "file";
    private static final int BUFFER = 1 << 16;

    static FormFile open(InputStream body, String boundary) throws IOException {
        try {
            MultipartInput form = MultipartInput.builder().setInputStream(body).setBoundary(boundary.getBytes(StandardCharsets.ISO_8859_1))
                    .setBufferSize(BUFFER).get();
            form.setHeaderCharset(StandardCharsets.UTF_8); // browsers send a file's name in UTF-8
            boolean more = form.skipPreamble();
            while (more) {
                Map<String, String> disposition = disposition(form.readHeaders());
                if (PART.equals(disposition.get("name"))) {
                    return new FormFile(form.newInputStream(), disposition.get("filename"));
                }
                form.discardBodyData();
                more = form.readBoundary();
            }
        } catch (FileUploadException | IllegalArgumentException e) {
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
