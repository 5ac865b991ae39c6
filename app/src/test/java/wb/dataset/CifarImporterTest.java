package wb.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.UserException;

class CifarImporterTest {

    @TempDir Path tmp;

    /** Three records, labels 0, 1, 2, each filled with one pure colour: red, green, blue. */
    static byte[] batch() {
        byte[] b = new byte[3 * CifarImporter.RECORD];
        for (int r = 0; r < 3; r++) {
            int off = r * CifarImporter.RECORD;
            b[off] = (byte) r;
            for (int p = 0; p < CifarImporter.PLANE; p++) b[off + 1 + r * CifarImporter.PLANE + p] = (byte) 255;
        }
        // One marker pixel: record 0, x=1 y=0 gets blue 77 so plane order and pixel order are both checked.
        b[1 + 2 * CifarImporter.PLANE + 1] = 77;
        return b;
    }

    @Test
    void importsPlanarRgbRecordsWithMetaNames() throws Exception {
        Path batch = Fixtures.write(tmp.resolve("cifar/data_batch_1.bin"), batch());
        Fixtures.write(tmp.resolve("cifar/batches.meta.txt"), "red\ngreen\nblue\n\n".getBytes());
        Path out = tmp.resolve("out");

        ImportResult r = CifarImporter.importBatches(List.of(batch), null, out, new ImportOptions(0, 0, 0, 3), Progress.NONE, Cancellation.NEVER);

        assertEquals(List.of("red", "green", "blue"), r.classes());
        assertEquals(Map.of(Split.TRAIN, 3, Split.VALID, 0), r.counts());
        BufferedImage red = ImageIO.read(out.resolve("train/red/0.png").toFile());
        assertEquals(32, red.getWidth());
        assertEquals(0xFF0000, red.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFF004D, red.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0x00FF00, ImageIO.read(out.resolve("train/green/1.png").toFile()).getRGB(5, 5) & 0xFFFFFF);
        assertEquals(0x0000FF, ImageIO.read(out.resolve("train/blue/2.png").toFile()).getRGB(31, 31) & 0xFFFFFF);
    }

    @Test
    void testBatchBecomesKaggleTestSet() throws Exception {
        Path batch = Fixtures.write(tmp.resolve("c/data_batch_1.bin"), batch());
        Path test = Fixtures.write(tmp.resolve("c/test_batch.bin"), batch());
        ImportResult r = CifarImporter.importBatches(List.of(batch), test, tmp.resolve("out"), new ImportOptions(0, 0, -1, 3),
                Progress.NONE, Cancellation.NEVER);
        assertEquals(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"), r.classes());
        assertEquals(3, r.counts().get(Split.TEST));
        assertEquals(4, Files.readAllLines(tmp.resolve("out/test_labels.csv")).size());
        assertTrue(Files.exists(tmp.resolve("out/test/3.png")));
    }

    @Test
    void wrongSizeIsAClearError() {
        Path bad = Fixtures.write(tmp.resolve("data_batch_1.bin"), new byte[100]);
        UserException e = assertThrows(UserException.class, () -> CifarImporter.readBatches(List.of(bad)));
        assertTrue(e.getMessage().contains("3073"), e.getMessage());
    }
}
