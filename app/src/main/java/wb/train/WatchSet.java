package wb.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses the validation images a run watches: a few per class (about {@value #TARGET} in all, at least one and at
 * most {@value #MAX_PER_CLASS} per class), drawn with a seed, grouped class by class. Beyond {@value #MAX} images
 * (many classes) a seeded sample of classes keeps one image each.
 */
public final class WatchSet {

    public static final int TARGET = 20;
    public static final int MAX = 40;
    public static final int MAX_PER_CLASS = 8;

    private WatchSet() { }

    /** Indices into {@code labels} (class index per image, negative = unlabelled and never chosen), in class order. */
    public static int[] choose(int[] labels, int numClasses, long seed) {
        if (numClasses < 1) return new int[0];
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0 && labels[i] < numClasses) byClass.get(labels[i]).add(i);
        }
        int perClass = Math.max(1, Math.min(MAX_PER_CLASS, Math.round((float) TARGET / numClasses)));
        int[] classes = new int[numClasses];
        for (int c = 0; c < numClasses; c++) classes[c] = c;
        if (numClasses > MAX) { // one image each from a sample of the classes, kept in class order
            shuffle(classes, rng);
            classes = Arrays.copyOf(classes, MAX);
            Arrays.sort(classes);
        }
        List<Integer> out = new ArrayList<>();
        for (int c : classes) {
            List<Integer> members = byClass.get(c);
            int[] pick = members.stream().mapToInt(Integer::intValue).toArray();
            shuffle(pick, rng);
            int n = Math.min(perClass, pick.length);
            int[] chosen = Arrays.copyOf(pick, n);
            Arrays.sort(chosen);
            for (int i : chosen) out.add(i);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
