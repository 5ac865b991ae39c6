package wb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextColumnsTest {

    @Test void widthCountsScreenColumnsNotChars() {
        assertEquals(3, TextColumns.width("cat"));
        assertEquals(4, TextColumns.width("日本"), "ideographs take two columns");
        assertEquals(3, TextColumns.width("dög"));
        assertEquals(3, TextColumns.width("do\u0308g"), "a combining diaeresis takes none");
        assertEquals(2, TextColumns.width("\uD83D\uDC31"), "an emoji outside the BMP is one character, two columns");
        assertEquals(7, TextColumns.width("ｃａｔ!"), "fullwidth letters take two columns, the ASCII mark one");
    }

    @Test void padLinesUpMixedScripts() {
        String a = TextColumns.pad("cat", 8) + "|";
        String b = TextColumns.pad("日本", 8) + "|";
        String c = TextColumns.pad("do\u0308g", 8) + "|";
        assertEquals(9, TextColumns.width(a));
        assertEquals(9, TextColumns.width(b));
        assertEquals(9, TextColumns.width(c));
        assertEquals("日本    |", b);
        assertEquals("  日本", TextColumns.padLeft("日本", 6));
        assertEquals("longer than", TextColumns.pad("longer than", 4), "never cut by padding");
    }

    @Test void fitNeverSplitsACharacter() {
        assertEquals("abc", TextColumns.fit("abcdef", 3));
        assertEquals("日", TextColumns.fit("日本", 3), "the second ideograph would need columns 3-4");
        assertEquals("\uD83D\uDC31", TextColumns.fit("\uD83D\uDC31\uD83D\uDC36", 3), "no lone surrogate");
        assertEquals("do\u0308", TextColumns.fit("do\u0308g", 2), "the accent stays with its letter");
        assertEquals("", TextColumns.fit("日", 1));
    }
}
