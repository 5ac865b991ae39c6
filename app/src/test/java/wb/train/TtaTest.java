package wb.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import wb.augment.AugmentConfig;
import wb.imaging.FillMode;
import wb.imaging.Raster;

class TtaTest {

    /** A 4x3 grey image whose pixel (x, y) is 10 * y + x. */
    private static Raster grid() {
        byte[] px = new byte[12];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) px[y * 4 + x] = (byte) (10 * y + x);
        }
        return new Raster(4, 3, 1, px);
    }

    private static int at(Raster r, int x, int y) {
        return r.pixels()[y * r.width() + x] & 0xff;
    }

    @Test
    void noneIsTheImageAloneAndFlipAddsTheMirrorImage() {
        Raster g = grid();
        List<UnaryOperator<Raster>> none = Tta.NONE.views(AugmentConfig.none(), 4, 3);
        assertEquals(1, none.size());
        assertSame(g, none.get(0).apply(g));

        List<UnaryOperator<Raster>> flip = Tta.FLIP.views(AugmentConfig.none(), 4, 3);
        assertEquals(2, flip.size());
        Raster m = flip.get(1).apply(g);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) assertEquals(at(g, 3 - x, y), at(m, x, y), "pixel " + x + "," + y);
        }
    }

    @Test
    void tenCropsAreTheCentreAndFourCornersEachAlsoMirrored() {
        Raster g = grid();
        AugmentConfig trained = AugmentConfig.none().withCropPadding(1).withFill(FillMode.NEAREST, 0);
        List<UnaryOperator<Raster>> views = Tta.CROP10.views(trained, 4, 3);
        assertEquals(10, views.size());
        Set<String> distinct = new HashSet<>();
        for (UnaryOperator<Raster> v : views) {
            Raster r = v.apply(g);
            assertEquals(4, r.width());
            assertEquals(3, r.height());
            distinct.add(java.util.Arrays.toString(r.pixels()));
        }
        assertEquals(10, distinct.size(), "ten different views");

        // View 2 is the top-left corner (dx = dy = -1): output (x, y) = input (x - 1, y - 1), edges replicated.
        Raster topLeft = views.get(2).apply(g);
        assertEquals(at(g, 0, 0), at(topLeft, 0, 0));
        assertEquals(at(g, 0, 0), at(topLeft, 1, 1));
        assertEquals(at(g, 2, 1), at(topLeft, 3, 2));
        // View 3 is that crop mirrored: the mirror image of the top-left window.
        Raster topLeftMirrored = views.get(3).apply(g);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) assertEquals(at(topLeft, 3 - x, y), at(topLeftMirrored, x, y), "pixel " + x + "," + y);
        }
        // The last view is the bottom-right corner mirrored: output (x, y) = bottom-right (3 - x, y) = input (4 - x, y + 1).
        Raster bottomRightMirrored = views.get(9).apply(g);
        assertEquals(at(g, 3, 2), at(bottomRightMirrored, 0, 2)); // (4, 3) clamps to (3, 2)
        assertEquals(at(g, 3, 1), at(bottomRightMirrored, 1, 0));
        assertEquals(at(g, 1, 1), at(bottomRightMirrored, 3, 0));
    }

    @Test
    void constantFillUsesTheRunsFillValue() {
        AugmentConfig trained = AugmentConfig.none().withCropPadding(1).withFill(FillMode.CONSTANT, 200);
        Raster topLeft = Tta.CROP10.views(trained, 4, 3).get(2).apply(grid());
        assertEquals(200, at(topLeft, 0, 0));
        assertEquals(200, at(topLeft, 3, 0));
        assertEquals(at(grid(), 0, 0), at(topLeft, 1, 1));
    }

    @Test
    void theMarginIsTheRunsCropPaddingElseAsixteenthOfTheSide() {
        assertEquals(3, Tta.margin(AugmentConfig.none().withCropPadding(3), 224, 224));
        assertEquals(14, Tta.margin(AugmentConfig.none(), 224, 224));
        assertEquals(2, Tta.margin(AugmentConfig.none(), 28, 28));
        assertEquals(1, Tta.margin(AugmentConfig.none(), 8, 12));
    }

    @Test
    void theTrainedFillComesFromTheModelCard() {
        AugmentConfig c = Tta.trainedFill(Map.of("fillMode", "REFLECT", "fillValue", 7, "cropPadding", 2));
        assertEquals(FillMode.REFLECT, c.fillMode());
        assertEquals(7, c.fillValue());
        assertEquals(2, c.cropPadding());
        AugmentConfig old = Tta.trainedFill(Map.of());
        assertEquals(FillMode.NEAREST, old.fillMode());
        assertEquals(0, old.cropPadding());
        assertEquals(FillMode.NEAREST, Tta.trainedFill(Map.of("fillMode", "sideways")).fillMode());
    }

    @Test
    void parsesTheCommandLineNames() {
        assertEquals(Tta.CROP10, Tta.parse("crop10"));
        assertEquals(Tta.CROP10, Tta.parse("10-crop"));
        assertEquals(Tta.FLIP, Tta.parse("FLIP"));
        assertEquals(Tta.NONE, Tta.parse("none"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tta.parse("five"));
        assertTrue(e.getMessage().contains("crop10"), e.getMessage());
    }
}
