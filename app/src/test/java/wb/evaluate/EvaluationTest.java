package wb.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class EvaluationTest {

    static final double EPS = 1e-6;

    /** Three classes, seven labelled items (3 correct) and one unlabelled item. */
    static Predictions handMade() {
        float[][] probs = {
                {0.7f, 0.2f, 0.1f},   // 0: a -> a
                {0.2f, 0.6f, 0.2f},   // 1: a -> b
                {0.1f, 0.8f, 0.1f},   // 2: b -> b
                {0.1f, 0.1f, 0.8f},   // 3: b -> c
                {0.05f, 0.05f, 0.9f}, // 4: c -> c
                {0.4f, 0.3f, 0.3f},   // 5: c -> a
                {0.34f, 0.33f, 0.33f},// 6: unlabelled
                {0.6f, 0.3f, 0.1f},   // 7: b -> a
        };
        int[] labels = {0, 0, 1, 1, 2, 2, -1, 1};
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) files.add(Path.of(i + ".png"));
        return new Predictions(List.of("a", "b", "c"), files, labels, probs);
    }

    @Test
    void confusionMatrixAndCells() {
        Evaluation e = Evaluation.of(handMade());
        ConfusionMatrix cm = e.confusion();
        assertArrayEquals(new int[][] {{1, 1, 0}, {1, 1, 1}, {1, 0, 1}}, cm.toArray());
        assertEquals(7, cm.total());
        assertArrayEquals(new int[] {5}, cm.cellIndices(2, 0));
        assertArrayEquals(new int[] {5, 7}, concat(cm.cellIndices(1, 0), cm.cellIndices(2, 0)));
        assertArrayEquals(new int[] {7}, cm.cellIndices(1, 0));
        assertArrayEquals(new int[] {}, cm.cellIndices(0, 2));
        assertEquals(7, e.labelledCount());
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        java.util.Arrays.sort(out);
        return out;
    }

    @Test
    void metricsByHand() {
        Evaluation e = Evaluation.of(handMade());
        assertEquals(3.0 / 7, e.accuracy(), EPS);
        // a: predicted {0,5,7}, tp 1 -> P 1/3; support {0,1} -> R 1/2; F1 = 2PR/(P+R) = 0.4
        assertMetrics(e.perClass().get(0), "a", 1.0 / 3, 0.5, 0.4, 2);
        // b: predicted {1,2} -> P 1/2; support {2,3,7} -> R 1/3; F1 0.4
        assertMetrics(e.perClass().get(1), "b", 0.5, 1.0 / 3, 0.4, 3);
        // c: predicted {3,4} -> P 1/2; support {4,5} -> R 1/2; F1 0.5
        assertMetrics(e.perClass().get(2), "c", 0.5, 0.5, 0.5, 2);
        assertEquals((0.4 + 0.4 + 0.5) / 3, e.macroF1(), EPS);
        double loss = -(Math.log(0.7) + Math.log(0.2) + Math.log(0.8) + Math.log(0.1) + Math.log(0.9) + Math.log(0.3) + Math.log(0.3)) / 7;
        assertEquals(loss, e.logLoss(), 1e-5);
        assertEquals(1.0, e.rank5(), EPS, "with 3 classes the true class is always in the top 3");
    }

    private static void assertMetrics(ClassMetrics m, String name, double p, double r, double f1, int support) {
        assertEquals(name, m.name());
        assertEquals(p, m.precision(), EPS);
        assertEquals(r, m.recall(), EPS);
        assertEquals(f1, m.f1(), EPS);
        assertEquals(support, m.support());
    }

    @Test
    void rank5AndClippedLogLossWithSevenClasses() {
        List<String> classes = List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6");
        float[][] probs = {
                {0.3f, 0.2f, 0.15f, 0.15f, 0.1f, 0.1f, 0f},   // true c4: rank 5 (ties favour the true class) -> hit
                {0.3f, 0.2f, 0.2f, 0.1f, 0.1f, 0.1f, 0f},     // true c6: probability 0 -> miss, clipped to 1e-15
        };
        Predictions p = new Predictions(classes, List.of(Path.of("1.png"), Path.of("2.png")), new int[] {4, 6}, probs);
        Evaluation e = Evaluation.of(p);
        assertEquals(0.5, e.rank5(), EPS);
        assertEquals(0.0, e.accuracy(), EPS);
        assertEquals(-(Math.log(0.1f) + Math.log(1e-15)) / 2, e.logLoss(), 1e-6);
    }

    @Test
    void unlabelledOnlyGivesNaN() {
        Predictions p = new Predictions(List.of("a", "b"), List.of(Path.of("1.png")), new int[] {-1}, new float[][] {{0.5f, 0.5f}});
        Evaluation e = Evaluation.of(p);
        assertEquals(Double.NaN, e.accuracy());
        assertEquals(0, e.confusion().total());
    }

    @Test
    void predictionsAreValidated() {
        List<Path> one = List.of(Path.of("1.png"));
        assertThrows(IllegalArgumentException.class, () -> new Predictions(List.of("a", "b"), one, new int[] {0}, new float[][] {{0.5f, 0.6f}}));
        assertThrows(IllegalArgumentException.class, () -> new Predictions(List.of("a", "b"), one, new int[] {2}, new float[][] {{0.5f, 0.5f}}));
        assertThrows(IllegalArgumentException.class, () -> new Predictions(List.of("a", "b"), one, new int[] {0, 1}, new float[][] {{0.5f, 0.5f}}));
        Predictions p = handMade();
        assertEquals(1, p.predicted(1));
        assertEquals(0.6f, p.confidence(1));
    }
}
