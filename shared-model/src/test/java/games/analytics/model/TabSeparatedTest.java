package games.analytics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TabSeparatedTest {

    @Test
    void escapeAndUnescapeRoundTrip() {
        String nasty = "a\tb\nc\\d'e\r\0f\u0085g 日本 🎮";
        StringBuilder out = new StringBuilder();
        TabSeparated.escapeInto(nasty, out);
        assertEquals(-1, out.indexOf("\t"));
        assertEquals(-1, out.indexOf("\n"));
        assertEquals(nasty, TabSeparated.unescape(out.toString()));
    }
}
