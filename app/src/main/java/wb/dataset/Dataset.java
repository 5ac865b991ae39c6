package wb.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scanned image dataset: where it is, how it is laid out, its classes in index order and its items
 * per split. Immutable; {@link DatasetScanner} creates it without decoding any image.
 *
 * @param detection   one human sentence: what layout was detected and why
 * @param classes     sorted class names; a class's position is its label index everywhere
 * @param splits      every split (possibly empty), items sorted by path
 * @param hasSample   a fast.ai {@code sample/} subset folder is present
 * @param problems    files and folders that were skipped, with reasons
 * @param ignoredJunk number of hidden/system entries ({@code .DS_Store}, {@code __MACOSX}, ...) ignored
 */
public record Dataset(Path root, Layout layout, String detection, List<String> classes,
                      Map<Split, List<ImageItem>> splits, boolean hasSample, List<FileProblem> problems,
                      int ignoredJunk) {

    public Dataset {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(detection, "detection");
        List<String> sorted = new ArrayList<>(classes);
        Collections.sort(sorted);
        if (!sorted.equals(classes)) throw new IllegalArgumentException("classes must be sorted: " + classes);
        classes = List.copyOf(classes);
        EnumMap<Split, List<ImageItem>> copy = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            List<ImageItem> items = new ArrayList<>(splits.getOrDefault(s, List.of()));
            items.sort(Comparator.comparing(ImageItem::path));
            for (ImageItem item : items) {
                if (item.label() != null && Collections.binarySearch(classes, item.label()) < 0) {
                    throw new IllegalArgumentException("item label '" + item.label() + "' is not one of the classes " + classes);
                }
            }
            copy.put(s, List.copyOf(items));
        }
        splits = Collections.unmodifiableMap(copy);
        problems = List.copyOf(problems);
        if (ignoredJunk < 0) throw new IllegalArgumentException("ignoredJunk must be >= 0");
    }

    /** An image with the split it is in. */
    public record Placed(ImageItem item, Split split) { }

    /** Every image, train first, then valid, then test, each with its split. */
    public List<Placed> placedItems() {
        List<Placed> out = new java.util.ArrayList<>();
        for (Split s : Split.values()) for (ImageItem i : items(s)) out.add(new Placed(i, s));
        return out;
    }

    /** The items of {@code split}, sorted by path (empty when the split is absent). */
    public List<ImageItem> items(Split split) {
        return splits.get(split);
    }

    /** The index of {@code label} in {@link #classes()}, or -1 when it is not a class. */
    public int labelIndex(String label) {
        int i = Collections.binarySearch(classes, label);
        return i >= 0 ? i : -1;
    }

    /** Number of items per class in {@code split}, in class order, including classes with zero items. */
    public Map<String, Integer> countsPerClass(Split split) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String c : classes) counts.put(c, 0);
        for (ImageItem item : items(split)) {
            if (item.label() != null) counts.merge(item.label(), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(counts);
    }

    /** Total number of items over all splits. */
    public int size() {
        int n = 0;
        for (List<ImageItem> items : splits.values()) n += items.size();
        return n;
    }
}
