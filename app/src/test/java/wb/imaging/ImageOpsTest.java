package wb.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageOpsTest {

    /** 40x20 RGB: red for x < 10, green for 10 <= x < 30, blue for x >= 30. */
    private static Raster stripes() {
        byte[] px = new byte[40 * 20 * 3];
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) px[(y * 40 + x) * 3 + (x < 10 ? 0 : x < 30 ? 1 : 2)] = (byte) 255;
        }
        return new Raster(40, 20, 3, px);
    }

    private static Raster row(int... values) {
        byte[] px = new byte[values.length];
        for (int i = 0; i < values.length; i++) px[i] = (byte) values[i];
        return new Raster(values.length, 1, 1, px);
    }

    private static int[] values(Raster r) {
        int[] v = new int[r.pixels().length];
        for (int i = 0; i < v.length; i++) v[i] = r.pixels()[i] & 0xff;
        return v;
    }

    @Test
    void squashKeepsAllContentCropCenterKeepsTheMiddle() {
        Raster squashed = ImageOps.resize(stripes(), 20, 20, ResizePolicy.SQUASH);
        assertEquals(20, squashed.width());
        assertEquals(20, squashed.height());
        assertEquals(255, squashed.get(1, 10, 0), 2, "squash keeps the red stripe");
        assertEquals(255, squashed.get(18, 10, 2), 2, "squash keeps the blue stripe");

        Raster cropped = ImageOps.resize(stripes(), 20, 20, ResizePolicy.CROP_CENTER);
        for (int x = 0; x < 20; x++) {
            assertEquals(0, cropped.get(x, 10, 0));
            assertEquals(255, cropped.get(x, 10, 1));
        }
        Raster small = ImageOps.resize(stripes(), 10, 10, ResizePolicy.CROP_CENTER);
        assertEquals(255, small.get(0, 0, 1), 1);
        assertEquals(0, small.get(9, 9, 2), 1);
    }

    @Test
    void resizeEnlargesAndReturnsSameSizeUnchanged() {
        Raster src = Fixtures.pattern(7, 5, 1);
        assertSame(src, ImageOps.resize(src, 7, 5, ResizePolicy.CROP_CENTER));
        Raster big = ImageOps.resize(src, 70, 50, ResizePolicy.SQUASH);
        assertEquals(70, big.width());
        assertEquals(1, big.channels());
        Raster tall = ImageOps.resize(stripes(), 10, 40, ResizePolicy.CROP_CENTER);
        assertEquals(40, tall.height());
        assertEquals(255, tall.get(5, 20, 1), 1, "a tall target from a wide source keeps the green middle");
        assertThrows(IllegalArgumentException.class, () -> ImageOps.resize(src, 0, 5, ResizePolicy.SQUASH));
    }

    @Test
    void flipMirrorsAndTwiceIsIdentity() {
        Raster src = Fixtures.pattern(5, 3, 3);
        Raster h = ImageOps.flip(src, true, false);
        assertEquals(src.get(0, 1, 2), h.get(4, 1, 2));
        Raster v = ImageOps.flip(src, false, true);
        assertEquals(src.get(1, 0, 0), v.get(1, 2, 0));
        Raster both = ImageOps.flip(src, true, true);
        assertEquals(src.get(0, 0, 1), both.get(4, 2, 1));
        assertArrayEquals(src.pixels(), ImageOps.flip(both, true, true).pixels());
        assertSame(src, ImageOps.flip(src, false, false));
    }

    @Test
    void cropCopiesTheRegionAndChecksBounds() {
        Raster src = Fixtures.pattern(8, 6, 3);
        Raster c = ImageOps.crop(src, 2, 1, 3, 4);
        assertEquals(3, c.width());
        assertEquals(4, c.height());
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 3; x++) assertEquals(src.get(x + 2, y + 1, 1), c.get(x, y, 1));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageOps.crop(src, 6, 0, 3, 2));
        assertTrue(e.getMessage().contains("8x6"));
    }

    @Test
    void padFollowsKerasFillModes() {
        Raster r = row(10, 20, 30, 40);
        assertArrayEquals(new int[] {20, 10, 10, 20, 30, 40, 40, 30}, middleRow(ImageOps.pad(r, 2, FillMode.REFLECT, 0)));
        assertArrayEquals(new int[] {30, 40, 10, 20, 30, 40, 10, 20}, middleRow(ImageOps.pad(r, 2, FillMode.WRAP, 0)));
        assertArrayEquals(new int[] {10, 10, 10, 20, 30, 40, 40, 40}, middleRow(ImageOps.pad(r, 2, FillMode.NEAREST, 0)));
        assertArrayEquals(new int[] {7, 7, 10, 20, 30, 40, 7, 7}, middleRow(ImageOps.pad(r, 2, FillMode.CONSTANT, 7)));
        Raster colour = ImageOps.pad(Fixtures.solid(3, 3, 1, 2, 3), 1, FillMode.CONSTANT, 9);
        assertEquals(5, colour.width());
        assertEquals(9, colour.get(0, 0, 2));
        assertEquals(3, colour.get(2, 2, 2));
    }

    private static int[] middleRow(Raster padded) {
        int y = padded.height() / 2;
        int[] v = new int[padded.width()];
        for (int x = 0; x < v.length; x++) v[x] = padded.get(x, y, 0);
        return v;
    }

    @Test
    void warpAffineMapsOutputToInput() {
        Raster src = Fixtures.pattern(6, 4, 3);
        assertArrayEquals(src.pixels(), ImageOps.warpAffine(src, new double[] {1, 0, 0, 0, 1, 0}, FillMode.NEAREST, 0).pixels());
        // Output x samples input x - 1: the content moves one pixel right and column 0 is filled.
        Raster moved = ImageOps.warpAffine(src, new double[] {1, 0, -1, 0, 1, 0}, FillMode.CONSTANT, 0);
        for (int y = 0; y < 4; y++) {
            assertEquals(0, moved.get(0, y, 0));
            assertEquals(src.get(0, y, 2), moved.get(1, y, 2));
            assertEquals(src.get(4, y, 1), moved.get(5, y, 1));
        }
        assertThrows(IllegalArgumentException.class, () -> ImageOps.warpAffine(src, new double[4], FillMode.WRAP, 0));
    }

    @Test
    void shiftChannelsSaturates() {
        Raster src = new Raster(2, 1, 3, new byte[] {(byte) 250, 5, 100, 10, (byte) 200, 0});
        Raster out = ImageOps.shiftChannels(src, new float[] {10f, -10f, 0.6f});
        assertArrayEquals(new int[] {255, 0, 101, 20, 190, 1}, values(out));
        assertSame(src, ImageOps.shiftChannels(src, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> ImageOps.shiftChannels(src, new float[] {1f}));
    }

    @Test
    void toChannelsConvertsGreyAndColour() {
        Raster grey = Fixtures.pattern(4, 3, 1);
        Raster rgb = ImageOps.toChannels(grey, 3);
        assertEquals(grey.get(2, 1, 0), rgb.get(2, 1, 0));
        assertEquals(grey.get(2, 1, 0), rgb.get(2, 1, 2));
        assertArrayEquals(grey.pixels(), ImageOps.toChannels(rgb, 1).pixels());
        Raster luma = ImageOps.toChannels(Fixtures.solid(1, 1, 255, 0, 0), 1);
        assertEquals(76, luma.get(0, 0, 0), 1, "BT.601: 0.299 * 255");
    }

    @Test
    void floatChwLayoutAndRoundTrip() {
        Raster src = Fixtures.pattern(5, 4, 3);
        float[] dst = new float[3 + 3 * 20];
        ImageOps.toFloatChw(src, dst, 3);
        int plane = 20;
        assertEquals(src.get(1, 0, 2) / 255f, dst[3 + 2 * plane + 1]);
        assertEquals(src.get(4, 3, 0) / 255f, dst[3 + 19]);
        for (int i = 3; i < dst.length; i++) assertTrue(dst[i] >= 0f && dst[i] <= 1f);
        assertArrayEquals(src.pixels(), ImageOps.fromFloatChw(dst, 3, 5, 4, 3).pixels());

        Raster grey = Fixtures.pattern(5, 4, 1);
        float[] g = new float[20];
        ImageOps.toFloatChw(grey, g, 0);
        assertArrayEquals(grey.pixels(), ImageOps.fromFloatChw(g, 0, 5, 4, 1).pixels());
        assertThrows(IllegalArgumentException.class, () -> ImageOps.toFloatChw(src, new float[59], 0));
        assertArrayEquals(new byte[] {0, (byte) 255, 0}, ImageOps.fromFloatChw(new float[] {-1f, 2f, Float.NaN}, 0, 3, 1, 1).pixels(), "clamped, NaN as 0");
    }
}
