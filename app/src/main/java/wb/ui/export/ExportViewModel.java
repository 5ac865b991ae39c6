package wb.ui.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import wb.common.AtomicFiles;
import wb.common.UserException;
import wb.dataset.Dataset;
import wb.evaluate.Evaluation;
import wb.evaluate.Predictions;
import wb.export.EvaluationReport;
import wb.export.KaggleSubmission;
import wb.export.SubmissionOptions;
import wb.export.WatchSheet;
import wb.imaging.ImageWriter;
import wb.imaging.Raster;
import wb.model.ModelBundle;
import wb.model.ModelCard;
import wb.train.Classifier;
import wb.train.Tta;
import wb.train.WatchCsvWriter;
import wb.train.WatchFrame;
import wb.ui.AppState;
import wb.ui.EnsembleRuns;
import wb.ui.support.Background;
import wb.ui.support.Errors;
import wb.ui.support.Fmt;
import wb.ui.support.ImageFiles;
import wb.ui.support.Job;

/**
 * The Export screen's state and commands: a Kaggle submission (test folder, optional sample submission, label or
 * probability columns, clipping, a live preview and its validation, an atomic write), saving and loading model
 * bundles, and reports (prediction-view sheets, training charts, the run's metrics.csv). Never touches a Node.
 */
public final class ExportViewModel {

    /** Rows shown in the preview table. */
    public static final int PREVIEW_ROWS = 20;

    private final AppState state;
    private final Background background;

    // ---- Kaggle ----
    private final ObjectProperty<Path> testFolder = new SimpleObjectProperty<>(this, "testFolder");
    private final ObjectProperty<Path> sampleSubmission = new SimpleObjectProperty<>(this, "sampleSubmission");
    private final BooleanProperty probabilities = new SimpleBooleanProperty(this, "probabilities");
    private final BooleanProperty clip = new SimpleBooleanProperty(this, "clip");
    /** Test-time augmentation for the test predictions. */
    private final ObjectProperty<Tta> tta =
            new SimpleObjectProperty<>(this, "tta", Tta.NONE);
    private final StringProperty clipLow = new SimpleStringProperty(this, "clipLow", "0.02");
    private final StringProperty clipHigh = new SimpleStringProperty(this, "clipHigh", "0.98");
    private final StringProperty idColumn = new SimpleStringProperty(this, "idColumn", "id");
    private final StringProperty labelColumn = new SimpleStringProperty(this, "labelColumn", "label");

    private final ReadOnlyObjectWrapper<SubmissionOptions> options = new ReadOnlyObjectWrapper<>(this, "options");
    private final ReadOnlyObjectWrapper<Predictions> testPredictions = new ReadOnlyObjectWrapper<>(this, "testPredictions");
    private final ReadOnlyBooleanWrapper predicting = new ReadOnlyBooleanWrapper(this, "predicting");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressMessage = new ReadOnlyStringWrapper(this, "progressMessage", "");
    private final ReadOnlyBooleanWrapper canPredict = new ReadOnlyBooleanWrapper(this, "canPredict");
    private final ReadOnlyStringWrapper predictHint = new ReadOnlyStringWrapper(this, "predictHint", "");
    // Read-only views are made once: JavaFX's unmodifiable wrapper observes its source weakly, so a wrapper made per
    // call could be collected together with the listeners a View added to it.
    private final ObservableList<String> previewHeader = FXCollections.observableArrayList();
    private final ObservableList<String> previewHeaderView = FXCollections.unmodifiableObservableList(previewHeader);
    private final ObservableList<List<String>> previewRows = FXCollections.observableArrayList();
    private final ObservableList<List<String>> previewRowsView = FXCollections.unmodifiableObservableList(previewRows);
    private final ReadOnlyIntegerWrapper totalRows = new ReadOnlyIntegerWrapper(this, "totalRows");
    private final ReadOnlyStringWrapper validation = new ReadOnlyStringWrapper(this, "validation", "");
    private final ReadOnlyStringWrapper validationKind = new ReadOnlyStringWrapper(this, "validationKind", "info");
    private final ReadOnlyBooleanWrapper canWrite = new ReadOnlyBooleanWrapper(this, "canWrite");
    private final ReadOnlyBooleanWrapper writing = new ReadOnlyBooleanWrapper(this, "writing");

    // ---- model ----
    private final ReadOnlyStringWrapper modelSummary = new ReadOnlyStringWrapper(this, "modelSummary", "");
    private final ReadOnlyBooleanWrapper modelBusy = new ReadOnlyBooleanWrapper(this, "modelBusy");
    private final ReadOnlyStringWrapper modelNotice = new ReadOnlyStringWrapper(this, "modelNotice", "");
    private final ReadOnlyStringWrapper modelNoticeKind = new ReadOnlyStringWrapper(this, "modelNoticeKind", "info");

    // ---- reports ----
    private final ReadOnlyBooleanWrapper canExportViews = new ReadOnlyBooleanWrapper(this, "canExportViews");
    private final ReadOnlyBooleanWrapper canExportMetrics = new ReadOnlyBooleanWrapper(this, "canExportMetrics");
    private final ReadOnlyBooleanWrapper canExportWatch = new ReadOnlyBooleanWrapper(this, "canExportWatch");
    private final ReadOnlyBooleanWrapper reportBusy = new ReadOnlyBooleanWrapper(this, "reportBusy");
    private final ReadOnlyStringWrapper reportNotice = new ReadOnlyStringWrapper(this, "reportNotice", "");
    private final ReadOnlyStringWrapper reportNoticeKind = new ReadOnlyStringWrapper(this, "reportNoticeKind", "info");
    private final ReadOnlyObjectWrapper<Path> lastExport = new ReadOnlyObjectWrapper<>(this, "lastExport");

    private Job predictJob;
    private long previewGeneration;
    private Path defaultTest;
    private Path defaultSample;

    public ExportViewModel(AppState state, Background background) {
        this.state = state;
        this.background = background;
        ChangeListener<Object> rebuild = (o, a, b) -> updateOptions();
        for (var p : List.of(sampleSubmission, probabilities, clip, clipLow, clipHigh, idColumn, labelColumn)) p.addListener(rebuild);
        testFolder.addListener((o, a, b) -> {
            testPredictions.set(null);
            updateAvailability();
        });
        testPredictions.addListener((o, a, b) -> updatePreview());
        state.modelProperty().addListener((o, a, b) -> {
            testPredictions.set(null);
            describeModel();
            updateAvailability();
        });
        // Predictions made by another set of models no longer match what Save would claim.
        state.ensemble().runs().addListener((ListChangeListener<Path>) c -> testPredictions.set(null));
        state.datasetProperty().addListener((o, a, b) -> applyDatasetDefaults(b));
        state.evaluationProperty().addListener((o, a, b) -> updateAvailability());
        applyDatasetDefaults(state.dataset());
        describeModel();
        updateOptions();
        updateAvailability();
    }

    // ---- Kaggle submission ----

    /** Predicts every image in the test folder with the current model; the preview follows. */
    public void predictTest() {
        if (!canPredict.get()) return;
        Classifier model = state.modelProperty().get();
        Path folder = testFolder.get();
        List<String> skipped = Collections.synchronizedList(new ArrayList<>());
        Tta views = tta.get() == null ? Tta.NONE : tta.get();
        List<Path> others = List.copyOf(state.ensemble().runs());
        predicting.set(true);
        updateAvailability();
        setValidation("info", others.isEmpty() ? "Predicting the test images…"
                : "Predicting the test images with an ensemble of " + Fmt.plural(others.size() + 1, "model", "models") + "…");
        predictJob = background.submit("Predicting the test images", (p, cancel) -> {
            List<Path> files = ImageFiles.collect(List.of(folder), p, cancel);
            if (files.isEmpty()) throw new UserException("no images in " + folder);
            return EnsembleRuns.predict(model, others, (member, skip, mp) -> member.predict(files, views, skip, mp, cancel), skipped, p, cancel);
        }, preds -> {
            endPredict();
            testPredictions.set(preds);
            if (!skipped.isEmpty()) {
                setValidation("warning", Fmt.plural(skipped.size(), "test file was", "test files were")
                        + " skipped because they could not be decoded; a submission without them may be rejected.");
            }
        }, e -> {
            endPredict();
            setValidation(Errors.isCancellation(e) ? "info" : "error", Errors.isCancellation(e) ? "Prediction cancelled." : Errors.message(e));
        });
        progress.bind(predictJob.progressProperty());
        progressMessage.bind(predictJob.messageProperty());
    }

    /** Uses predictions made elsewhere (ViewModel tests build them by hand instead of running a model). */
    void usePredictions(Predictions predictions) {
        testPredictions.set(predictions);
    }

    public void cancelPredict() {
        if (predictJob != null) predictJob.cancel();
    }

    private void endPredict() {
        progress.unbind();
        progressMessage.unbind();
        progress.set(0);
        progressMessage.set("");
        predictJob = null;
        predicting.set(false);
        updateAvailability();
    }

    /** Writes the submission to {@code csv} atomically, with the current options. */
    public void writeSubmission(Path csv) {
        if (!canWrite.get()) return;
        Predictions preds = testPredictions.get();
        SubmissionOptions opts = options.get();
        writing.set(true);
        updateWritable();
        background.submit("Writing " + csv.getFileName(), (p, c) -> {
            KaggleSubmission.write(csv, preds, opts);
            return csv;
        }, path -> {
            writing.set(false);
            updateWritable();
            setValidation("success", "Saved " + Fmt.plural(totalRows.get(), "row", "rows") + " to " + path + ".");
            lastExport.set(path);
            state.statusProperty().set("Saved the submission " + path.getFileName());
        }, e -> {
            writing.set(false);
            updateWritable();
            setValidation("error", Errors.message(e));
        });
    }

    /** Builds {@link SubmissionOptions} from the form; invalid clipping or names leave it null with a message. */
    private void updateOptions() {
        try {
            Double low = null;
            Double high = null;
            if (clip.get()) {
                low = number(clipLow.get(), "Clip low");
                high = number(clipHigh.get(), "Clip high");
            }
            options.set(new SubmissionOptions(probabilities.get(), low, high, sampleSubmission.get(), idColumn.get(), labelColumn.get()));
        } catch (IllegalArgumentException e) {
            options.set(null);
            previewRows.clear();
            setValidation("error", Errors.message(e));
            updateWritable();
            return;
        }
        updatePreview();
    }

    private static double number(String text, String name) {
        try {
            double v = Double.parseDouble(text == null ? "" : text.strip());
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number between 0 and 1, e.g. 0.02");
        }
    }

    /** Recomputes the rows in the background (the sample submission is read from disk); the latest request wins. */
    private void updatePreview() {
        Predictions preds = testPredictions.get();
        SubmissionOptions opts = options.get();
        long generation = ++previewGeneration;
        if (preds == null || opts == null) {
            previewHeader.clear();
            previewRows.clear();
            totalRows.set(0);
            if (opts != null && !predicting.get()) {
                setValidation("info", state.modelProperty().get() == null ? "" : "Predict the test images to preview the submission.");
            }
            updateWritable();
            return;
        }
        background.submit("Building the submission preview", (p, c) -> KaggleSubmission.rows(preds, opts),
                rows -> {
                    if (generation != previewGeneration) return;
                    previewHeader.setAll(Arrays.asList(rows.get(0)));
                    List<List<String>> first = new ArrayList<>();
                    for (String[] r : rows.subList(1, Math.min(rows.size(), PREVIEW_ROWS + 1))) first.add(List.of(r));
                    previewRows.setAll(first);
                    totalRows.set(rows.size() - 1);
                    setValidation("success", "Ready: " + Fmt.plural(rows.size() - 1, "row", "rows") + " with the columns "
                            + String.join(", ", rows.get(0)) + (opts.sampleSubmission() != null ? ", matching " + opts.sampleSubmission().getFileName() : "") + ".");
                    updateWritable();
                },
                e -> {
                    if (generation != previewGeneration) return;
                    previewHeader.clear();
                    previewRows.clear();
                    totalRows.set(0);
                    setValidation("error", Errors.message(e));
                    updateWritable();
                });
    }

    private void setValidation(String kind, String text) {
        validationKind.set(kind);
        validation.set(text);
    }

    private void updateWritable() {
        canWrite.set(!writing.get() && !predicting.get() && testPredictions.get() != null && options.get() != null && totalRows.get() > 0
                && !"error".equals(validationKind.get()));
    }

    private void applyDatasetDefaults(Dataset ds) {
        Path test = null;
        Path sample = null;
        if (ds != null) {
            Path t = ds.root().resolve("test");
            if (Files.isDirectory(t)) test = t;
            Path s = ds.root().resolve("sample_submission.csv");
            if (Files.isRegularFile(s)) sample = s;
        }
        // Only replace what the user has not changed by hand.
        if (testFolder.get() == null || testFolder.get().equals(defaultTest)) testFolder.set(test);
        if (sampleSubmission.get() == null || sampleSubmission.get().equals(defaultSample)) sampleSubmission.set(sample);
        defaultTest = test;
        defaultSample = sample;
    }

    // ---- model bundle ----

    /** Saves the current model as a bundle folder (model.zip + card.json); the folder must be new or a bundle. */
    public void saveModel(Path dir) {
        Classifier model = state.modelProperty().get();
        if (model == null || modelBusy.get()) return;
        modelBusy.set(true);
        background.submit("Saving the model", (p, c) -> {
            if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UserException(dir + " is a file; choose a name for a new folder");
            if (Files.isDirectory(dir) && !Files.exists(dir.resolve(ModelBundle.CARD_FILE)) && !isEmpty(dir)) {
                throw new UserException(dir + " already holds other files; choose a new folder name for the model");
            }
            model.saveTo(dir);
            return dir;
        }, d -> {
            modelBusy.set(false);
            modelNotice("success", "Saved the model to " + d + ".");
            lastExport.set(d);
        }, e -> {
            modelBusy.set(false);
            modelNotice("error", Errors.message(e));
        });
    }

    /** Loads a bundle (a run folder or a saved model) and makes it the current model. */
    public void loadModel(Path dir) {
        if (modelBusy.get()) return;
        modelBusy.set(true);
        background.submit("Loading the model", (p, c) -> Classifier.load(dir), model -> {
            modelBusy.set(false);
            state.modelProperty().set(model);
            modelNotice("success", "Loaded " + model.card().modelName() + " from " + dir + ".");
            state.statusProperty().set("Model loaded: " + model.card().modelName());
        }, e -> {
            modelBusy.set(false);
            modelNotice("error", Errors.message(e));
        });
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private void describeModel() {
        Classifier model = state.modelProperty().get();
        modelSummary.set(model == null ? "No model yet: train one on the Train screen or load a saved bundle." : summary(model.card(), model.bundleDir()));
    }

    /** "ShallowNet · 2 classes: cat, dog · input 1×16×16 · best epoch 2 · valid accuracy 91.2% · 16.8K parameters". */
    static String summary(ModelCard card, Path dir) {
        List<String> labels = card.labels();
        String names = labels.size() <= 6 ? String.join(", ", labels) : String.join(", ", labels.subList(0, 5)) + ", …";
        Object acc = card.metrics().get("validAccuracy");
        return card.modelName() + " · " + labels.size() + " classes: " + names
                + " · input " + card.channels() + "×" + card.height() + "×" + card.width()
                + (card.bestEpoch() > 0 ? " · best epoch " + card.bestEpoch() : "")
                + (acc instanceof Number n && Double.isFinite(n.doubleValue()) ? " · valid accuracy " + Fmt.percent(n.doubleValue()) : "")
                + " · " + Fmt.compact(card.parameters()) + " parameters"
                + (dir == null ? "" : "\n" + dir.toAbsolutePath());
    }

    private void modelNotice(String kind, String text) {
        modelNoticeKind.set(kind);
        modelNotice.set(text);
    }

    // ---- reports ----

    /**
     * Writes the current evaluation's report into {@code folder}, the same files as the command line's {@code evaluate}:
     * evaluation.json, confusion_matrix.csv, per_class.csv and the five prediction views as PNG sheets and CSV lists.
     */
    public void exportReport(Path folder) {
        Evaluation ev = state.evaluationProperty().get();
        if (ev == null || reportBusy.get()) return;
        Map<String, Object> about = state.evaluationAbout();
        reportBusy.set(true);
        background.submit("Writing the evaluation report", (p, cancel) -> EvaluationReport.write(ev, about, folder,
                        EvaluationReport.DEFAULT_PER_VIEW, EvaluationReport.DEFAULT_SEED, p, cancel),
                files -> reportDone(folder, "Saved the evaluation report (" + Fmt.plural(files.size(), "file", "files") + ": "
                        + (ev.labelledCount() > 0 ? "metrics, confusion matrix, per-class figures and the five prediction views"
                                : "the five prediction views; the images have no labels, so there are no metrics") + ") to " + folder + "."),
                this::reportFailed);
    }

    /** Writes chart images (taken by the View from the Train screen) as PNG files {@code <name>.png} in {@code folder}. */
    public void exportCharts(Path folder, Map<String, Raster> charts) {
        if (reportBusy.get()) return;
        if (charts.isEmpty()) {
            reportNotice("warning", "There are no training curves to export yet: train a model or show a run on the Train screen.");
            return;
        }
        reportBusy.set(true);
        background.submit("Writing the charts", (p, c) -> {
            for (Map.Entry<String, Raster> e : charts.entrySet()) ImageWriter.writePng(e.getValue(), folder.resolve(e.getKey() + ".png"));
            return folder;
        }, f -> reportDone(f, "Saved " + Fmt.plural(charts.size(), "chart", "charts") + " (" + String.join(", ", charts.keySet()) + ") to " + f + "."),
                this::reportFailed);
    }

    /** Copies the current model's run metrics (one row per epoch) to {@code target}. */
    public void exportMetrics(Path target) {
        Path source = metricsFile();
        if (source == null || reportBusy.get()) return;
        reportBusy.set(true);
        background.submit("Copying metrics.csv", (p, c) -> {
            byte[] bytes = Files.readAllBytes(source);
            AtomicFiles.write(target, out -> out.write(bytes));
            return target;
        }, t -> reportDone(t, "Saved the epoch metrics to " + t + "."), this::reportFailed);
    }

    /** Renders the current model's watched validation images, epoch by epoch, to {@code png} (the CLI's 'watch' verb). */
    public void exportWatchSheet(Path png) {
        Path source = watchFile();
        if (source == null || reportBusy.get()) return;
        reportBusy.set(true);
        background.submit("Drawing the watched images", (p, c) -> {
            List<WatchFrame> frames = WatchCsvWriter.read(source);
            if (frames.isEmpty()) throw new UserException(source + " holds no epochs yet");
            WatchSheet.writePng(frames, WatchSheet.DEFAULT_ROWS, 64, png);
            return png;
        }, t -> reportDone(t, "Saved the watched images, epoch by epoch, to " + t + "."), this::reportFailed);
    }

    /** The current model's run watch.csv, or null when it has none (loaded bundle, run without validation data). */
    public Path watchFile() {
        Classifier model = state.modelProperty().get();
        if (model == null) return null;
        Path f = model.bundleDir().resolve(WatchCsvWriter.FILE);
        return Files.isRegularFile(f) ? f : null;
    }

    /** The current model's metrics.csv, or null when the model was not loaded from a run folder. */
    public Path metricsFile() {
        Classifier model = state.modelProperty().get();
        if (model == null) return null;
        Path f = model.bundleDir().resolve("metrics.csv");
        return Files.isRegularFile(f) ? f : null;
    }

    private void reportDone(Path where, String message) {
        reportBusy.set(false);
        lastExport.set(where);
        reportNotice("success", message);
    }

    private void reportFailed(Throwable e) {
        reportBusy.set(false);
        reportNotice("error", Errors.message(e));
    }

    private void reportNotice(String kind, String text) {
        reportNoticeKind.set(kind);
        reportNotice.set(text);
    }

    private void updateAvailability() {
        Classifier model = state.modelProperty().get();
        String reason = null;
        if (predicting.get()) reason = "Predicting…";
        else if (model == null) reason = "Train or load a model first.";
        else if (testFolder.get() == null) reason = "Choose the folder of test images.";
        else if (!Files.isDirectory(testFolder.get())) reason = testFolder.get() + " is not a folder.";
        canPredict.set(reason == null);
        predictHint.set(reason != null ? reason : "Predicts every image in " + testFolder.get().getFileName() + " with " + model.card().modelName() + ".");
        canExportViews.set(state.evaluationProperty().get() != null);
        canExportMetrics.set(metricsFile() != null);
        canExportWatch.set(watchFile() != null);
        updateWritable();
    }

    // ---- properties ----

    public ObjectProperty<Path> testFolderProperty() { return testFolder; }
    public ObjectProperty<Path> sampleSubmissionProperty() { return sampleSubmission; }
    public BooleanProperty probabilitiesProperty() { return probabilities; }
    public BooleanProperty clipProperty() { return clip; }
    public ObjectProperty<Tta> ttaProperty() { return tta; }
    public StringProperty clipLowProperty() { return clipLow; }
    public StringProperty clipHighProperty() { return clipHigh; }
    public StringProperty idColumnProperty() { return idColumn; }
    public StringProperty labelColumnProperty() { return labelColumn; }
    public ReadOnlyObjectProperty<SubmissionOptions> optionsProperty() { return options.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Predictions> testPredictionsProperty() { return testPredictions.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty predictingProperty() { return predicting.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressMessageProperty() { return progressMessage.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canPredictProperty() { return canPredict.getReadOnlyProperty(); }
    public ReadOnlyStringProperty predictHintProperty() { return predictHint.getReadOnlyProperty(); }
    public ObservableList<String> previewHeader() { return previewHeaderView; }
    public ObservableList<List<String>> previewRows() { return previewRowsView; }
    public ReadOnlyIntegerProperty totalRowsProperty() { return totalRows.getReadOnlyProperty(); }
    public ReadOnlyStringProperty validationProperty() { return validation.getReadOnlyProperty(); }
    public ReadOnlyStringProperty validationKindProperty() { return validationKind.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canWriteProperty() { return canWrite.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty writingProperty() { return writing.getReadOnlyProperty(); }
    /** Adds another run's model to the ensemble the submission averages (shared with the Results screen). */
    public void addEnsembleRun(Path dir) {
        EnsembleRuns.Notice n = state.ensemble().add(dir);
        setValidation(n.kind(), n.added() ? "Predict the test images again to average " + n.message() : n.message());
    }

    /** Back to the current model alone. */
    public void clearEnsemble() {
        state.ensemble().clear();
    }

    public ObservableList<Path> ensembleRuns() { return state.ensemble().runs(); }

    public ReadOnlyStringProperty ensembleTextProperty() { return state.ensemble().textProperty(); }

    public ReadOnlyStringProperty modelSummaryProperty() { return modelSummary.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty modelBusyProperty() { return modelBusy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty modelNoticeProperty() { return modelNotice.getReadOnlyProperty(); }
    public ReadOnlyStringProperty modelNoticeKindProperty() { return modelNoticeKind.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canExportViewsProperty() { return canExportViews.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canExportMetricsProperty() { return canExportMetrics.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canExportWatchProperty() { return canExportWatch.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty reportBusyProperty() { return reportBusy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty reportNoticeProperty() { return reportNotice.getReadOnlyProperty(); }
    public ReadOnlyStringProperty reportNoticeKindProperty() { return reportNoticeKind.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Path> lastExportProperty() { return lastExport.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Classifier> modelProperty() { return state.modelProperty(); }
}
