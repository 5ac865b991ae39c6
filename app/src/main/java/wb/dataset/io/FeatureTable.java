package wb.dataset.io;

import java.util.List;

/**
 * Features of a dataset's images, one row per image, as stored in a feature file.
 *
 * @param features   N x D activations
 * @param labels     class index per row, -1 when unlabelled
 * @param splits     {@link #TRAIN}, {@link #VALID} or {@link #TEST} per row
 * @param labelNames class names in index order
 * @param paths      image paths relative to {@link FeatureMeta#datasetRoot()}
 */
public record FeatureTable(float[][] features, int[] labels, byte[] splits, List<String> labelNames, List<String> paths, FeatureMeta meta) {

    public static final byte TRAIN = 0;
    public static final byte VALID = 1;
    public static final byte TEST = 2;
    /** Split names in code order, as stored in the file's {@code split_names} attribute. */
    public static final List<String> SPLIT_NAMES = List.of("train", "valid", "test");

    public FeatureTable {
        int n = features.length;
        if (labels.length != n || splits.length != n || paths.size() != n) {
            throw new IllegalArgumentException("features, labels, splits and paths differ in length");
        }
        int d = meta.featureSize();
        for (float[] row : features) if (row.length != d) throw new IllegalArgumentException("feature rows must have " + d + " values");
        for (int y : labels) if (y < -1 || y >= labelNames.size()) throw new IllegalArgumentException("label " + y + " out of range");
        labelNames = List.copyOf(labelNames);
        paths = List.copyOf(paths);
    }

    public int size() { return features.length; }

    /** Indices of the rows in {@code split} that have a label. */
    public int[] labelledRows(byte split) {
        return java.util.stream.IntStream.range(0, size()).filter(i -> splits[i] == split && labels[i] >= 0).toArray();
    }

    /** Indices of all labelled rows. */
    public int[] labelledRows() {
        return java.util.stream.IntStream.range(0, size()).filter(i -> labels[i] >= 0).toArray();
    }
}
