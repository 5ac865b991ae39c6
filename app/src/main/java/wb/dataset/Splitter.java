package wb.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

import wb.common.Seeds;

/** Seeded, stratified train/valid/test splits. */
public final class Splitter {

    /** Group key for unlabelled items, which are split as if they were one more class. */
    private static final String UNLABELLED = "\u0000unlabelled";

    private Splitter() { }

    /**
     * Splits {@code items} per class: each class is sorted by path, shuffled with its own generator derived
     * from {@code seed} and the class name, and cut into valid, test and train parts. A class with at least
     * two items keeps at least one training item and (when {@code validFraction > 0}) gets at least one
     * validation item. The result depends only on the set of items and the seed, not on their order, and
     * adding a class does not change how the other classes are split.
     */
    public static Map<Split, List<ImageItem>> stratified(List<ImageItem> items, double validFraction, double testFraction, long seed) {
        checkFractions(validFraction, testFraction);
        Map<String, List<ImageItem>> byClass = new TreeMap<>();
        for (ImageItem item : items) {
            byClass.computeIfAbsent(item.label() == null ? UNLABELLED : item.label(), k -> new ArrayList<>()).add(item);
        }
        Map<Split, List<ImageItem>> out = split(byClass, validFraction, testFraction, seed, Comparator.comparing(ImageItem::path));
        for (List<ImageItem> part : out.values()) part.sort(Comparator.comparing(ImageItem::path));
        EnumMap<Split, List<ImageItem>> frozen = new EnumMap<>(Split.class);
        out.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(frozen);
    }

    /**
     * The generic core shared with the importers: splits every group (already keyed by class) with the
     * per-class rules of {@link #stratified}. Lists in the result are mutable and in selection order.
     */
    static <T> Map<Split, List<T>> split(Map<String, List<T>> byClass, double validFraction, double testFraction,
                                         long seed, Comparator<? super T> canonicalOrder) {
        checkFractions(validFraction, testFraction);
        Seeds seeds = new Seeds(seed);
        EnumMap<Split, List<T>> out = new EnumMap<>(Split.class);
        for (Split s : Split.values()) out.put(s, new ArrayList<>());
        for (Map.Entry<String, List<T>> e : byClass.entrySet()) {
            List<T> group = new ArrayList<>(e.getValue());
            group.sort(canonicalOrder);
            shuffle(group, seeds.stream("split/" + e.getKey()));
            int n = group.size();
            int nValid = (int) Math.round(n * validFraction);
            int nTest = (int) Math.round(n * testFraction);
            if (n >= 2 && validFraction > 0 && nValid == 0) nValid = 1;
            // Keep at least one training item: give up test items first, then validation items.
            while (n >= 1 && nValid + nTest > n - 1 && nTest > 0) nTest--;
            while (n >= 1 && nValid + nTest > n - 1 && nValid > 0) nValid--;
            out.get(Split.VALID).addAll(group.subList(0, nValid));
            out.get(Split.TEST).addAll(group.subList(nValid, nValid + nTest));
            out.get(Split.TRAIN).addAll(group.subList(nValid + nTest, n));
        }
        return out;
    }

    /**
     * Picks {@code total} items spread over the classes in proportion to their sizes (largest remainder,
     * at least one per non-empty class while the total allows), each class shuffled with its own seeded
     * generator. The result is sorted in {@code canonicalOrder}.
     */
    static <T> List<T> sampleProportional(Map<String, List<T>> byClass, int total, long seed, Comparator<? super T> canonicalOrder) {
        int all = byClass.values().stream().mapToInt(List::size).sum();
        if (total >= all) {
            List<T> everything = new ArrayList<>();
            byClass.values().forEach(everything::addAll);
            everything.sort(canonicalOrder);
            return everything;
        }
        List<String> names = new ArrayList<>(byClass.keySet());
        int[] quota = new int[names.size()];
        double[] remainder = new double[names.size()];
        int given = 0;
        for (int i = 0; i < names.size(); i++) {
            double exact = (double) total * byClass.get(names.get(i)).size() / all;
            quota[i] = (int) Math.floor(exact);
            remainder[i] = exact - quota[i];
            given += quota[i];
        }
        // Largest remainder first; empty quotas of non-empty classes first so every class is represented.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) order.add(i);
        order.sort(Comparator.<Integer>comparingInt(i -> quota[i] == 0 && !byClass.get(names.get(i)).isEmpty() ? 0 : 1)
                .thenComparing(i -> -remainder[i]).thenComparing(i -> names.get(i)));
        for (int k = 0; given < total; k = (k + 1) % order.size()) {
            int i = order.get(k);
            if (quota[i] < byClass.get(names.get(i)).size()) {
                quota[i]++;
                given++;
            }
        }
        Seeds seeds = new Seeds(seed);
        List<T> picked = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            List<T> group = new ArrayList<>(byClass.get(names.get(i)));
            group.sort(canonicalOrder);
            shuffle(group, seeds.stream("sample/" + names.get(i)));
            picked.addAll(group.subList(0, quota[i]));
        }
        picked.sort(canonicalOrder);
        return picked;
    }

    /** Groups items by a key into a sorted map. */
    static <T> Map<String, List<T>> groupBy(List<T> items, Function<T, String> key) {
        Map<String, List<T>> out = new TreeMap<>();
        for (T t : items) out.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t);
        return out;
    }

    /** Fisher-Yates with an explicit generator (Collections.shuffle wants a java.util.Random). */
    static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, rng.nextInt(i + 1));
        }
    }

    private static void checkFractions(double valid, double test) {
        if (!(valid >= 0 && test >= 0 && valid + test < 1)) {
            throw new IllegalArgumentException("fractions must be >= 0 and valid + test < 1, got valid=" + valid + " test=" + test);
        }
    }
}
