package wb.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageWriterTest {

    @TempDir
    Path dir;

    @Test
    void pngIsLosslessForGreyAndColour() {
        for (int channels : new int[] {1, 3}) {
            Raster src = Fixtures.pattern(11, 6, channels);
            byte[] png = ImageWriter.encodePng(src);
            Raster back = ((DecodeResult.Ok) ImageDecoder.decode(Path.of("mem.png"), png, 0)).raster();
            assertEquals(channels, back.channels());
            assertArrayEquals(src.pixels(), back.pixels());
        }
    }

    @Test
    void filesAreWrittenWithoutLeftovers() throws IOException {
        Raster src = Fixtures.solid(12, 9, 10, 120, 230);
        Path png = dir.resolve("out/sub/a.png");
        ImageWriter.writePng(src, png);
        assertArrayEquals(src.pixels(), ImageDecoder.decodeOrThrow(png, 3).pixels());
        Path jpg = dir.resolve("out/a.jpg");
        ImageWriter.writeJpeg(src, jpg, 90);
        Raster j = ImageDecoder.decodeOrThrow(jpg, 3);
        assertEquals(120, j.get(5, 5, 1), 4);
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files remain");
        }
    }

    @Test
    void jpegQualityIsChecked() {
        Raster src = Fixtures.solid(4, 4, 0);
        assertThrows(IllegalArgumentException.class, () -> ImageWriter.encodeJpeg(src, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageWriter.encodeJpeg(src, 101));
        assertTrue(ImageWriter.encodeJpeg(src, 10).length < ImageWriter.encodeJpeg(Fixtures.pattern(64, 64, 3), 100).length);
    }
}
