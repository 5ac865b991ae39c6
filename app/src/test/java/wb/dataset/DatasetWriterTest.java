package wb.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.UserException;

class DatasetWriterTest {

    @TempDir Path tmp;

    @Test
    void writeSplitMakesRelativeLinksInFastaiLayout() throws Exception {
        Path src = tmp.resolve("src");
        for (String c : new String[] {"cat", "dog"}) for (int i = 0; i < 10; i++) Fixtures.png(src.resolve(c + "/" + i + ".png"));
        Dataset single = DatasetScanner.scan(src, Progress.NONE, Cancellation.NEVER);
        Path out = tmp.resolve("split");

        WrittenLayout w = DatasetWriter.writeSplit(single, out, 0.2, 0.1, 5);

        assertEquals(LinkMode.SYMLINK, w.mode());
        assertEquals(Map.of(Split.TRAIN, 14, Split.VALID, 4, Split.TEST, 2), w.counts());
        Dataset split = DatasetScanner.scan(out, Progress.NONE, Cancellation.NEVER);
        assertEquals(Layout.FASTAI, split.layout());
        assertEquals(Map.of("cat", 2, "dog", 2), split.countsPerClass(Split.VALID));
        Path link = split.items(Split.TRAIN).get(0).path();
        assertTrue(Files.isSymbolicLink(link));
        assertFalse(Files.readSymbolicLink(link).isAbsolute(), "links are relative so the pair can be moved together");
        assertTrue(link.toRealPath().startsWith(src.toRealPath()), "the link resolves to the original file");

        UserException e = assertThrows(UserException.class, () -> DatasetWriter.writeSplit(single, out, 0.2, 0, 5));
        assertTrue(e.getMessage().contains("not empty"));
    }

    @Test
    void writeSampleFollowsTheRecipeSizes() {
        Path root = tmp.resolve("ds");
        for (String c : new String[] {"a", "b", "c"}) {
            for (int i = 0; i < 10; i++) Fixtures.png(root.resolve("train/" + c + "/" + i + ".png"));
            for (int i = 0; i < 4; i++) Fixtures.png(root.resolve("valid/" + c + "/v" + i + ".png"));
        }
        Dataset d = DatasetScanner.scan(root, Progress.NONE, Cancellation.NEVER);

        WrittenLayout w = DatasetWriter.writeSample(d, root.resolve("sample"), 6, 3, 1);

        assertEquals(Map.of(Split.TRAIN, 6, Split.VALID, 3), w.counts());
        Dataset sample = DatasetScanner.scan(root.resolve("sample"), Progress.NONE, Cancellation.NEVER);
        assertEquals(Map.of("a", 2, "b", 2, "c", 2), sample.countsPerClass(Split.TRAIN));
        assertEquals(Map.of("a", 1, "b", 1, "c", 1), sample.countsPerClass(Split.VALID));
        assertTrue(DatasetScanner.scan(root, Progress.NONE, Cancellation.NEVER).hasSample());
        // Same seed, same files.
        WrittenLayout again = DatasetWriter.writeSample(d, tmp.resolve("sample2"), 6, 3, 1);
        Dataset sample2 = DatasetScanner.scan(again.dir(), Progress.NONE, Cancellation.NEVER);
        assertEquals(sample.items(Split.TRAIN).stream().map(i -> i.path().getFileName()).toList(),
                sample2.items(Split.TRAIN).stream().map(i -> i.path().getFileName()).toList());
    }
}
