package wb.evaluate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class EnsembleTest {

    private static final Path A = Path.of("a.png");
    private static final Path B = Path.of("b.png");
    private static final Path C = Path.of("c.png");

    @Test
    void averagesTheProbabilitiesOfEachFile() {
        Predictions one = new Predictions(List.of("cat", "dog"), List.of(A, B), new int[] {0, 1}, new float[][] {{0.9f, 0.1f}, {0.6f, 0.4f}});
        Predictions two = new Predictions(List.of("cat", "dog"), List.of(A, B), new int[] {0, 1}, new float[][] {{0.7f, 0.3f}, {0.2f, 0.8f}});
        Predictions e = Ensemble.average(List.of(one, two));
        assertEquals(List.of(A, B), e.files());
        assertArrayEquals(new float[] {0.8f, 0.2f}, e.probabilities()[0], 1e-6f);
        assertArrayEquals(new float[] {0.4f, 0.6f}, e.probabilities()[1], 1e-6f);
        assertEquals(1, e.predicted(1), "the second model outvotes the first on b");
        assertEquals(1.0, Evaluation.of(e).accuracy(), 1e-9);
        assertEquals(0.5, Evaluation.of(one).accuracy(), 1e-9);
    }

    @Test
    void matchesClassesByNameAndKeepsOnlyFilesEveryMemberPredicted() {
        Predictions one = new Predictions(List.of("cat", "dog"), List.of(A, B, C), new int[] {0, 1, -1},
                new float[][] {{1f, 0f}, {0f, 1f}, {0.5f, 0.5f}});
        // The second model orders its classes the other way round and skipped b (it failed to decode there).
        Predictions two = new Predictions(List.of("dog", "cat"), List.of(C, A), new int[] {-1, 1},
                new float[][] {{0.2f, 0.8f}, {0.4f, 0.6f}});
        Predictions e = Ensemble.average(List.of(one, two));
        assertEquals(List.of("cat", "dog"), e.classes());
        assertEquals(List.of(A, C), e.files());
        assertArrayEquals(new int[] {0, -1}, e.trueLabels());
        assertArrayEquals(new float[] {0.8f, 0.2f}, e.probabilities()[0], 1e-6f);
        assertArrayEquals(new float[] {0.65f, 0.35f}, e.probabilities()[1], 1e-6f);
    }

    @Test
    void refusesMembersWithOtherClassesOrLabels() {
        Predictions one = new Predictions(List.of("cat", "dog"), List.of(A), new int[] {0}, new float[][] {{1f, 0f}});
        Predictions fox = new Predictions(List.of("cat", "fox"), List.of(A), new int[] {0}, new float[][] {{1f, 0f}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ensemble.average(List.of(one, fox)));
        assertTrue(e.getMessage().contains("lacks [dog]") && e.getMessage().contains("adds [fox]"), e.getMessage());
        Predictions relabelled = new Predictions(List.of("cat", "dog"), List.of(A), new int[] {1}, new float[][] {{1f, 0f}});
        assertThrows(IllegalArgumentException.class, () -> Ensemble.average(List.of(one, relabelled)));
        assertThrows(IllegalArgumentException.class, () -> Ensemble.average(List.of()));
        assertSame(one, Ensemble.average(List.of(one)));
    }
}
