package wb.evaluate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A model's class probabilities for a list of files, with the true labels where known. The arrays are
 * copied on construction and must be treated as read-only by callers of the accessors.
 *
 * @param classes       class names in label-index order
 * @param trueLabels    label index per file, -1 when unknown (an unlabelled test set)
 * @param probabilities one row per file, one column per class, each row summing to 1
 */
public record Predictions(List<String> classes, List<Path> files, int[] trueLabels, float[][] probabilities) {

    /** Rows must sum to 1 within this tolerance (float softmax outputs drift a little). */
    static final double ROW_SUM_TOLERANCE = 1e-3;

    public Predictions {
        classes = List.copyOf(classes);
        files = List.copyOf(files);
        Objects.requireNonNull(trueLabels, "trueLabels");
        Objects.requireNonNull(probabilities, "probabilities");
        int n = files.size();
        int k = classes.size();
        if (k < 1) throw new IllegalArgumentException("at least one class is needed");
        if (trueLabels.length != n || probabilities.length != n) {
            throw new IllegalArgumentException("sizes differ: " + n + " files, " + trueLabels.length + " labels, " + probabilities.length + " probability rows");
        }
        trueLabels = trueLabels.clone();
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            if (trueLabels[i] < -1 || trueLabels[i] >= k) throw new IllegalArgumentException("label " + trueLabels[i] + " of item " + i + " is outside -1.." + (k - 1));
            float[] row = probabilities[i];
            if (row == null || row.length != k) throw new IllegalArgumentException("row " + i + " must have " + k + " probabilities");
            double sum = 0;
            for (float p : row) {
                if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("row " + i + " has probability " + p + " outside [0, 1]");
                sum += p;
            }
            if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) throw new IllegalArgumentException("row " + i + " sums to " + sum + ", not 1");
            rows[i] = row.clone();
        }
        probabilities = rows;
    }

    /** Number of items. */
    public int size() { return files.size(); }

    /** Number of classes. */
    public int classCount() { return classes.size(); }

    /** The class with the highest probability (the first one on ties). */
    public int predicted(int i) {
        float[] row = probabilities[i];
        int best = 0;
        for (int c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
        return best;
    }

    /** The probability of the predicted class. */
    public float confidence(int i) {
        return probabilities[i][predicted(i)];
    }

    /** True when item {@code i} has a known label. */
    public boolean labelled(int i) { return trueLabels[i] >= 0; }

    /** Whether item {@code i} is labelled and predicted as its label. */
    public boolean correct(int i) { return trueLabels[i] >= 0 && trueLabels[i] == predicted(i); }

    /** How many items are predicted as their label. */
    public int correctCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) if (correct(i)) n++;
        return n;
    }
}
