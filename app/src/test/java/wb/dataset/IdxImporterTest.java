package wb.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.UserException;

class IdxImporterTest {

    @TempDir Path tmp;

    /** n images of 2 rows x 3 cols; pixel value = 10 * image index + position. */
    static byte[] images(int n) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * 6);
        b.putInt(0x803).putInt(n).putInt(2).putInt(3);
        for (int i = 0; i < n; i++) for (int p = 0; p < 6; p++) b.put((byte) (10 * i + p));
        return b.array();
    }

    static byte[] labels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x801).putInt(labels.length);
        for (int l : labels) b.put((byte) l);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    @Test
    void importsRawTrainAndGzipTestIntoFastaiAndKaggleLayout() throws Exception {
        Path ti = Fixtures.write(tmp.resolve("train-images"), images(6));
        Path tl = Fixtures.write(tmp.resolve("train-labels"), labels(0, 1, 2, 0, 1, 2));
        Path si = Fixtures.write(tmp.resolve("t10k-images.gz"), gzip(images(4)));
        Path sl = Fixtures.write(tmp.resolve("t10k-labels.gz"), gzip(labels(2, 2, 1, 0)));
        Path out = tmp.resolve("out");

        ImportResult r = IdxImporter.importIdx(ti, tl, si, sl, List.of("T-shirt/top", "b", "c"), out,
                new ImportOptions(0, 0.5, -1, 9), Progress.NONE, Cancellation.NEVER);

        assertEquals(List.of("T_shirt_top", "b", "c"), r.classes());
        assertEquals(Map.of(Split.TRAIN, 3, Split.VALID, 3, Split.TEST, 4), r.counts());
        Dataset d = DatasetScanner.scan(out, Progress.NONE, Cancellation.NEVER);
        assertEquals(Layout.FASTAI, d.layout());
        assertEquals(Map.of("T_shirt_top", 1, "b", 1, "c", 1), d.countsPerClass(Split.TRAIN));
        assertEquals(4, d.items(Split.TEST).size());
        // Record 4 (label 1) lands in train or valid of class b with its exact grey pixels.
        Path four = Files.exists(out.resolve("train/b/4.png")) ? out.resolve("train/b/4.png") : out.resolve("valid/b/4.png");
        BufferedImage img = ImageIO.read(four.toFile());
        assertEquals(3, img.getWidth());
        assertEquals(2, img.getHeight());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
        assertEquals(45, img.getRaster().getSample(2, 1, 0));

        List<String> key = Files.readAllLines(out.resolve("test_labels.csv"));
        assertEquals("id,label", key.get(0));
        assertEquals(5, key.size());
        assertEquals(List.of("1", "2", "3", "4"), key.subList(1, 5).stream().map(l -> l.split(",")[0]).toList());
        // The answer key agrees with the pixels: a test image with first pixel 10*i has the label of record i.
        int[] testLabels = {2, 2, 1, 0};
        List<String> names = r.classes();
        for (String line : key.subList(1, 5)) {
            String[] f = line.split(",");
            int first = ImageIO.read(out.resolve("test/" + f[0] + ".png").toFile()).getRaster().getSample(0, 0, 0);
            assertEquals(names.get(testLabels[first / 10]), f[1]);
        }
        List<String> sample = Files.readAllLines(out.resolve("sample_submission.csv"));
        assertEquals(List.of("id,label", "1,T_shirt_top", "2,T_shirt_top", "3,T_shirt_top", "4,T_shirt_top"), sample);
    }

    @Test
    void limitPerClassMakesSmallSubsets() {
        Path ti = Fixtures.write(tmp.resolve("ti"), images(9));
        Path tl = Fixtures.write(tmp.resolve("tl"), labels(0, 0, 0, 0, 1, 1, 1, 1, 1));
        ImportResult r = IdxImporter.importIdx(ti, tl, null, null, IdxImporter.MNIST_CLASSES.subList(0, 2), tmp.resolve("o"),
                new ImportOptions(2, 0, 0, 1), Progress.NONE, Cancellation.NEVER);
        assertEquals(Map.of(Split.TRAIN, 4, Split.VALID, 0), r.counts());
    }

    @Test
    void clearErrorsForSwappedFilesAndCountMismatch() {
        Path ti = Fixtures.write(tmp.resolve("ti"), images(3));
        Path tl = Fixtures.write(tmp.resolve("tl"), labels(0, 1));
        UserException swapped = assertThrows(UserException.class, () -> IdxImporter.readImages(tl));
        assertTrue(swapped.getMessage().contains("0x00000801") && swapped.getMessage().contains("swapped"), swapped.getMessage());
        UserException counts = assertThrows(UserException.class, () -> IdxImporter.importIdx(ti, tl, null, null,
                List.of("a", "b"), tmp.resolve("o"), new ImportOptions(0, 0, 0, 1), Progress.NONE, Cancellation.NEVER));
        assertTrue(counts.getMessage().contains("3 images but") && counts.getMessage().contains("2 labels"), counts.getMessage());
        byte[] cut = java.util.Arrays.copyOf(images(3), 20);
        Path truncated = Fixtures.write(tmp.resolve("cut"), cut);
        assertTrue(assertThrows(UserException.class, () -> IdxImporter.readImages(truncated)).getMessage().contains("truncated"));
    }

    @Test
    void refusesNonEmptyOutput() {
        Path ti = Fixtures.write(tmp.resolve("ti"), images(2));
        Path tl = Fixtures.write(tmp.resolve("tl"), labels(0, 1));
        Fixtures.write(tmp.resolve("o/keep.txt"), new byte[] {1});
        assertThrows(UserException.class, () -> IdxImporter.importIdx(ti, tl, null, null, List.of("a", "b"), tmp.resolve("o"),
                new ImportOptions(0, 0, 0, 1), Progress.NONE, Cancellation.NEVER));
    }
}
