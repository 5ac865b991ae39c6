package wb.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.evaluate.Predictions;

class WatchSetTest {

    @Test
    void choosesAFewImagesPerClassTheSameForTheSameSeed() {
        int[] labels = new int[300];
        for (int i = 0; i < labels.length; i++) labels[i] = i % 10;
        labels[7] = -1; // unlabelled: never watched
        int[] a = WatchSet.choose(labels, 10, 5);
        assertEquals(20, a.length, "two per class for ten classes");
        assertArrayEquals(a, WatchSet.choose(labels, 10, 5));
        assertFalse(Arrays.equals(a, WatchSet.choose(labels, 10, 6)), "another seed, other images");
        for (int c = 0; c < 10; c++) {
            final int cls = c;
            assertEquals(2, Arrays.stream(a).filter(i -> labels[i] == cls).count(), "class " + c);
        }
        for (int k = 1; k < a.length; k++) assertTrue(labels[a[k - 1]] <= labels[a[k]], "grouped class by class");
        assertTrue(Arrays.stream(a).noneMatch(i -> i == 7));
    }

    @Test
    void boundsSmallClassesTwoClassesAndManyClasses() {
        int[] two = new int[100];
        for (int i = 0; i < 100; i++) two[i] = i < 3 ? 0 : 1;
        int[] w = WatchSet.choose(two, 2, 1);
        assertEquals(3 + WatchSet.MAX_PER_CLASS, w.length, "a class with 3 images gives all 3; the other gives the cap");

        int[] many = new int[500];
        for (int i = 0; i < many.length; i++) many[i] = i % 100;
        assertEquals(WatchSet.MAX, WatchSet.choose(many, 100, 1).length, "one each from 40 of 100 classes");
        assertEquals(0, WatchSet.choose(new int[0], 3, 1).length);
    }

    @Test
    void watchCsvRoundTripsFramesWithUnicodeAndCommaClassNames(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve(WatchCsvWriter.FILE);
        WatchCsvWriter w = new WatchCsvWriter(csv);
        List<String> classes = List.of("chat, noir", "café");
        List<Path> files = List.of(dir.resolve("valid/chat, noir/1.png"), dir.resolve("valid/café/2.png"));
        w.onStart(new RunStart("m", 10, 3, 1, 5, 100, 2, "cpu", "none"));
        w.onWatch(new WatchFrame(1, new Predictions(classes, files, new int[] {0, 1}, new float[][] {{0.4f, 0.6f}, {0.3f, 0.7f}})));
        w.onWatch(new WatchFrame(2, new Predictions(classes, files, new int[] {0, 1}, new float[][] {{0.9f, 0.1f}, {0.2f, 0.8f}})));
        List<WatchFrame> back = WatchCsvWriter.read(csv);
        assertEquals(2, back.size());
        assertEquals(1, back.get(0).epoch());
        assertEquals(classes, back.get(1).predictions().classes());
        assertEquals(files, back.get(1).predictions().files());
        assertEquals(0, back.get(1).predictions().predicted(0));
        assertEquals(1, back.get(0).predictions().predicted(0), "epoch 1 had the first image wrong");
        assertEquals(0.9f, back.get(1).predictions().probabilities()[0][0], 1e-6f);

        // A resumed run appends; a new run (first epoch 1) starts the file again.
        w.onStart(new RunStart("m", 10, 3, 3, 5, 100, 2, "cpu", "none"));
        w.onWatch(new WatchFrame(3, new Predictions(classes, files, new int[] {0, 1}, new float[][] {{0.95f, 0.05f}, {0.1f, 0.9f}})));
        assertEquals(List.of(1, 2, 3), WatchCsvWriter.read(csv).stream().map(WatchFrame::epoch).toList());
        w.onStart(new RunStart("m", 10, 3, 1, 5, 100, 2, "cpu", "none"));
        assertFalse(Files.exists(csv));
    }
}
