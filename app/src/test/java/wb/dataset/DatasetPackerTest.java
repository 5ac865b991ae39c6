package wb.dataset;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.UserException;
import wb.dataset.io.ImagePack;
import wb.imaging.ImageWriter;
import wb.imaging.Raster;
import wb.imaging.ResizePolicy;

class DatasetPackerTest {

    @TempDir Path dir;

    /** fast.ai layout: train/{a,b} grey PNGs, valid/b one colour PNG, a truncated file, an unlabelled test image. */
    private Dataset fixture(boolean withColour) throws Exception {
        Path root = dir.resolve("data");
        Fixtures.png(root.resolve("train/a/1.png"));
        Fixtures.png(root.resolve("train/a/2.png"));
        Fixtures.png(root.resolve("train/b/3.png"));
        byte[] good = Fixtures.pngBytes(9);
        Fixtures.write(root.resolve("train/b/broken.png"), java.util.Arrays.copyOf(good, good.length / 2));
        Fixtures.png(root.resolve("valid/a/4.png"));
        if (withColour) {
            byte[] px = new byte[10 * 10 * 3];
            for (int i = 0; i < px.length; i += 3) px[i] = (byte) 200; // red
            Files.createDirectories(root.resolve("valid/b"));
            ImageWriter.writePng(new Raster(10, 10, 3, px), root.resolve("valid/b/5.png"));
        } else {
            Fixtures.png(root.resolve("valid/b/5.png"));
        }
        Fixtures.png(root.resolve("test/7.png"));
        return DatasetScanner.scan(root, Progress.NONE, Cancellation.NEVER);
    }

    @Test
    void packsEveryDecodableImageAsUint8WithItsLabelSplitAndPath() throws Exception {
        Dataset ds = fixture(true);
        Path out = dir.resolve("packed.h5");
        DatasetPacker.Result r = DatasetPacker.pack(ds, 8, ResizePolicy.SQUASH, 0, out, Progress.NONE, Cancellation.NEVER);
        assertEquals(6, r.images());
        assertEquals(3, r.channels(), "one colour image makes the pack RGB");
        assertEquals(1, r.skipped().size());
        assertTrue(r.skipped().get(0).contains("broken.png"), r.skipped().toString());

        ImagePack.Table t = ImagePack.read(out);
        assertEquals(List.of("a", "b"), t.labelNames());
        assertEquals(6, t.size());
        assertEquals(8 * 8 * 3, t.pixels().get(0).length);
        int red = t.paths().indexOf("valid/b/5.png");
        assertTrue(red >= 0, t.paths().toString());
        assertEquals(1, t.labels()[red]);
        assertEquals(1, t.splits()[red]);
        assertEquals(200, t.pixels().get(red)[0] & 0xff, "8-bit values survive, unsigned");
        assertEquals(0, t.pixels().get(red)[1]);
        int unlabelled = t.paths().indexOf("test/7.png");
        assertEquals(-1, t.labels()[unlabelled]);
        assertEquals(2, t.splits()[unlabelled]);
        assertFalse(t.paths().contains("train/b/broken.png"), "a file that cannot be decoded gets no row");

        DatasetPacker.Result grey = DatasetPacker.pack(fixture(false), 8, ResizePolicy.CROP_CENTER, 0, dir.resolve("grey.h5"), Progress.NONE,
                Cancellation.NEVER);
        assertEquals(1, grey.channels(), "all-grey datasets stay one channel");
        assertEquals(8 * 8, ImagePack.read(dir.resolve("grey.h5")).pixels().get(0).length);
    }

    @Test
    void refusesWhatItCannotDo() throws Exception {
        Dataset ds = fixture(false);
        assertThrows(UserException.class, () -> DatasetPacker.pack(ds, 4, ResizePolicy.SQUASH, 0, dir.resolve("x.h5"), Progress.NONE, Cancellation.NEVER));
        UserException e = assertThrows(UserException.class, () -> ImagePack.read(dir.resolve("absent.h5")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        Path text = Files.writeString(dir.resolve("text.h5"), "not hdf5");
        assertThrows(UserException.class, () -> ImagePack.read(text));
    }

    /** Python users open the pack with h5py: uint8 N x H x W x C, never float64. */
    @Test
    void h5pyReadsUint8Images() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "Debian python3 not installed");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import h5py").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0, "h5py not installed (apt install python3-h5py)");
        Path out = dir.resolve("packed.h5");
        DatasetPacker.pack(fixture(true), 8, ResizePolicy.SQUASH, 0, out, Progress.NONE, Cancellation.NEVER);
        String script = String.join("\n",
                "import h5py, sys",
                "f = h5py.File(sys.argv[1], 'r')",
                "print(f['images'].dtype, f['images'].shape, f['labels'].dtype, f['split'].dtype, f.attrs['channels'], f['label_names'][1].decode())");
        Process p = new ProcessBuilder(python.toString(), "-c", script, out.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("uint8 (6, 8, 8, 3) int32 uint8 3 b", text);
    }
}
