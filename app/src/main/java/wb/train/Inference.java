package wb.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.UserException;
import wb.dataset.Dataset;
import wb.dataset.ImageItem;
import wb.dataset.Split;
import wb.evaluate.Predictions;
import wb.imaging.Raster;
import wb.model.TrainedModel;

/** Runs a trained model over image files and returns {@link Predictions} for evaluation and export. */
public final class Inference {
    private Inference() { }

    /**
     * Predicts {@code files}; {@code labels} are class indices in the model's label order (-1 = unknown).
     * Files that cannot be decoded are left out and listed in {@code skipped}.
     */
    public static Predictions predict(TrainedModel model, List<Path> files, int[] labels, int batchSize, List<String> skipped,
                                      Progress progress, Cancellation cancel) {
        return predict(model, files, labels, batchSize, Tta.NONE, skipped, progress, cancel);
    }

    /** As above, averaging the probabilities over the test-time augmentation's views. */
    public static Predictions predict(TrainedModel model, List<Path> files, int[] labels, int batchSize, Tta tta, List<String> skipped,
                                      Progress progress, Cancellation cancel) {
        // Cache the prepared images when more passes (the other views) will read them again.
        ImageSource source = new ImageSource(files, labels, model.preprocessing(), null, tta == Tta.NONE ? 0 : TrainingSession.cacheBudget());
        var input = model.preprocessing().input();
        List<UnaryOperator<Raster>> views = tta.views(Tta.trainedFill(model.card().augmentation()), input.width(), input.height());
        // The first view is the image itself.
        float[][] probs = Predictor.predict(model.network(), source, batchSize, viewProgress(progress, 0, views.size()), cancel);
        for (int v = 1; v < views.size(); v++) {
            float[][] more = Predictor.predict(model.network(), source.view(views.get(v)), batchSize, viewProgress(progress, v, views.size()), cancel);
            for (int i = 0; i < probs.length; i++) {
                for (int c = 0; c < probs[i].length; c++) probs[i][c] += more[i][c];
            }
        }
        if (views.size() > 1) {
            float inv = 1f / views.size();
            for (float[] p : probs) {
                for (int c = 0; c < p.length; c++) p[c] *= inv;
            }
        }
        java.util.Set<Integer> bad = source.failedIndices();
        if (bad.isEmpty()) return new Predictions(model.card().labels(), files, labels, probs);
        skipped.addAll(source.failures());
        // Keep only the files that decoded: a zero tensor's prediction means nothing.
        List<Path> keptFiles = new ArrayList<>();
        List<float[]> keptProbs = new ArrayList<>();
        List<Integer> keptLabels = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (bad.contains(i)) continue;
            keptFiles.add(files.get(i));
            keptProbs.add(probs[i]);
            keptLabels.add(labels[i]);
        }
        return new Predictions(model.card().labels(), keptFiles, keptLabels.stream().mapToInt(Integer::intValue).toArray(),
                keptProbs.toArray(new float[0][]));
    }

    /** One progress bar over all views: view {@code v} of {@code n} covers the v-th n-th of it. */
    private static Progress viewProgress(Progress progress, int v, int n) {
        if (n == 1) return progress;
        String what = "predicting (view " + (v + 1) + " of " + n + ")";
        return (message, done, total) -> progress.update(what, total < 0 ? -1 : v * total + done, total < 0 ? -1 : n * total);
    }

    /** Predicts one split of a dataset, mapping its class names onto the model's labels. */
    public static Predictions predict(TrainedModel model, Dataset dataset, Split split, int batchSize, List<String> skipped,
                                      Progress progress, Cancellation cancel) {
        return predict(model, dataset, split, batchSize, Tta.NONE, skipped, progress, cancel);
    }

    /** One split of a dataset with test-time augmentation. */
    public static Predictions predict(TrainedModel model, Dataset dataset, Split split, int batchSize, Tta tta, List<String> skipped,
                                      Progress progress, Cancellation cancel) {
        List<String> labels = model.card().labels();
        List<ImageItem> items = dataset.items(split);
        if (items.isEmpty()) throw new UserException("the dataset " + dataset.root() + " has no " + split.name().toLowerCase(java.util.Locale.ROOT) + " images");
        List<String> unknown = items.stream().map(ImageItem::label).filter(l -> l != null && !labels.contains(l)).distinct().sorted().toList();
        if (!unknown.isEmpty()) {
            throw new UserException("the dataset has classes the model was not trained on: " + unknown + "; the model knows " + labels);
        }
        List<Path> files = items.stream().map(ImageItem::path).toList();
        int[] y = items.stream().mapToInt(i -> i.label() == null ? -1 : labels.indexOf(i.label())).toArray();
        return predict(model, files, y, batchSize, tta, skipped, progress, cancel);
    }
}
