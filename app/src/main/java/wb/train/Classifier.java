package wb.train;

import java.nio.file.Path;
import java.util.List;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.dataset.Dataset;
import wb.dataset.Split;
import wb.evaluate.Predictions;
import wb.model.ModelBundle;
import wb.model.ModelCard;
import wb.model.TrainedModel;

/**
 * A trained model as front ends see it: its card, and prediction over files or a dataset split. Hides the
 * DL4J network so that no engine object reaches the UI.
 */
public final class Classifier {
    private final TrainedModel model;
    private final Path bundleDir;

    private Classifier(TrainedModel model, Path bundleDir) {
        this.model = model;
        this.bundleDir = bundleDir;
    }

    /** Loads the bundle in {@code dir} (a run folder or a saved bundle). */
    public static Classifier load(Path dir) {
        return new Classifier(ModelBundle.load(dir, false), dir);
    }

    public ModelCard card() { return model.card(); }

    /** The card of the bundle in {@code dir}, without loading its network (fast; for checks before a load). */
    public static ModelCard readCard(Path dir) {
        return ModelBundle.readCard(dir);
    }

    /** The folder the model was loaded from. */
    public Path bundleDir() { return bundleDir; }

    /** Saves a copy of the bundle (network and card) to {@code dir}. */
    public void saveTo(Path dir) throws java.io.IOException {
        ModelBundle.save(model, dir, false);
    }

    /** Predicts files whose true labels are unknown; files that fail to decode are listed in {@code skipped}. */
    public Predictions predict(List<Path> files, List<String> skipped, Progress progress, Cancellation cancel) {
        return predict(files, Tta.NONE, skipped, progress, cancel);
    }

    /** As above, averaging over the views of a test-time augmentation. */
    public Predictions predict(List<Path> files, Tta tta, List<String> skipped, Progress progress, Cancellation cancel) {
        int[] unknown = new int[files.size()];
        java.util.Arrays.fill(unknown, -1);
        return Inference.predict(model, files, unknown, 256, tta, skipped, progress, cancel);
    }

    /** Predicts one split of a dataset with its true labels, ready for {@code Evaluation.of}. */
    public Predictions predict(Dataset dataset, Split split, List<String> skipped, Progress progress, Cancellation cancel) {
        return predict(dataset, split, Tta.NONE, skipped, progress, cancel);
    }

    /** As above, averaging over the views of a test-time augmentation. */
    public Predictions predict(Dataset dataset, Split split, Tta tta, List<String> skipped, Progress progress, Cancellation cancel) {
        return Inference.predict(model, dataset, split, 256, tta, skipped, progress, cancel);
    }
}
