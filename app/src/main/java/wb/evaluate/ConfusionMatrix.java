package wb.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts of labelled items by true class (row) and predicted class (column), remembering which items
 * fall in each cell so that a view can show the images behind a number.
 */
public final class ConfusionMatrix {

    private final List<String> classes;
    private final int[][] counts;
    private final int[][][] cells;
    private final int total;

    private ConfusionMatrix(List<String> classes, int[][] counts, int[][][] cells, int total) {
        this.classes = classes;
        this.counts = counts;
        this.cells = cells;
        this.total = total;
    }

    /** Builds the matrix from the labelled items of {@code p}. */
    public static ConfusionMatrix of(Predictions p) {
        int k = p.classCount();
        List<List<List<Integer>>> lists = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            List<List<Integer>> row = new ArrayList<>();
            for (int q = 0; q < k; q++) row.add(new ArrayList<>());
            lists.add(row);
        }
        int total = 0;
        for (int i = 0; i < p.size(); i++) {
            if (!p.labelled(i)) continue;
            lists.get(p.trueLabels()[i]).get(p.predicted(i)).add(i);
            total++;
        }
        int[][] counts = new int[k][k];
        int[][][] cells = new int[k][k][];
        for (int t = 0; t < k; t++) {
            for (int q = 0; q < k; q++) {
                cells[t][q] = lists.get(t).get(q).stream().mapToInt(Integer::intValue).toArray();
                counts[t][q] = cells[t][q].length;
            }
        }
        return new ConfusionMatrix(p.classes(), counts, cells, total);
    }

    public List<String> classes() { return classes; }

    /** Items of true class {@code trueClass} predicted as {@code predictedClass}. */
    public int count(int trueClass, int predictedClass) { return counts[trueClass][predictedClass]; }

    /** Number of labelled items. */
    public int total() { return total; }

    /** Items whose true class is {@code trueClass} (the row sum, the class's support). */
    public int rowTotal(int trueClass) {
        int n = 0;
        for (int c : counts[trueClass]) n += c;
        return n;
    }

    /** Items predicted as {@code predictedClass} (the column sum). */
    public int columnTotal(int predictedClass) {
        int n = 0;
        for (int[] row : counts) n += row[predictedClass];
        return n;
    }

    /** Indices into the predictions of the items in one cell, ascending (a copy). */
    public int[] cellIndices(int trueClass, int predictedClass) { return cells[trueClass][predictedClass].clone(); }

    /** The counts as a new array, rows = true class. */
    public int[][] toArray() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) copy[i] = counts[i].clone();
        return copy;
    }
}
