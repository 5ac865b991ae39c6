package wb.ui;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import wb.augment.AugmentConfig;
import wb.dataset.Dataset;
import wb.dataset.VerificationReport;
import wb.evaluate.Evaluation;
import wb.train.Classifier;
import wb.train.TrainConfig;

/**
 * What the screens share: the open dataset and its verification, the augmentation and training settings,
 * the current model, the runs ensembled with it, and its evaluation. Screens observe these properties instead of calling each other.
 * All properties are changed on the FX thread only.
 */
public final class AppState {

    private final ReadOnlyObjectWrapper<Path> datasetRoot = new ReadOnlyObjectWrapper<>(this, "datasetRoot");
    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>(this, "dataset");
    private final ReadOnlyObjectWrapper<VerificationReport> verification = new ReadOnlyObjectWrapper<>(this, "verification");
    private final ObjectProperty<AugmentConfig> augment = new SimpleObjectProperty<>(this, "augment", TrainConfig.defaults("fmnist-cnn").augment());
    private final ObjectProperty<TrainConfig> trainConfig = new SimpleObjectProperty<>(this, "trainConfig", TrainConfig.defaults("fmnist-cnn"));
    private final ObjectProperty<Classifier> model = new SimpleObjectProperty<>(this, "model");
    private final EnsembleRuns ensemble = new EnsembleRuns(model);
    private final ObjectProperty<Evaluation> evaluation = new SimpleObjectProperty<>(this, "evaluation");
    private Map<String, Object> evaluationAbout = Map.of();
    private Evaluation aboutEvaluation;
    private final ObjectProperty<Path> runsFolder = new SimpleObjectProperty<>(this, "runsFolder");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Ready");

    /** Background work that is not a JavaFX Service (thumbnails, montages): daemon threads, never the FX thread. */
    private final ExecutorService background = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "wb-background");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });

    public AppState(Path runsFolder) { this.runsFolder.set(runsFolder); }

    public ReadOnlyObjectProperty<Path> datasetRootProperty() { return datasetRoot.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Dataset> datasetProperty() { return dataset.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<VerificationReport> verificationProperty() { return verification.getReadOnlyProperty(); }

    /** Sets the open dataset (scanned) and, once available, its verification (null while it runs). */
    public void setDataset(Path root, Dataset scanned, VerificationReport report) {
        datasetRoot.set(root);
        dataset.set(scanned);
        verification.set(report);
    }

    public Dataset dataset() { return dataset.get(); }
    public VerificationReport verification() { return verification.get(); }

    public ObjectProperty<AugmentConfig> augmentProperty() { return augment; }
    public ObjectProperty<TrainConfig> trainConfigProperty() { return trainConfig; }
    public ObjectProperty<Classifier> modelProperty() { return model; }
    public ObjectProperty<Evaluation> evaluationProperty() { return evaluation; }

    /**
     * Sets the current evaluation with what it was of (model, split, test-time augmentation, ensemble: the fields that
     * open an evaluation report's {@code evaluation.json}, as the command line's {@code evaluate} writes them).
     */
    public void setEvaluation(Evaluation ev, Map<String, ?> about) {
        evaluationAbout = ev == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(about));
        aboutEvaluation = ev;
        evaluation.set(ev);
    }

    /** What the current evaluation was of: empty when there is none, or when it was set without saying. */
    public Map<String, Object> evaluationAbout() {
        Evaluation ev = evaluation.get();
        return ev != null && ev == aboutEvaluation ? evaluationAbout : Map.of();
    }

    /** Other runs joined to the current model (Results evaluates and Export predicts with all of them). */
    public EnsembleRuns ensemble() { return ensemble; }
    public ObjectProperty<Path> runsFolderProperty() { return runsFolder; }
    public StringProperty statusProperty() { return status; }

    public ExecutorService background() { return background; }
}
