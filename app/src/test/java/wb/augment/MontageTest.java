package wb.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.imaging.ImageDecoder;
import wb.imaging.ImageWriter;
import wb.imaging.Raster;

class MontageTest {

    private static final int GAP = 4;

    @Test
    void montagePngHasTheExpectedSizeAndIsReproducible(@TempDir Path dir) throws IOException {
        Raster src = AugmenterTest.pattern(32, 32, 1);
        Augmenter a = new Augmenter(AugmentConfig.kerasLesson());
        Raster montage = Montage.render(src, a, 5, 7L, 3, 96);
        assertEquals(3, montage.channels());
        assertEquals(3 * 96 + 4 * GAP, montage.width());
        int cellHeight = (montage.height() - 3 * GAP) / 2;
        assertEquals(montage.height(), 2 * cellHeight + 3 * GAP, "six tiles in two equal rows");
        assertTrue(cellHeight > 96, "room for captions");
        // The first tile is the original, enlarged 3x with nearest-neighbour interpolation.
        assertEquals(src.get(0, 0, 0), montage.get(GAP, GAP, 0));
        assertEquals(src.get(31, 31, 0), montage.get(GAP + 95, GAP + 95, 1));

        Path png = dir.resolve("montage.png");
        ImageWriter.writePng(montage, png);
        assertTrue(Files.size(png) > 0);
        Raster back = ImageDecoder.decodeOrThrow(png, 3);
        assertEquals(montage.width(), back.width());
        assertEquals(montage.height(), back.height());
        assertArrayEquals(montage.pixels(), back.pixels());

        assertArrayEquals(montage.pixels(), Montage.render(src, a, 5, 7L, 3, 96).pixels(), "same seed, same montage");
        assertFalse(Arrays.equals(montage.pixels(), Montage.render(src, a, 5, 8L, 3, 96).pixels()), "another seed differs");
    }

    @Test
    void zeroVariantsShowsTheOriginalOnly() {
        Raster m = Montage.render(AugmenterTest.pattern(10, 10, 3), new Augmenter(AugmentConfig.light()), 0, 1L, 4, 40);
        assertEquals(40 + 2 * GAP, m.width());
    }
}
