package games.analytics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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

    @Test
    void arraysRoundTrip() {
        List<String> items = List.of("it's", "a\\b", "x,y", "", "[]");
        StringBuilder out = new StringBuilder();
        TabSeparated.appendArray(items, out);
        assertEquals(items, TabSeparated.parseArray(out.toString()));
        assertEquals(List.of(), TabSeparated.parseArray("[]"));
    }
}
