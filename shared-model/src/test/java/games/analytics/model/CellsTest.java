package games.analytics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellsTest {

    @Test
    void pricesStayExact() throws Exception {
        CellParser price = Cells.decimal(12, 2);
        assertEquals(new BigDecimal("19.99"), price.parse("19.99"));
        assertEquals(new BigDecimal("0.00"), price.parse("0.0"));
        assertEquals(new BigDecimal("0.00"), price.parse("0"));
        assertEquals(new BigDecimal("100.00"), price.parse("100"));
        assertEquals(new BigDecimal("1.50"), price.parse("1.5"));
        assertEquals("1.999 has more than 2 decimal places", assertThrows(CellException.class, () -> price.parse("1.999")).getMessage());
        assertThrows(CellException.class, () -> price.parse("abc"));
        assertThrows(CellException.class, () -> price.parse("-1"));
        assertThrows(CellException.class, () -> price.parse(""));
    }

    @Test
    void integersAndBooleans() throws Exception {
        CellParser age = Cells.integer(65_535);
        assertEquals(17L, age.parse("17"));
        assertThrows(CellException.class, () -> age.parse("17.5"));
        assertThrows(CellException.class, () -> age.parse("70000"));
        assertNull(Cells.nullableInteger(10).parse(""));
        assertEquals(true, Cells.bool("TRUE"));
        assertEquals(false, Cells.bool("False"));
        assertThrows(CellException.class, () -> Cells.bool("yes"));
    }

    @Test
    void listsInBothShapes() throws Exception {
        assertEquals(List.of("English", "Spanish - Spain"), Cells.pythonList("['English', 'Spanish - Spain']"));
        assertEquals(List.of(), Cells.pythonList("[]"));
        assertEquals(List.of(), Cells.pythonList(""));
        assertEquals(List.of("K'iche'", "a,b"), Cells.pythonList("[\"K'iche'\", 'a,b']"));
        assertEquals(List.of("it's"), Cells.pythonList("['it\\'s']"));
        assertEquals(List.of("Kazakh", "K'iche'", "Xhosa"), Cells.pythonList("['Kazakh', K'iche', 'Xhosa']"));
        assertThrows(CellException.class, () -> Cells.pythonList("English, French"));
        assertThrows(CellException.class, () -> Cells.pythonList("['English"));
        assertEquals(List.of("Casual", "Indie", "Sports"), Cells.commaList("Casual,Indie,Sports"));
        assertEquals(List.of(), Cells.commaList(""));
    }
}
