package games.analytics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RowBufferTest {

    private static byte[] bytes(RowBuffer out) {
        return Arrays.copyOf(out.array(), out.size());
    }

    @Test
    void numbersAreLittleEndianAndLengthsAreLeb128() {
        RowBuffer out = new RowBuffer(1); // grows as needed
        out.uint16(0x1234);
        out.uint32(0xFFFFFFFFL);
        out.uint64(1L << 40);
        out.varint(300);
        out.varint(0);
        assertArrayEquals(new byte[] {0x34, 0x12, -1, -1, -1, -1, 0, 0, 0, 0, 0, 1, 0, 0, (byte) 0xAC, 0x02, 0}, bytes(out));
    }

    @Test
    void stringsAreLengthPrefixedUtf8AndRowsRollBack() {
        RowBuffer out = new RowBuffer(4);
        out.string("é🎮");
        int mark = out.size();
        out.string("rejected later");
        out.truncate(mark);
        assertArrayEquals(new byte[] {6, (byte) 0xC3, (byte) 0xA9, (byte) 0xF0, (byte) 0x9F, (byte) 0x8E, (byte) 0xAE}, bytes(out));
        byte[] full = out.detach(new byte[8]);
        assertEquals(0, out.size());
        assertEquals(6, full[0]);
    }
}
