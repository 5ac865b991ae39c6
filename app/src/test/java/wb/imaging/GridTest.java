package wb.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class GridTest {

    private static final int GAP = 4;

    @Test
    void layoutIsColumnsByRowsWithGapsAndAlwaysRgb() {
        List<Grid.Tile> tiles = List.of(
                Grid.Tile.of(Fixtures.pattern(28, 28, 1), "cat.12.jpg"),
                Grid.Tile.of(Fixtures.pattern(50, 20, 3), "true: cat  pred: dog", "p=0.93"),
                Grid.Tile.of(Fixtures.pattern(20, 50, 1)));
        Raster grid = Grid.render(tiles, 2, 64);
        assertEquals(3, grid.channels());
        assertEquals(2 * 64 + 3 * GAP, grid.width());
        int cellHeight = (grid.height() - 3 * GAP) / 2;
        assertEquals(grid.height(), 2 * cellHeight + 3 * GAP, "two rows of equal height");
        assertTrue(cellHeight > 64 + 2 * 8, "room for two caption lines under each tile");
        assertEquals(225, grid.get(1, 1, 0), "light gap around the tiles");
        assertEquals(255, grid.get(GAP + 64 + GAP + 1, GAP + 1, 0), "white above the wide tile, which is centred vertically");
    }

    @Test
    void smallImagesAreEnlargedWithCrispPixels() {
        // A 2x2 checkerboard of black and white must stay pure black and white when shown 32 pixels wide.
        Raster checker = new Raster(2, 2, 1, new byte[] {0, (byte) 255, (byte) 255, 0});
        Raster grid = Grid.render(List.of(new Grid.Tile(checker, List.of())), 1, 32);
        assertEquals(32 + 2 * GAP, grid.width());
        assertEquals(32 + 2 * GAP, grid.height());
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int v = grid.get(GAP + x, GAP + y, 0);
                assertTrue(v == 0 || v == 255, "no blended values");
                assertEquals((x < 16) == (y < 16) ? 0 : 255, v);
            }
        }
    }

    @Test
    void aFramedTileHasItsColourAroundTheImageOnly() {
        Raster white = Fixtures.solid(10, 10, 255, 255, 255);
        Raster grid = Grid.render(List.of(Grid.Tile.of(white).framed(Grid.WRONG), Grid.Tile.of(white)), 2, 40);
        int x = GAP + 1;
        int y = GAP + 20;
        assertEquals(List.of(0xD9, 0x3B, 0x3B), List.of(grid.get(x, y, 0), grid.get(x, y, 1), grid.get(x, y, 2)), "red (RGB) at the left edge");
        assertEquals(255, grid.get(GAP + 20, GAP + 20, 1), "the image inside stays white");
        assertEquals(255, grid.get(GAP + 40 + GAP + 1, y, 1), "the unframed tile has no frame");
        assertThrows(IllegalArgumentException.class, () -> Grid.Tile.of(white).framed(0x1000000));
    }

    @Test
    void captionsAreDrawnDarkUnderTheTile() {
        Raster white = Fixtures.solid(10, 10, 255, 255, 255);
        Raster grid = Grid.render(List.of(Grid.Tile.of(white, "HELLO")), 1, 80);
        int darkest = 255;
        for (int y = GAP + 80; y < grid.height() - GAP; y++) {
            for (int x = GAP; x < GAP + 80; x++) darkest = Math.min(darkest, grid.get(x, y, 0));
        }
        assertTrue(darkest < 100, "caption text is dark on white");
    }

    @Test
    void nonAsciiIsReplacedAndLongLinesEndInDots() {
        assertEquals("caf? na?ve ...", Grid.ascii("café naïve …"));
        assertEquals("??", Grid.ascii("\uD83D\uDC31\u732B"), "one '?' per code point, surrogate pairs included");
        String fitted = Grid.fit("a very long caption that cannot possibly fit in a narrow tile", 60);
        assertTrue(fitted.endsWith("...") && fitted.length() < 20, fitted);
        assertEquals("short", Grid.fit("short", 200));
    }

    @Test
    void wrapSplitsAtSpacesIntoAtMostTheGivenLines() {
        List<String> lines = Grid.wrap("rot -7.2deg sh 3.1deg zoom 1.04/0.97 dx 2 dy -1 flipH", 96, 3);
        assertTrue(lines.size() > 1 && lines.size() <= 3, lines.toString());
        assertEquals("rot -7.2deg sh 3.1deg zoom 1.04/0.97 dx 2 dy -1 flipH", String.join(" ", lines));
        assertEquals(List.of("original"), Grid.wrap("original", 96, 3));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Grid.render(List.of(), 2, 64));
        Grid.Tile t = Grid.Tile.of(Fixtures.solid(2, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> Grid.render(List.of(t), 0, 64));
    }
}
