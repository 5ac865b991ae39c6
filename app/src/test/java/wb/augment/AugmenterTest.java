package wb.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import wb.imaging.FillMode;
import wb.imaging.Raster;

class AugmenterTest {

    private static final AugmentConfig BUSY = AugmentConfig.kerasLesson().withFlips(true, true).withCropPadding(3);

    /** Asymmetric in x, y and channel, so any geometric change shows. */
    static Raster pattern(int w, int h, int channels) {
        byte[] px = new byte[w * h * channels];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) px[(y * w + x) * channels + c] = (byte) ((x * 11 + y * 3 + c * 60) % 256);
            }
        }
        return new Raster(w, h, channels, px);
    }

    private static AugmentParams params(double rotation, double shiftX, double shiftY, boolean flipH, int cropX) {
        return new AugmentParams(rotation, shiftX, shiftY, 0, 1, 1, new float[3], flipH, false, cropX, 0);
    }

    @Test
    void sameSeedGivesSameParamsAndPixels() {
        Augmenter a = new Augmenter(BUSY);
        Raster src = pattern(32, 24, 3);
        AugmentParams p1 = a.sample(new SplittableRandom(42), 32, 24, 3);
        AugmentParams p2 = a.sample(new SplittableRandom(42), 32, 24, 3);
        assertEquals(p1, p2);
        assertArrayEquals(a.apply(src, p1).pixels(), a.apply(src, p2).pixels());
        assertArrayEquals(a.augment(src, new SplittableRandom(5)).pixels(), a.augment(src, new SplittableRandom(5)).pixels());
    }

    @Test
    void differentSeedsGiveDifferentParamsAndPixels() {
        Augmenter a = new Augmenter(BUSY);
        Raster src = pattern(32, 24, 3);
        AugmentParams p1 = a.sample(new SplittableRandom(1), 32, 24, 3);
        AugmentParams p2 = a.sample(new SplittableRandom(2), 32, 24, 3);
        assertNotEquals(p1, p2);
        assertFalse(Arrays.equals(a.apply(src, p1).pixels(), a.apply(src, p2).pixels()));
    }

    @Test
    void randomErasingReplacesOneRectangleWithReproducibleNoise() {
        Raster src = pattern(40, 30, 3);
        Augmenter always = new Augmenter(AugmentConfig.none().withErasing(1.0));
        int erased = 0;
        for (int seed = 0; seed < 50; seed++) {
            AugmentParams p = always.sample(new SplittableRandom(seed), 40, 30, 3);
            AugmentParams.Erase e = p.erase();
            assertNotNull(e, "probability 1 always erases");
            double area = (double) e.width() * e.height() / (40 * 30);
            assertTrue(area >= 0.01 && area <= 0.45, "area " + area);
            assertTrue(e.x() + e.width() <= 40 && e.y() + e.height() <= 30, e.toString());
            Raster out = always.apply(src, p);
            assertArrayEquals(out.pixels(), always.apply(src, p).pixels(), "the noise comes from the drawn seed");
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    boolean inside = x >= e.x() && x < e.x() + e.width() && y >= e.y() && y < e.y() + e.height();
                    if (!inside) assertEquals(src.get(x, y, 1), out.get(x, y, 1), "only the rectangle changes");
                    else if (src.get(x, y, 1) != out.get(x, y, 1)) erased++;
                }
            }
            assertTrue(always.describe(p).contains("erase " + e.width() + "x" + e.height()), always.describe(p));
        }
        assertTrue(erased > 0);
        Augmenter never = new Augmenter(AugmentConfig.none());
        assertNull(never.sample(new SplittableRandom(3), 40, 30, 3).erase());
        // Erasing is drawn after everything else: turning it on leaves the other draws of a seed in place.
        AugmentParams withErase = new Augmenter(BUSY.withErasing(1.0)).sample(new SplittableRandom(9), 40, 30, 3);
        AugmentParams without = new Augmenter(BUSY).sample(new SplittableRandom(9), 40, 30, 3);
        assertEquals(without.rotation(), withErase.rotation());
        assertEquals(without.cropX(), withErase.cropX());
        assertThrows(IllegalArgumentException.class, () -> AugmentConfig.none().withErasing(1.5));
        assertFalse(AugmentConfig.none().withErasing(0.5).isIdentity());
    }

    @Test
    void identityConfigAndIdentityParamsLeavePixelsUnchanged() {
        Raster src = pattern(20, 10, 3);
        Augmenter none = new Augmenter(AugmentConfig.none());
        AugmentParams p = none.sample(new SplittableRandom(9), 20, 10, 3);
        assertTrue(p.isIdentity(), p.toString());
        assertArrayEquals(src.pixels(), none.apply(src, p).pixels());
        assertSame(src, new Augmenter(BUSY).apply(src, AugmentParams.identity(3)), "no warp, no copy");
        assertEquals("identity", none.describe(p));
    }

    @Test
    void horizontalFlipTwiceIsTheOriginal() {
        Augmenter a = new Augmenter(AugmentConfig.none().withFlips(true, false));
        Raster src = pattern(9, 5, 3);
        AugmentParams flip = params(0, 0, 0, true, 0);
        Raster once = a.apply(src, flip);
        assertEquals(src.get(0, 2, 1), once.get(8, 2, 1));
        assertArrayEquals(src.pixels(), a.apply(once, flip).pixels());
    }

    @Test
    void rotationOfNinetyDegreesTurnsClockwiseAboutTheCentre() {
        Augmenter a = new Augmenter(AugmentConfig.none().withFill(FillMode.CONSTANT, 0));
        // A bright 3x3 block right of the centre (10, 10) of a 21x21 black image ends up below it.
        byte[] px = new byte[21 * 21];
        for (int y = 9; y <= 11; y++) for (int x = 14; x <= 16; x++) px[y * 21 + x] = (byte) 255;
        Raster turned = a.apply(new Raster(21, 21, 1, px), params(90, 0, 0, false, 0));
        assertEquals(255, turned.get(10, 15, 0), 2);
        assertEquals(0, turned.get(15, 10, 0), 2);

        // For a square image a clockwise quarter turn is out(x, y) = in(y, size - 1 - x), for every pixel.
        Raster src = pattern(17, 17, 3);
        Raster r = a.apply(src, params(90, 0, 0, false, 0));
        for (int y = 0; y < 17; y++) {
            for (int x = 0; x < 17; x++) {
                for (int c = 0; c < 3; c++) assertEquals(src.get(y, 16 - x, c), r.get(x, y, c), 1, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void shiftMovesContentAndCropMovesTheWindow() {
        Augmenter a = new Augmenter(AugmentConfig.none().withFill(FillMode.CONSTANT, 0));
        Raster src = pattern(12, 8, 1);
        Raster shifted = a.apply(src, params(0, 3, 0, false, 0));
        for (int x = 3; x < 12; x++) assertEquals(src.get(x - 3, 4, 0), shifted.get(x, 4, 0));
        assertEquals(0, shifted.get(1, 4, 0));
        Raster down = a.apply(src, params(0, 0, 2, false, 0));
        assertEquals(src.get(5, 3, 0), down.get(5, 5, 0));

        Raster cropped = a.apply(src, params(0, 0, 0, false, 2));
        for (int x = 0; x < 10; x++) assertEquals(src.get(x + 2, 3, 0), cropped.get(x, 3, 0));
        assertEquals(0, cropped.get(11, 3, 0));
        assertEquals(12, cropped.width());
    }

    @Test
    void fillModesDifferOnlyAtTheBorders() {
        Raster src = pattern(16, 16, 3);
        AugmentParams shift = params(0, 5, 0, false, 0);
        Set<String> borders = new HashSet<>();
        Raster first = null;
        for (FillMode mode : FillMode.values()) {
            Raster out = new Augmenter(AugmentConfig.none().withFill(mode, 128)).apply(src, shift);
            StringBuilder border = new StringBuilder();
            for (int y = 0; y < 16; y++) for (int x = 0; x < 5; x++) border.append(out.get(x, y, 0)).append(',');
            borders.add(border.toString());
            if (first == null) first = out;
            for (int y = 0; y < 16; y++) for (int x = 5; x < 16; x++) assertEquals(first.get(x, y, 1), out.get(x, y, 1));
        }
        assertEquals(FillMode.values().length, borders.size(), "each fill mode fills the border differently");
        Raster constant = new Augmenter(AugmentConfig.none().withFill(FillMode.CONSTANT, 128)).apply(src, shift);
        assertEquals(128, constant.get(0, 7, 2));
        Raster nearest = new Augmenter(AugmentConfig.none()).apply(src, shift);
        assertEquals(src.get(0, 7, 2), nearest.get(0, 7, 2));
    }

    @Test
    void channelShiftAddsPerChannel() {
        Augmenter a = new Augmenter(AugmentConfig.none().withChannelShift(20));
        Raster src = pattern(4, 4, 3);
        AugmentParams p = new AugmentParams(0, 0, 0, 0, 1, 1, new float[] {10, -10, 0}, false, false, 0, 0);
        Raster out = a.apply(src, p);
        assertEquals(Math.min(255, src.get(1, 1, 0) + 10), out.get(1, 1, 0));
        assertEquals(Math.max(0, src.get(1, 1, 1) - 10), out.get(1, 1, 1));
        assertEquals(src.get(1, 1, 2), out.get(1, 1, 2));
        Raster grey = a.apply(pattern(4, 4, 1), p);
        assertEquals(1, grey.channels(), "colour parameters applied to a grey image use the first delta");
    }

    @Test
    void drawsStayInsideTheConfiguredRanges() {
        Augmenter a = new Augmenter(BUSY);
        SplittableRandom rng = new SplittableRandom(3);
        boolean sawFlip = false;
        boolean sawNoFlip = false;
        for (int i = 0; i < 500; i++) {
            AugmentParams p = a.sample(rng, 40, 20, 3);
            assertTrue(Math.abs(p.rotation()) <= 10);
            assertTrue(Math.abs(p.shiftX()) <= 4 && Math.abs(p.shiftY()) <= 2);
            assertTrue(Math.abs(p.shear()) <= BUSY.shearRange());
            assertTrue(p.zoomX() >= 0.9 && p.zoomX() <= 1.1 && p.zoomY() >= 0.9 && p.zoomY() <= 1.1);
            for (float d : p.channelDelta()) assertTrue(Math.abs(d) <= 10);
            assertTrue(Math.abs(p.cropX()) <= 3 && Math.abs(p.cropY()) <= 3);
            sawFlip |= p.flipH();
            sawNoFlip |= !p.flipH();
        }
        assertTrue(sawFlip && sawNoFlip);
        AugmentParams grey = a.sample(rng, 40, 20, 1);
        assertEquals(1, grey.channelDelta().length);
    }

    @Test
    void changingOneRangeLeavesTheOtherDrawsOfASeedInPlace() {
        AugmentParams before = new Augmenter(BUSY).sample(new SplittableRandom(11), 30, 30, 3);
        AugmentParams after = new Augmenter(BUSY.withRotationRange(0)).sample(new SplittableRandom(11), 30, 30, 3);
        assertEquals(0, after.rotation());
        assertEquals(before.zoomX(), after.zoomX());
        assertEquals(before.flipH(), after.flipH());
        assertEquals(before.cropY(), after.cropY());
    }

    @Test
    void describeIsShortAscii() {
        Augmenter a = new Augmenter(BUSY);
        AugmentParams p = new AugmentParams(-7.24, 2.2, -1.4, 3.08, 1.04, 0.97, new float[] {4, -2, 7}, true, false, 0, -2);
        assertEquals("rot -7.2deg sh 3.1deg zoom 1.04/0.97 dx 2 dy -1 ch +4/-2/+7 flipH crop +0/-2", a.describe(p));
        SplittableRandom rng = new SplittableRandom(8);
        for (int i = 0; i < 50; i++) {
            String d = a.describe(a.sample(rng, 64, 64, 3));
            assertTrue(d.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7F), d);
        }
    }

    @Test
    void paramsAreValues() {
        float[] delta = {1, 2, 3};
        AugmentParams p = new AugmentParams(1, 0, 0, 0, 1, 1, delta, false, false, 0, 0);
        delta[0] = 99;
        p.channelDelta()[1] = 99;
        assertArrayEquals(new float[] {1, 2, 3}, p.channelDelta());
        assertEquals(p, new AugmentParams(1, 0, 0, 0, 1, 1, new float[] {1, 2, 3}, false, false, 0, 0));
        assertEquals(p.hashCode(), new AugmentParams(1, 0, 0, 0, 1, 1, new float[] {1, 2, 3}, false, false, 0, 0).hashCode());
    }
}
