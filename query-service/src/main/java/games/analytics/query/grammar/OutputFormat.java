package games.analytics.query.grammar;

import java.util.Locale;

/** json (a page with a cursor), ndjson or csv; from {@code format=} or else the Accept header. */
public enum OutputFormat {
    json("application/json"),
    ndjson(OutputFormat.NDJSON),
    csv(OutputFormat.CSV + "; charset=utf-8");

    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";

    public final String contentType;

    OutputFormat(String contentType) {
        this.contentType = contentType;
    }

    static OutputFormat of(RequestParameters request) {
        String format = request.first(Reserved.FORMAT);
        if (format != null) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> json;
                case "ndjson", "jsonl" -> ndjson;
                case "csv" -> csv;
                default -> throw new BadParameterException(Reserved.FORMAT, "format is json, ndjson or csv, got \"" + format + "\"");
            };
        }
        for (String type : request.accepted()) {
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
    public boolean paged() {
        return this == json;
    }
}
