package wb.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class PredictionViewsTest {

    private static final Evaluation E = Evaluation.of(EvaluationTest.handMade());

    private static List<Integer> indices(PredictionView v, Integer cls, int n, long seed) {
        return PredictionViews.select(E, v, cls, n, seed).stream().map(ViewItem::index).toList();
    }

    @Test
    void mostConfidentViews() {
        assertEquals(List.of(4, 2, 0), indices(PredictionView.MOST_CONFIDENT_CORRECT, null, 10, 0));
        // Wrong items by the probability given to the wrong class: 3 (0.8), 1 and 7 (0.6, index order), 5 (0.4).
        assertEquals(List.of(3, 1, 7, 5), indices(PredictionView.MOST_CONFIDENT_INCORRECT, null, 10, 0));
        assertEquals(List.of(3, 1), indices(PredictionView.MOST_CONFIDENT_INCORRECT, null, 2, 0));
        ViewItem top = PredictionViews.select(E, PredictionView.MOST_CONFIDENT_INCORRECT, null, 1, 0).get(0);
        assertEquals("b", top.trueLabel());
        assertEquals("c", top.predictedLabel());
        assertEquals(0.8f, top.probability());
        assertEquals(Path.of("3.png"), top.file());
    }

    @Test
    void perClassViewsFilterByTrueClass() {
        assertEquals(List.of(1), indices(PredictionView.MOST_CONFIDENT_INCORRECT, 0, 10, 0));
        assertEquals(List.of(3, 7), indices(PredictionView.MOST_CONFIDENT_INCORRECT, 1, 10, 0));
        assertEquals(List.of(2), indices(PredictionView.MOST_CONFIDENT_CORRECT, 1, 10, 0));
        assertEquals(List.of(5, 4), indices(PredictionView.MOST_UNCERTAIN, 2, 10, 0));
    }

    @Test
    void mostUncertainIsClosestToOneOverK() {
        assertEquals(List.of(6, 5, 1, 7, 0, 2, 3, 4), indices(PredictionView.MOST_UNCERTAIN, null, 10, 0));
        assertNull(PredictionViews.select(E, PredictionView.MOST_UNCERTAIN, null, 1, 0).get(0).trueLabel());
    }

    @Test
    void binaryUncertaintyIsDistanceFromHalf() {
        float[][] probs = {{0.9f, 0.1f}, {0.45f, 0.55f}, {0.3f, 0.7f}, {0.52f, 0.48f}};
        Predictions p = new Predictions(List.of("cats", "dogs"),
                List.of(Path.of("1.jpg"), Path.of("2.jpg"), Path.of("3.jpg"), Path.of("4.jpg")), new int[] {0, 1, 1, 0}, probs);
        List<Integer> order = PredictionViews.select(Evaluation.of(p), PredictionView.MOST_UNCERTAIN, null, 4, 0)
                .stream().map(ViewItem::index).toList();
        assertEquals(List.of(3, 1, 2, 0), order);
    }

    @Test
    void randomViewsAreSeededAndDrawFromTheRightSet() {
        List<Integer> a = indices(PredictionView.RANDOM_INCORRECT, null, 10, 42);
        assertEquals(a, indices(PredictionView.RANDOM_INCORRECT, null, 10, 42));
        assertEquals(Set.of(1, 3, 5, 7), new TreeSet<>(a));
        assertEquals(Set.of(0, 2, 4), new TreeSet<>(indices(PredictionView.RANDOM_CORRECT, null, 10, 1)));
        assertEquals(2, indices(PredictionView.RANDOM_CORRECT, null, 2, 1).size());
        boolean anyDifferent = false;
        for (long seed = 0; seed < 20 && !anyDifferent; seed++) anyDifferent = !indices(PredictionView.RANDOM_INCORRECT, null, 10, seed).equals(a);
        assertEquals(true, anyDifferent, "different seeds give different orders");
    }
}
