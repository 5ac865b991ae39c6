package wb.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The result of decoding every file of a dataset: which files are unusable and why, what is left per
 * class, and the size, format and colour statistics of the usable images.
 *
 * @param badFiles        unusable files with the decoder's message
 * @param usableCounts    usable images per split and class (class order)
 * @param imbalanceRatio  largest / smallest usable TRAIN class count over classes that have any; 1 with
 *                        one such class, NaN with none
 * @param sizeHistogram   "WxH" -> count, or "longest side A-B" buckets when there are many sizes
 * @param formats         container format by content ("PNG", "JPEG") -> count
 * @param channels        1 when every usable image decoded as grey, else 3
 * @param duplicates      usable images that show the same picture (identical or near-identical), in dataset order
 */
public record VerificationReport(Dataset dataset, List<FileProblem> badFiles, Map<Split, Map<String, Integer>> usableCounts,
                                 double imbalanceRatio, SortedMap<String, Integer> sizeHistogram,
                                 SortedMap<String, Integer> formats, int channels, List<DuplicateGroup> duplicates) {

    /** A report without duplicate detection. */
    public VerificationReport(Dataset dataset, List<FileProblem> badFiles, Map<Split, Map<String, Integer>> usableCounts,
                              double imbalanceRatio, SortedMap<String, Integer> sizeHistogram, SortedMap<String, Integer> formats, int channels) {
        this(dataset, badFiles, usableCounts, imbalanceRatio, sizeHistogram, formats, channels, List.of());
    }

    public VerificationReport {
        duplicates = duplicates == null ? List.of() : List.copyOf(duplicates);
        badFiles = List.copyOf(badFiles);
        EnumMap<Split, Map<String, Integer>> counts = new EnumMap<>(Split.class);
        usableCounts.forEach((k, v) -> counts.put(k, Collections.unmodifiableMap(new java.util.LinkedHashMap<>(v))));
        usableCounts = Collections.unmodifiableMap(counts);
        sizeHistogram = Collections.unmodifiableSortedMap(new TreeMap<>(sizeHistogram));
        formats = Collections.unmodifiableSortedMap(new TreeMap<>(formats));
    }

    /** Duplicate groups that span splits: pictures both trained on and evaluated. */
    public long leakedGroups() {
        return duplicates.stream().filter(DuplicateGroup::crossesSplits).count();
    }

    /** Duplicate groups whose labelled images disagree on the class. */
    public long conflictingGroups() {
        return duplicates.stream().filter(DuplicateGroup::conflictingLabels).count();
    }

    /** True when every file decoded. */
    public boolean allUsable() { return badFiles.isEmpty(); }

    /**
     * The dataset without the bad files; they are added to its problems. Classes left with no image in
     * any split disappear, so label indices are those of the usable data.
     */
    public Dataset usable() {
        Set<java.nio.file.Path> bad = new HashSet<>();
        for (FileProblem p : badFiles) bad.add(p.path());
        Map<Split, List<ImageItem>> splits = new EnumMap<>(Split.class);
        TreeSet<String> classes = new TreeSet<>();
        for (Split s : Split.values()) {
            List<ImageItem> kept = new ArrayList<>();
            for (ImageItem item : dataset.items(s)) {
                if (bad.contains(item.path())) continue;
                kept.add(item);
                if (item.label() != null) classes.add(item.label());
            }
            splits.put(s, kept);
        }
        List<FileProblem> problems = new ArrayList<>(dataset.problems());
        problems.addAll(badFiles);
        return new Dataset(dataset.root(), dataset.layout(), dataset.detection(), List.copyOf(classes), splits,
                dataset.hasSample(), problems, dataset.ignoredJunk());
    }
}
