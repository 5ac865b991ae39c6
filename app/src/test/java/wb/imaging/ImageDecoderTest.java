package wb.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static DecodeResult.Ok ok(DecodeResult r) {
        return assertInstanceOf(DecodeResult.Ok.class, r, () -> "expected a decoded image, got " + r);
    }

    private static void assertFails(DecodeResult r, FailureReason reason) {
        DecodeResult.Failed f = assertInstanceOf(DecodeResult.Failed.class, r, () -> "expected " + reason + ", got " + r);
        assertEquals(reason, f.reason(), f::message);
    }

    @Test
    void pngRoundTripsExactlyInColourAndGrey() throws IOException {
        Raster colour = Fixtures.pattern(13, 7, 3);
        DecodeResult.Ok c = ok(ImageDecoder.decode(file("c.png", ImageWriter.encodePng(colour)), 0));
        assertArrayEquals(colour.pixels(), c.raster().pixels());
        assertEquals(new ImageInfo("PNG", 13, 7, 3, Files.size(dir.resolve("c.png"))), c.info());

        Raster grey = Fixtures.pattern(13, 7, 1);
        DecodeResult.Ok g = ok(ImageDecoder.decode(file("g.png", ImageWriter.encodePng(grey)), 0));
        assertEquals(1, g.raster().channels(), "grey files stay grey when channels = 0");
        assertArrayEquals(grey.pixels(), g.raster().pixels());
    }

    @Test
    void channelsArgumentConvertsBothWays() throws IOException {
        Path grey = file("g.png", ImageWriter.encodePng(Fixtures.solid(4, 4, 90)));
        Raster rgb = ok(ImageDecoder.decode(grey, 3)).raster();
        assertEquals(3, rgb.channels());
        assertEquals(90, rgb.get(2, 2, 1));
        Path colour = file("c.png", ImageWriter.encodePng(Fixtures.solid(4, 4, 200, 100, 50)));
        Raster g = ok(ImageDecoder.decode(colour, 1)).raster();
        assertEquals(1, g.channels());
        assertEquals(Math.round(0.299 * 200 + 0.587 * 100 + 0.114 * 50), g.get(1, 1, 0), 1.0);
        assertThrows(IllegalArgumentException.class, () -> ImageDecoder.decode(colour, 2));
    }

    @Test
    void jpegAndBmpDecode() throws IOException {
        Raster colour = Fixtures.solid(16, 8, 200, 40, 10);
        Raster c = ok(ImageDecoder.decode(file("c.jpg", ImageWriter.encodeJpeg(colour, 95)), 0)).raster();
        assertEquals(3, c.channels());
        assertEquals(200, c.get(3, 3, 0), 4.0);
        assertEquals(40, c.get(3, 3, 1), 4.0);
        DecodeResult.Ok g = ok(ImageDecoder.decode(file("g.jpg", ImageWriter.encodeJpeg(Fixtures.solid(16, 8, 77), 95)), 0));
        assertEquals(1, g.raster().channels(), "a grey JPEG decodes to one channel");
        assertEquals("JPEG", g.info().format());

        Raster pattern = Fixtures.pattern(9, 5, 3);
        DecodeResult.Ok b = ok(ImageDecoder.decode(file("p.bmp", Fixtures.encode(pattern, ".bmp")), 0));
        assertEquals("BMP", b.info().format());
        assertArrayEquals(pattern.pixels(), b.raster().pixels());
    }

    @Test
    void sixteenBitPngIsScaledToEightBits() throws IOException {
        byte[][] rows = new byte[2][];
        for (int y = 0; y < 2; y++) {
            rows[y] = new byte[3 * 2];
            for (int x = 0; x < 3; x++) {
                int v = (x * 100 + y * 20) * 257; // 16-bit value whose 8-bit equivalent is exact
                rows[y][2 * x] = (byte) (v >> 8);
                rows[y][2 * x + 1] = (byte) v;
            }
        }
        Raster r = ok(ImageDecoder.decode(file("deep.png", Fixtures.rawPng(3, 2, 16, 0, rows)), 0)).raster();
        assertEquals(1, r.channels());
        assertEquals(200, r.get(2, 0, 0));
        assertEquals(120, r.get(1, 1, 0));
    }

    @Test
    void alphaIsDroppedAndColourKept() throws IOException {
        byte[][] rgba = {{(byte) 250, 20, 30, 0, 10, (byte) 200, 30, (byte) 255}};
        Raster r = ok(ImageDecoder.decode(file("a.png", Fixtures.rawPng(2, 1, 8, 6, rgba)), 0)).raster();
        assertEquals(3, r.channels());
        assertArrayEquals(new byte[] {(byte) 250, 20, 30, 10, (byte) 200, 30}, r.pixels());

        byte[][] greyAlpha = {{100, (byte) 255, 40, 0}};
        Raster g = ok(ImageDecoder.decode(file("ga.png", Fixtures.rawPng(2, 1, 8, 4, greyAlpha)), 0)).raster();
        assertEquals(100, g.get(0, 0, 0));
        assertEquals(40, g.get(1, 0, g.channels() - 1));
    }

    @Test
    void exifOrientationSixIsApplied() throws IOException {
        // Orientation 6: the stored picture must be turned 90 degrees clockwise to display upright, so the
        // stored top-left corner ends up top-right and width and height swap.
        byte[] jpeg = Fixtures.withExifOrientation(ImageWriter.encodeJpeg(Fixtures.redCorner(), 95), 6);
        Raster r = ok(ImageDecoder.decode(file("rotated.jpg", jpeg), 3)).raster();
        assertEquals(20, r.width());
        assertEquals(40, r.height());
        assertTrue(r.get(20 - 1 - 3, 3, 0) > 200 && r.get(20 - 1 - 3, 3, 2) < 60, "red corner should be top-right");
        assertTrue(r.get(3, 3, 0) < 60, "top-left should be blue after the turn");

        Raster upright = ok(ImageDecoder.decode(file("upright.jpg", Fixtures.withExifOrientation(ImageWriter.encodeJpeg(Fixtures.redCorner(), 95), 1)), 3)).raster();
        assertEquals(40, upright.width());
        assertTrue(upright.get(3, 3, 0) > 200);
    }

    @Test
    void formatComesFromContentNotName() throws IOException {
        DecodeResult.Ok png = ok(ImageDecoder.decode(file("actually-png.jpg", ImageWriter.encodePng(Fixtures.pattern(5, 5, 3))), 0));
        assertEquals("PNG", png.info().format());
        assertFails(ImageDecoder.decode(file("notes.jpg", "just some text\n".getBytes(StandardCharsets.UTF_8)), 0), FailureReason.NOT_AN_IMAGE);
    }

    @Test
    void emptyFile() throws IOException {
        assertFails(ImageDecoder.decode(file("empty.png", new byte[0]), 0), FailureReason.EMPTY_FILE);
    }

    @Test
    void truncatedJpegAndPng() throws IOException {
        byte[] jpeg = ImageWriter.encodeJpeg(Fixtures.pattern(64, 64, 3), 90);
        assertFails(ImageDecoder.decode(file("half.jpg", Arrays.copyOf(jpeg, jpeg.length / 2)), 0), FailureReason.TRUNCATED);
        byte[] png = ImageWriter.encodePng(Fixtures.pattern(64, 64, 3));
        assertFails(ImageDecoder.decode(file("half.png", Arrays.copyOf(png, png.length / 2)), 0), FailureReason.TRUNCATED);
        // Only the signature and part of the header survive.
        assertFails(ImageDecoder.decode(file("stub.png", Arrays.copyOf(png, 12)), 0), FailureReason.TRUNCATED);
    }

    @Test
    void dataAppendedAfterTheEndMarkerIsAccepted() throws IOException {
        // Motion photos and some editors append kilobytes to megabytes after a JPEG's EOI or a PNG's IEND.
        byte[] trailer = new byte[20_000];
        Arrays.fill(trailer, (byte) 0x42);
        byte[] jpeg = ImageWriter.encodeJpeg(Fixtures.pattern(32, 32, 3), 90);
        ok(ImageDecoder.decode(file("motion.jpg", concat(jpeg, trailer)), 0));
        byte[] png = ImageWriter.encodePng(Fixtures.pattern(32, 32, 3));
        ok(ImageDecoder.decode(file("trailer.png", concat(png, trailer)), 0));
    }

    @Test
    void truncatedJpegIsCaughtEvenWhenItsThumbnailEndsEarlier() throws IOException {
        // An APP1 segment with a tiny "thumbnail" holding its own EOI (FF D9) near the start of the file:
        // a tail search would find that marker in a short truncated file and call the file complete.
        byte[] jpeg = ImageWriter.encodeJpeg(Fixtures.pattern(48, 48, 3), 90);
        byte[] app1 = {(byte) 0xFF, (byte) 0xE1, 0, 12, 'E', 'x', 'i', 'f', 0, 0, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        byte[] withThumb = concat(Arrays.copyOf(jpeg, 2), concat(app1, Arrays.copyOfRange(jpeg, 2, jpeg.length)));
        ok(ImageDecoder.decode(file("thumb.jpg", withThumb), 0));
        assertFails(ImageDecoder.decode(file("thumb-cut.jpg", Arrays.copyOf(withThumb, withThumb.length * 2 / 3)), 0), FailureReason.TRUNCATED);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void corruptDataWithIntactEndIsReportedNotThrown() throws IOException {
        byte[] png = ImageWriter.encodePng(Fixtures.pattern(32, 32, 3));
        for (int i = 40; i < png.length - 20; i++) png[i] ^= 0x5A; // scramble the compressed data, keep IEND
        assertFails(ImageDecoder.decode(file("scrambled.png", png), 0), FailureReason.TRUNCATED);
    }

    @Test
    void gifIsUnsupported() throws IOException {
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0, ';'};
        assertFails(ImageDecoder.decode(file("anim.gif", gif), 0), FailureReason.UNSUPPORTED_FORMAT);
    }

    @Test
    void hugeHeaderIsRefusedBeforeDecoding() throws IOException {
        byte[] bomb = Fixtures.rawPng(100_000, 100_000, 8, 0, new byte[][] {new byte[16]});
        DecodeResult r = ImageDecoder.decode(file("bomb.png", bomb), 0);
        assertFails(r, FailureReason.TOO_LARGE);
        assertTrue(((DecodeResult.Failed) r).message().contains("100000x100000"));
    }

    @Test
    void missingFileAndDirectoryAreUnreadable() {
        assertFails(ImageDecoder.decode(dir.resolve("missing.png"), 0), FailureReason.UNREADABLE);
        assertFails(ImageDecoder.decode(dir, 0), FailureReason.UNREADABLE);
    }

    @Test
    void decodeOrThrowCarriesTheFailure() throws IOException {
        Path empty = file("empty.jpg", new byte[0]);
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decodeOrThrow(empty, 0));
        assertEquals(FailureReason.EMPTY_FILE, e.failure().reason());
        assertTrue(e.getMessage().contains("zero bytes"));
    }
}
