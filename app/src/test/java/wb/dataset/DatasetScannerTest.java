package wb.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.common.Cancellation;
import wb.common.CancelledException;
import wb.common.Progress;
import wb.common.UserException;

class DatasetScannerTest {

    @TempDir Path root;

    private Dataset scan() {
        return DatasetScanner.scan(root, Progress.NONE, Cancellation.NEVER);
    }

    private static boolean hasProblem(Dataset d, String pathEnd, String reasonPart) {
        return d.problems().stream().anyMatch(p -> p.path().endsWith(pathEnd) && p.reason().contains(reasonPart));
    }

    @Test
    void classFoldersIgnoreJunkAndReportEmptyFolders() {
        Fixtures.png(root.resolve("cat/a.png"));
        Fixtures.png(root.resolve("cat/B.JPG"));
        Fixtures.png(root.resolve("dog/c.jpeg"));
        Fixtures.write(root.resolve(".DS_Store"), new byte[] {1});
        Fixtures.write(root.resolve("cat/._a.png"), new byte[] {1});
        Fixtures.write(root.resolve("cat/Thumbs.db"), new byte[] {1});
        Fixtures.png(root.resolve("__MACOSX/cat/a.png"));
        Fixtures.png(root.resolve(".ipynb_checkpoints/x.png"));
        Fixtures.png(root.resolve("dog/@eaDir/c.jpeg"));
        Fixtures.write(root.resolve("cat/notes.txt"), "hi".getBytes());
        Fixtures.mkdirs(root.resolve("empty"));

        Dataset d = scan();

        assertEquals(Layout.CLASS_FOLDERS, d.layout());
        assertEquals(List.of("cat", "dog"), d.classes());
        assertEquals(Map.of("cat", 2, "dog", 1), d.countsPerClass(Split.TRAIN));
        assertTrue(d.items(Split.VALID).isEmpty());
        assertEquals(6, d.ignoredJunk());
        assertTrue(hasProblem(d, "empty", "empty class folder"));
        assertTrue(hasProblem(d, "notes.txt", "not an image file extension"));
        assertEquals(1, d.labelIndex("dog"));
        assertEquals(-1, d.labelIndex("cow"));
        assertTrue(d.detection().startsWith("Class folders"));
    }

    @Test
    void fastaiLayoutWithUnlabelledTestAndSymlinkedSample() throws Exception {
        for (String c : List.of("cats", "dogs")) {
            Fixtures.png(root.resolve("train/" + c + "/1.jpg"));
            Fixtures.png(root.resolve("train/" + c + "/2.jpg"));
            Fixtures.png(root.resolve("valid/" + c + "/3.jpg"));
        }
        Fixtures.png(root.resolve("test/10.jpg"));
        Fixtures.png(root.resolve("test/11.jpg"));
        Fixtures.mkdirs(root.resolve("sample/train"));
        Files.createSymbolicLink(root.resolve("sample/train/cats"), Path.of("../../train/cats"));
        Fixtures.mkdirs(root.resolve("models"));

        Dataset d = scan();

        assertEquals(Layout.FASTAI, d.layout());
        assertEquals(List.of("cats", "dogs"), d.classes());
        assertEquals(4, d.items(Split.TRAIN).size());
        assertEquals(Map.of("cats", 1, "dogs", 1), d.countsPerClass(Split.VALID));
        assertEquals(2, d.items(Split.TEST).size());
        assertTrue(d.items(Split.TEST).stream().noneMatch(ImageItem::labelled));
        assertTrue(d.hasSample());
        assertTrue(d.problems().isEmpty(), d.problems().toString());
        List<ImageItem> train = d.items(Split.TRAIN);
        for (int i = 1; i < train.size(); i++) assertTrue(train.get(i - 1).path().compareTo(train.get(i).path()) < 0);
    }

    @Test
    void fastaiTestUnknownFolderIsUnlabelledButTestClassFoldersAreLabelled() {
        Fixtures.png(root.resolve("train/a/1.png"));
        Fixtures.png(root.resolve("train/b/2.png"));
        Fixtures.png(root.resolve("valid/a/3.png"));
        Fixtures.png(root.resolve("test/unknown/4.png"));
        Dataset d = scan();
        assertEquals(Layout.FASTAI, d.layout());
        assertEquals(1, d.items(Split.TEST).size());
        assertFalse(d.items(Split.TEST).get(0).labelled());
        assertEquals(List.of("a", "b"), d.classes());
    }

    @Test
    void kaggleFlatTrainFolder() {
        Fixtures.png(root.resolve("train/cat.1.jpg"));
        Fixtures.png(root.resolve("train/cat.2.jpg"));
        Fixtures.png(root.resolve("train/dog.1.jpg"));
        Fixtures.png(root.resolve("train/mystery.jpg"));
        Fixtures.png(root.resolve("test/1.jpg"));
        Dataset d = scan();
        assertEquals(Layout.KAGGLE_FLAT, d.layout());
        assertEquals(List.of("cat", "dog"), d.classes());
        assertEquals(Map.of("cat", 2, "dog", 1), d.countsPerClass(Split.TRAIN));
        assertEquals(1, d.items(Split.TEST).size());
        assertTrue(hasProblem(d, "mystery.jpg", "no class prefix"));
    }

    @Test
    void kaggleFlatFilesDirectlyInRoot() {
        Fixtures.png(root.resolve("cat.1.png"));
        Fixtures.png(root.resolve("dog.7.png"));
        Fixtures.write(root.resolve("labels.csv"), "x".getBytes());
        Dataset d = scan();
        assertEquals(Layout.KAGGLE_FLAT, d.layout());
        assertEquals(List.of("cat", "dog"), d.classes());
        assertTrue(d.problems().isEmpty());
    }

    @Test
    void numberedFilesAreAnUnlabelledTestSet() {
        for (int i = 1; i <= 3; i++) Fixtures.png(root.resolve(i + ".png"));
        Fixtures.mkdirs(root.resolve("stray"));
        Dataset d = scan();
        assertEquals(Layout.UNLABELLED, d.layout());
        assertTrue(d.classes().isEmpty());
        assertEquals(3, d.items(Split.TEST).size());
        assertTrue(d.items(Split.TRAIN).isEmpty());
        assertTrue(d.problems().isEmpty(), "an empty sub-folder of a flat folder is not an empty class");
    }

    @Test
    void unicodeFolderAndFileNames() {
        Fixtures.png(root.resolve("café/ä ö.png"));
        Fixtures.png(root.resolve("猫/写真 1.png"));
        Dataset d = scan();
        assertEquals(List.of("café", "猫"), d.classes());
        assertEquals("ä ö.png", d.items(Split.TRAIN).get(0).path().getFileName().toString());
    }

    @Test
    void symlinkLoopIsReportedNotFollowedForever() throws Exception {
        Fixtures.png(root.resolve("cat/a.png"));
        Fixtures.png(root.resolve("dog/b.png"));
        Files.createSymbolicLink(root.resolve("cat/loop"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("dog/self"), Path.of("."));
        Dataset d = assertTimeoutPreemptively(Duration.ofSeconds(10), this::scan);
        assertEquals(List.of("cat", "dog"), d.classes());
        assertEquals(2, d.items(Split.TRAIN).size());
        assertTrue(hasProblem(d, "loop", "symbolic link loop"), d.problems().toString());
        assertTrue(hasProblem(d, "self", "symbolic link loop"), d.problems().toString());
    }

    @Test
    void brokenSymlinkIsAProblem() throws Exception {
        Fixtures.png(root.resolve("cat/a.png"));
        Fixtures.png(root.resolve("dog/b.png"));
        Files.createSymbolicLink(root.resolve("dog/gone.png"), Path.of("nowhere.png"));
        Dataset d = scan();
        assertTrue(hasProblem(d, "gone.png", "broken symbolic link"));
    }

    @Test
    void clearErrorsForMissingFileOrImagelessRoots() {
        UserException missing = assertThrows(UserException.class,
                () -> DatasetScanner.scan(root.resolve("nope"), Progress.NONE, Cancellation.NEVER));
        assertTrue(missing.getMessage().contains("does not exist"));
        Path file = Fixtures.png(root.resolve("x.png"));
        assertThrows(UserException.class, () -> DatasetScanner.scan(file, Progress.NONE, Cancellation.NEVER));
        Path empty = Fixtures.mkdirs(root.resolve("empty/sub"));
        Fixtures.write(empty.resolve("readme.txt"), "x".getBytes());
        UserException none = assertThrows(UserException.class,
                () -> DatasetScanner.scan(root.resolve("empty"), Progress.NONE, Cancellation.NEVER));
        assertTrue(none.getMessage().startsWith("no images found"), none.getMessage());
    }

    @Test
    void cancellationStopsTheScan() {
        Fixtures.png(root.resolve("cat/a.png"));
        Cancellation c = new Cancellation();
        c.cancel();
        assertThrows(CancelledException.class, () -> DatasetScanner.scan(root, Progress.NONE, c));
    }

    @Test
    void flatLabelRule() {
        assertEquals("cat", DatasetScanner.flatLabel("cat.123.jpg"));
        assertEquals(null, DatasetScanner.flatLabel("123.jpg"));
        assertEquals(null, DatasetScanner.flatLabel(".x.jpg"));
    }
}
