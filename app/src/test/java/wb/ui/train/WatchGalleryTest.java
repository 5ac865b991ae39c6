package wb.ui.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import wb.evaluate.Predictions;
import wb.train.WatchFrame;

/** The watched-images ViewModel, without a toolkit. */
class WatchGalleryTest {

    private static final List<String> CLASSES = List.of("cat", "dog");
    private static final List<Path> FILES = List.of(Path.of("v/cat/1.png"), Path.of("v/cat/2.png"), Path.of("v/dog/3.png"));

    private static WatchFrame frame(int epoch, float... pCat) {
        float[][] p = new float[pCat.length][];
        for (int i = 0; i < pCat.length; i++) p[i] = new float[] {pCat[i], 1 - pCat[i]};
        return new WatchFrame(epoch, new Predictions(CLASSES, FILES, new int[] {0, 0, 1}, p));
    }

    @Test
    void showsTheNewestFrameAndCountsRightAndChangedAnswers() {
        WatchGallery g = new WatchGallery();
        assertTrue(g.items().isEmpty());
        assertTrue(g.titleProperty().get().contains("after the first epoch"), g.titleProperty().get());

        List<WatchFrame> frames = new ArrayList<>(List.of(frame(1, 0.4f, 0.6f, 0.7f)));
        g.setFrames(List.copyOf(frames));
        assertEquals(0, g.frameProperty().get());
        assertEquals("After epoch 1: 1 of 3 right", g.titleProperty().get());
        assertEquals("dog", g.items().get(0).predictedLabel());
        assertEquals("cat", g.items().get(0).trueLabel());
        assertEquals(0.6f, g.items().get(0).probability(), 1e-6f);

        frames.add(frame(2, 0.8f, 0.9f, 0.2f));
        g.setFrames(List.copyOf(frames));
        assertEquals(1, g.frameProperty().get(), "on the newest frame, it follows new ones");
        assertEquals("After epoch 2: 3 of 3 right · 2 answers changed since epoch 1", g.titleProperty().get());

        g.frameProperty().set(0); // the user steps back ...
        frames.add(frame(3, 0.8f, 0.9f, 0.2f));
        g.setFrames(List.copyOf(frames));
        assertEquals(0, g.frameProperty().get(), "... and stays there while new epochs arrive");
        assertEquals(3, g.frameCountProperty().get());
        g.frameProperty().set(2);
        assertEquals("After epoch 3: 3 of 3 right · no answer changed since epoch 2", g.titleProperty().get());

        g.setFrames(List.of()); // another run without frames
        assertEquals(-1, g.frameProperty().get());
        assertTrue(g.items().isEmpty());
    }
}
