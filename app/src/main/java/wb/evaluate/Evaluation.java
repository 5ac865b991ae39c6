package wb.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * Every metric of one set of predictions, computed once and shared by the confusion matrix view, the
 * prediction views, the per-class table, the CLI and the model card. Only labelled items count; with
 * none, the scalar metrics are NaN.
 *
 * @param rank5   fraction of items whose true class is among the top min(5, k) probabilities
 * @param logLoss mean -ln(p(true class)) with p clipped to [1e-15, 1 - 1e-15] as Kaggle does
 * @param macroF1 unweighted mean of the per-class F1 scores
 */
public record Evaluation(Predictions predictions, double accuracy, double rank5, double logLoss, ConfusionMatrix confusion,
                         List<ClassMetrics> perClass, double macroF1) {

    /** Kaggle's clipping bound for log loss, so one confident mistake costs ~34.5 instead of infinity. */
    public static final double EPSILON = 1e-15;

    public Evaluation {
        perClass = List.copyOf(perClass);
    }

    /** Evaluates {@code p}. */
    public static Evaluation of(Predictions p) {
        int k = p.classCount();
        int top = Math.min(5, k);
        int labelled = 0;
        int correct = 0;
        int inTop = 0;
        double loss = 0;
        for (int i = 0; i < p.size(); i++) {
            int t = p.trueLabels()[i];
            if (t < 0) continue;
            labelled++;
            float[] row = p.probabilities()[i];
            if (p.predicted(i) == t) correct++;
            // Rank of the true class = number of classes with a strictly higher probability, so ties favour it.
            int higher = 0;
            for (float q : row) if (q > row[t]) higher++;
            if (higher < top) inTop++;
            double pt = Math.min(Math.max(row[t], EPSILON), 1 - EPSILON);
            loss -= Math.log(pt);
        }
        ConfusionMatrix cm = ConfusionMatrix.of(p);
        List<ClassMetrics> perClass = new ArrayList<>();
        double f1Sum = 0;
        for (int c = 0; c < k; c++) {
            int tp = cm.count(c, c);
            int predictedAs = cm.columnTotal(c);
            int support = cm.rowTotal(c);
            double precision = predictedAs == 0 ? 0 : (double) tp / predictedAs;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(new ClassMetrics(p.classes().get(c), precision, recall, f1, support));
            f1Sum += f1;
        }
        double n = labelled == 0 ? Double.NaN : labelled;
        return new Evaluation(p, correct / n, inTop / n, loss / n, cm, perClass, labelled == 0 ? Double.NaN : f1Sum / k);
    }

    /** Number of labelled items the metrics are based on. */
    public int labelledCount() { return confusion.total(); }
}
