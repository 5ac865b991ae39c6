package wb.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.common.Cancellation;
import wb.common.CancelledException;
import wb.common.Progress;
import wb.common.UserException;

class DatasetDoctorTest {

    @TempDir Path root;

    @Test
    void brokenFilesGetTheirReasonsAndMisnamedPngIsUsable() {
        Fixtures.png(root.resolve("cat/good.png"));
        Fixtures.write(root.resolve("cat/zero.png"), new byte[0]);
        byte[] png = Fixtures.pngBytes(7);
        Fixtures.write(root.resolve("cat/truncated.png"), Arrays.copyOf(png, png.length / 2));
        Fixtures.write(root.resolve("dog/text.png"), "this is not an image\n".getBytes());
        Fixtures.png(root.resolve("dog/actually-png.jpg"));
        Fixtures.png(root.resolve("dog/fine.png"));
        Dataset d = DatasetScanner.scan(root, Progress.NONE, Cancellation.NEVER);
        AtomicLong last = new AtomicLong();

        VerificationReport r = DatasetDoctor.verify(d, 0, (m, done, total) -> last.accumulateAndGet(done, Math::max), Cancellation.NEVER);

        assertEquals(6, last.get());
        Map<String, String> reasons = new java.util.HashMap<>();
        r.badFiles().forEach(p -> reasons.put(p.path().getFileName().toString(), p.reason()));
        assertEquals(List.of("text.png", "truncated.png", "zero.png"), reasons.keySet().stream().sorted().toList());
        assertTrue(reasons.get("zero.png").contains("zero bytes"));
        assertTrue(reasons.get("truncated.png").contains("truncated"));
        assertTrue(reasons.get("text.png").contains("not an image"));
        assertEquals(Map.of("cat", 1, "dog", 2), r.usableCounts().get(Split.TRAIN));
        assertEquals(2.0, r.imbalanceRatio());
        assertEquals(Map.of("PNG", 3), r.formats());
        assertEquals(Map.of("4x3", 3), r.sizeHistogram());
        assertEquals(1, r.channels());

        Dataset usable = r.usable();
        assertEquals(3, usable.items(Split.TRAIN).size());
        ImageItem misnamed = usable.items(Split.TRAIN).stream().filter(i -> i.path().endsWith("actually-png.jpg")).findFirst().orElseThrow();
        assertEquals("dog", misnamed.label());
        assertTrue(usable.items(Split.TRAIN).stream().allMatch(i -> i.label().equals(i.path().getParent().getFileName().toString())),
                "every usable item keeps the label of its own folder");
        assertEquals(3, usable.problems().size());
    }

    @Test
    void requireTrainableNamesTheOnlyClass() {
        Fixtures.png(root.resolve("cat/a.png"));
        Fixtures.write(root.resolve("dog/broken.png"), new byte[0]);
        Dataset d = DatasetScanner.scan(root, Progress.NONE, Cancellation.NEVER);
        DatasetDoctor.requireTrainable(d); // two classes before verification
        Dataset usable = DatasetDoctor.verify(d, 0, Progress.NONE, Cancellation.NEVER).usable();
        UserException e = assertThrows(UserException.class, () -> DatasetDoctor.requireTrainable(usable));
        assertEquals("needs at least 2 classes with usable images in train; found 1 (cat)", e.getMessage());
    }

    @Test
    void cancellationIsHonoured() {
        for (int i = 0; i < 20; i++) Fixtures.png(root.resolve("c" + (i % 2) + "/" + i + ".png"));
        Dataset d = DatasetScanner.scan(root, Progress.NONE, Cancellation.NEVER);
        Cancellation c = new Cancellation();
        assertThrows(CancelledException.class, () -> DatasetDoctor.verify(d, 0, (m, done, total) -> c.cancel(), c));
    }

    @Test
    void naturalOrderSortsSizesByNumber() {
        List<String> sizes = new java.util.ArrayList<>(List.of("100x100", "28x28", "28x100", "9x9"));
        sizes.sort(DatasetDoctor.NaturalOrder.INSTANCE);
        assertEquals(List.of("9x9", "28x28", "28x100", "100x100"), sizes);
    }
}
