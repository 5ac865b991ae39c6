package wb.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.common.Cancellation;
import wb.common.Progress;

class ShapesGeneratorTest {

    @TempDir Path tmp;

    @Test
    void sameSeedSameFilesInFastaiLayout() throws Exception {
        ShapesGenerator.generate(tmp.resolve("a"), 48, 2, 1, 7, Progress.NONE, Cancellation.NEVER);
        ShapesGenerator.generate(tmp.resolve("b"), 48, 2, 1, 7, Progress.NONE, Cancellation.NEVER);
        Dataset d = DatasetScanner.scan(tmp.resolve("a"), Progress.NONE, Cancellation.NEVER);
        assertEquals(Layout.FASTAI, d.layout());
        assertEquals(ShapesGenerator.CLASSES, d.classes());
        assertEquals(Map.of("circle", 1, "square", 1, "star", 1, "triangle", 1), d.countsPerClass(Split.VALID));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/train/star/0001.jpg")), Files.readAllBytes(tmp.resolve("b/train/star/0001.jpg")));
        VerificationReport r = DatasetDoctor.verify(d, 0, Progress.NONE, Cancellation.NEVER);
        assertEquals(Map.of("JPEG", 12), r.formats());
        assertEquals(3, r.channels());
    }
}
