package wb.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Selects the items of a {@link PredictionView} from an evaluation. */
public final class PredictionViews {

    private PredictionViews() { }

    /**
     * Returns up to {@code n} items of {@code view}. With a {@code classIndex}, every view keeps only items
     * whose TRUE class is that class (for the incorrect views: the images of that class the model got
     * wrong); unlabelled items then never appear. Without one, correct/incorrect views use all labelled
     * items and {@link PredictionView#MOST_UNCERTAIN} also includes unlabelled ones. Random views are a
     * seeded shuffle of the candidates in index order; ranked views break ties by index.
     */
    public static List<ViewItem> select(Evaluation evaluation, PredictionView view, Integer classIndex, int n, long seed) {
        Predictions p = evaluation.predictions();
        if (n < 0) throw new IllegalArgumentException("n must be >= 0");
        if (classIndex != null && (classIndex < 0 || classIndex >= p.classCount())) {
            throw new IllegalArgumentException("class index " + classIndex + " is outside 0.." + (p.classCount() - 1));
        }
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            int t = p.trueLabels()[i];
            if (classIndex != null && t != classIndex) continue;
            boolean keep = switch (view) {
                case RANDOM_CORRECT, MOST_CONFIDENT_CORRECT -> t >= 0 && p.predicted(i) == t;
                case RANDOM_INCORRECT, MOST_CONFIDENT_INCORRECT -> t >= 0 && p.predicted(i) != t;
                case MOST_UNCERTAIN -> true;
            };
            if (keep) candidates.add(i);
        }
        double uniform = 1.0 / p.classCount();
        switch (view) {
            case RANDOM_CORRECT, RANDOM_INCORRECT -> shuffle(candidates, new SplittableRandom(seed));
            case MOST_CONFIDENT_CORRECT, MOST_CONFIDENT_INCORRECT ->
                    candidates.sort(Comparator.comparingDouble((Integer i) -> -p.confidence(i)).thenComparingInt(i -> i));
            // For two classes |max - 1/2| is the same as |p(second) - 1/2|, so one rule covers both cases.
            case MOST_UNCERTAIN ->
                    candidates.sort(Comparator.comparingDouble((Integer i) -> Math.abs(p.confidence(i) - uniform)).thenComparingInt(i -> i));
        }
        List<ViewItem> out = new ArrayList<>();
        for (int i : candidates.subList(0, Math.min(n, candidates.size()))) {
            int t = p.trueLabels()[i];
            out.add(new ViewItem(i, p.files().get(i), t < 0 ? null : p.classes().get(t), p.classes().get(p.predicted(i)), p.confidence(i)));
        }
        return List.copyOf(out);
    }

    private static void shuffle(List<Integer> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) java.util.Collections.swap(list, i, rng.nextInt(i + 1));
    }
}
