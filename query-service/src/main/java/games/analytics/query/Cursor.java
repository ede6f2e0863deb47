package games.analytics.query;

import games.analytics.model.GameColumns;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque keyset position: the last row's (app_id, source_row), which is unique and is the sort order. */
record Cursor(long appId, long sourceRow) {

    static final String PARAMETER = "cursor";

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1:" + appId + ":" + sourceRow).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
            if (parts.length == 3 && parts[0].equals("v1")) {
                return new Cursor(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            }
        } catch (IllegalArgumentException malformed) {
            // fall through to the error below
        }
        throw new BadParameterException(PARAMETER, "cursor must be a nextCursor value from a previous page");
    }

    /** Rows strictly after this position, in ORDER BY app_id, source_row. */
    String afterCondition() {
        String app = GameColumns.APP_ID.name();
        String row = GameColumns.SOURCE_ROW.name();
        return "(" + app + " > " + appId + " OR (" + app + " = " + appId + " AND " + row + " > " + sourceRow + "))";
    }
}
