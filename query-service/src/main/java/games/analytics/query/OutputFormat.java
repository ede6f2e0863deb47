package games.analytics.query;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import java.util.Locale;

/** json (a page with a cursor), ndjson or csv; from {@code format=} or else the Accept header. */
enum OutputFormat {
    json("application/json"),
    ndjson(OutputFormat.NDJSON),
    csv(OutputFormat.CSV + "; charset=utf-8");

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    final String contentType;

    OutputFormat(String contentType) {
        this.contentType = contentType;
    }

    static OutputFormat of(HttpRequest<?> request) {
        String format = request.getParameters().get(Parameters.FORMAT);
        if (format != null) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> json;
                case "ndjson", "jsonl" -> ndjson;
                case "csv" -> csv;
                default -> throw new BadParameterException(Parameters.FORMAT, "format is json, ndjson or csv, got \"" + format + "\"");
            };
        }
        for (MediaType accepted : request.accept()) {
            String type = accepted.getName();
            if (type.equals("text/csv")) {
                return csv;
            }
            if (type.equals("application/x-ndjson") || type.equals("application/ndjson") || type.equals("application/jsonl")) {
                return ndjson;
            }
            if (type.equals("application/json")) {
                return json;
            }
        }
        return json;
    }

    /** Only the json page carries a nextCursor; the streamed formats run to the limit. */
    boolean paged() {
        return this == json;
    }
}
