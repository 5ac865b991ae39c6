package wb.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An ensemble's predictions: the average of several models' class probabilities for the same files (the
 * computer-vision book's ensembles of independently trained networks; Krizhevsky et al. averaged seven).
 * The members may list their classes in different orders (they are matched by name, in the first member's
 * order) and may have skipped different files (only files every member predicted are kept, in the first
 * member's order). They must know the same classes, and agree on the true label of every file.
 */
public final class Ensemble {
    private Ensemble() { }

    /** The element-wise mean of the members' probabilities. */
    public static Predictions average(List<Predictions> members) {
        if (members == null || members.isEmpty()) throw new IllegalArgumentException("an ensemble needs at least one member");
        Predictions first = members.get(0);
        if (members.size() == 1) return first;
        List<String> classes = first.classes();
        List<int[]> columnMaps = new ArrayList<>();
        List<Map<Path, Integer>> rowsByFile = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            Predictions p = members.get(m);
            if (!new HashSet<>(p.classes()).equals(new HashSet<>(classes)) || p.classCount() != classes.size()) {
                Set<String> missing = new TreeSet<>(classes);
                missing.removeAll(p.classes());
                Set<String> extra = new TreeSet<>(p.classes());
                extra.removeAll(classes);
                throw new IllegalArgumentException("model " + (m + 1) + " of the ensemble knows other classes than model 1"
                        + (missing.isEmpty() ? "" : "; it lacks " + missing) + (extra.isEmpty() ? "" : "; it adds " + extra)
                        + ": every member must be trained on the same classes");
            }
            int[] map = new int[classes.size()];
            for (int c = 0; c < classes.size(); c++) map[c] = p.classes().indexOf(classes.get(c));
            columnMaps.add(map);
            Map<Path, Integer> rows = new HashMap<>();
            for (int i = 0; i < p.size(); i++) rows.put(p.files().get(i), i);
            rowsByFile.add(rows);
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<float[]> probs = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            Path f = first.files().get(i);
            float[] sum = new float[classes.size()];
            boolean everywhere = true;
            for (int m = 0; m < members.size() && everywhere; m++) {
                Integer row = rowsByFile.get(m).get(f);
                if (row == null) {
                    everywhere = false;
                    break;
                }
                Predictions p = members.get(m);
                int[] map = columnMaps.get(m);
                int label = p.trueLabels()[row] < 0 ? -1 : classes.indexOf(p.classes().get(p.trueLabels()[row]));
                if (label != first.trueLabels()[i]) {
                    throw new IllegalArgumentException("model " + (m + 1) + " of the ensemble was given another true label for " + f);
                }
                float[] pr = p.probabilities()[row];
                for (int c = 0; c < sum.length; c++) sum[c] += pr[map[c]];
            }
            if (!everywhere) continue;
            for (int c = 0; c < sum.length; c++) sum[c] /= members.size();
            files.add(f);
            labels.add(first.trueLabels()[i]);
            probs.add(sum);
        }
        return new Predictions(classes, files, labels.stream().mapToInt(Integer::intValue).toArray(), probs.toArray(new float[0][]));
    }
}
