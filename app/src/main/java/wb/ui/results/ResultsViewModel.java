package wb.ui.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import wb.common.UserException;
import wb.dataset.Dataset;
import wb.dataset.ImageItem;
import wb.dataset.Split;
import wb.dataset.Splitter;
import wb.evaluate.ClassMetrics;
import wb.evaluate.ConfusionMatrix;
import wb.evaluate.Evaluation;
import wb.evaluate.PredictionView;
import wb.evaluate.PredictionViews;
import wb.evaluate.Predictions;
import wb.evaluate.ViewItem;
import wb.export.EvaluationReport;
import wb.model.ModelCard;
import wb.train.Classifier;
import wb.train.Tta;
import wb.ui.AppState;
import wb.ui.EnsembleRuns;
import wb.ui.support.Background;
import wb.ui.support.Errors;
import wb.ui.support.Fmt;
import wb.ui.support.ImageFiles;
import wb.ui.support.Job;

/**
 * The Results screen's state and commands: evaluate the current model on the validation or test images, the
 * metrics of that evaluation, the confusion matrix and the images behind a cell, the five prediction views, and
 * classifying dropped images. The evaluation lives in {@link AppState#evaluationProperty()} so that the Export
 * screen can use it. Never touches a Node.
 */
public final class ResultsViewModel {

    /** The images to evaluate on. */
    public enum EvalSplit {
        VALID("Validation set"), TEST("Test set");

        private final String label;

        EvalSplit(String label) { this.label = label; }

        public String label() { return label; }
    }

    /** What an evaluation runs on: a dataset, the split within it, and a sentence about any reconstruction. */
    public record Source(Dataset dataset, Split split, String note) { }

    /** A confusion-matrix cell. */
    public record Cell(int trueClass, int predictedClass) { }

    /** One class and its probability, for the top-5 list of a classified image. */
    public record ClassProbability(String label, double probability) { }

    /** A dropped image and the model's five most likely classes for it. */
    public record PredictedImage(Path file, List<ClassProbability> top) { }

    /** Most images a single drop classifies; more would take long and help little in a list. */
    static final int MAX_DROPPED = 5000;

    private final AppState state;
    private final Background background;

    private final ObjectProperty<EvalSplit> split = new SimpleObjectProperty<>(this, "split", EvalSplit.VALID);
    /** Test-time augmentation for the next evaluation. */
    private final ObjectProperty<Tta> tta = new SimpleObjectProperty<>(this, "tta", Tta.NONE);
    // Read-only views are made once: JavaFX's unmodifiable wrapper observes its source weakly, so a wrapper made per
    // call could be collected together with the listeners a View added to it.
    private final ObservableList<EvalSplit> availableSplits = FXCollections.observableArrayList();
    private final ObservableList<EvalSplit> availableSplitsView = FXCollections.unmodifiableObservableList(availableSplits);
    private final ReadOnlyBooleanWrapper canEvaluate = new ReadOnlyBooleanWrapper(this, "canEvaluate");
    private final ReadOnlyStringWrapper evaluateHint = new ReadOnlyStringWrapper(this, "evaluateHint", "");
    private final ReadOnlyBooleanWrapper evaluating = new ReadOnlyBooleanWrapper(this, "evaluating");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressMessage = new ReadOnlyStringWrapper(this, "progressMessage", "");
    private final ReadOnlyStringWrapper modelText = new ReadOnlyStringWrapper(this, "modelText", "");
    private final ReadOnlyStringWrapper evaluationTitle = new ReadOnlyStringWrapper(this, "evaluationTitle", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyStringWrapper noticeKind = new ReadOnlyStringWrapper(this, "noticeKind", "info");

    private final ReadOnlyStringWrapper accuracyText = new ReadOnlyStringWrapper(this, "accuracyText", Fmt.NONE);
    private final ReadOnlyStringWrapper logLossText = new ReadOnlyStringWrapper(this, "logLossText", Fmt.NONE);
    private final ReadOnlyStringWrapper rank1Text = new ReadOnlyStringWrapper(this, "rank1Text", Fmt.NONE);
    private final ReadOnlyStringWrapper rank5Text = new ReadOnlyStringWrapper(this, "rank5Text", Fmt.NONE);
    private final ReadOnlyStringWrapper macroF1Text = new ReadOnlyStringWrapper(this, "macroF1Text", Fmt.NONE);
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper(this, "countText", Fmt.NONE);
    private final ObservableList<ClassMetrics> perClass = FXCollections.observableArrayList();
    private final ObservableList<ClassMetrics> perClassView = FXCollections.unmodifiableObservableList(perClass);
    private final ReadOnlyObjectWrapper<ConfusionMatrix> confusion = new ReadOnlyObjectWrapper<>(this, "confusion");

    private final ReadOnlyObjectWrapper<Cell> selectedCell = new ReadOnlyObjectWrapper<>(this, "selectedCell");
    private final ObservableList<ViewItem> cellItems = FXCollections.observableArrayList();
    private final ObservableList<ViewItem> cellItemsView = FXCollections.unmodifiableObservableList(cellItems);
    private final ReadOnlyStringWrapper cellTitle = new ReadOnlyStringWrapper(this, "cellTitle", "");

    private final ObjectProperty<PredictionView> view = new SimpleObjectProperty<>(this, "view", PredictionView.MOST_CONFIDENT_INCORRECT);
    private final ObjectProperty<String> viewClass = new SimpleObjectProperty<>(this, "viewClass");
    private final IntegerProperty viewCount = new SimpleIntegerProperty(this, "viewCount", 24);
    private final ObservableList<String> classes = FXCollections.observableArrayList();
    private final ObservableList<String> classesView = FXCollections.unmodifiableObservableList(classes);
    private final ObservableList<ViewItem> viewItems = FXCollections.observableArrayList();
    private final ObservableList<ViewItem> viewItemsView = FXCollections.unmodifiableObservableList(viewItems);
    private final ReadOnlyStringWrapper viewTitle = new ReadOnlyStringWrapper(this, "viewTitle", "");
    private long viewSeed = 42;

    private final ObservableList<PredictedImage> predictions = FXCollections.observableArrayList();
    private final ObservableList<PredictedImage> predictionsView = FXCollections.unmodifiableObservableList(predictions);
    private final ReadOnlyBooleanWrapper predicting = new ReadOnlyBooleanWrapper(this, "predicting");
    private final ReadOnlyStringWrapper predictNotice = new ReadOnlyStringWrapper(this, "predictNotice", "");

    private Job evaluationJob;
    private Job predictionJob;
    /** The model the current evaluation belongs to: a new model makes it stale. */
    private Classifier evaluatedModel;

    public ResultsViewModel(AppState state, Background background) {
        this.state = state;
        this.background = background;
        state.modelProperty().addListener((o, a, model) -> {
            if (state.evaluationProperty().get() != null && model != evaluatedModel) state.evaluationProperty().set(null);
            updateAvailability();
        });
        state.datasetProperty().addListener((o, a, b) -> updateAvailability());
        state.verificationProperty().addListener((o, a, b) -> updateAvailability());
        state.evaluationProperty().addListener((o, a, ev) -> showEvaluation(ev));
        split.addListener((o, a, b) -> updateAvailability());
        view.addListener((o, a, b) -> updateView());
        viewClass.addListener((o, a, b) -> updateView());
        viewCount.addListener((o, a, b) -> updateView());
        updateAvailability();
        showEvaluation(state.evaluationProperty().get());
    }

    // ---- evaluation ----

    /** Predicts the chosen split with the current model and evaluates it (in the background). */
    public void evaluate() {
        if (!canEvaluate.get()) return;
        Classifier model = state.modelProperty().get();
        EvalSplit which = split.get();
        Source source;
        try {
            source = source(dataset(), which, model.card());
        } catch (UserException e) {
            notice("error", Errors.message(e));
            return;
        }
        List<String> skipped = Collections.synchronizedList(new ArrayList<>());
        Tta views = tta.get() == null ? Tta.NONE : tta.get();
        List<Path> others = List.copyOf(state.ensemble().runs());
        evaluating.set(true);
        updateAvailability();
        notice("info", "");
        evaluationJob = background.submit("Evaluating on the " + which.label().toLowerCase(java.util.Locale.ROOT),
                (p, cancel) -> Evaluation.of(EnsembleRuns.predict(model, others,
                        (member, skip, mp) -> member.predict(source.dataset(), source.split(), views, skip, mp, cancel), skipped, p, cancel)),
                ev -> {
                    finishJob();
                    evaluatedModel = model;
                    evaluationTitle.set(model.card().modelName() + EnsembleRuns.suffix(others)
                            + " on the " + which.label().toLowerCase(java.util.Locale.ROOT)
                            + (views == Tta.NONE ? "" : " with " + views.label().toLowerCase(java.util.Locale.ROOT))
                            + ": " + Fmt.plural(ev.predictions().size(), "image", "images")
                            + (ev.labelledCount() < ev.predictions().size() ? " (" + Fmt.count(ev.labelledCount()) + " labelled)" : ""));
                    List<Path> members = new ArrayList<>();
                    if (model.bundleDir() != null) members.add(model.bundleDir());
                    members.addAll(others);
                    state.setEvaluation(ev, EvaluationReport.about(model.card(), model.bundleDir(), source.split(), members, views));
                    StringBuilder n = new StringBuilder();
                    if (source.note() != null) n.append(source.note());
                    if (ev.labelledCount() == 0) {
                        n.append(n.length() > 0 ? " " : "").append("These images have no labels, so there are no metrics; "
                                + "the Most uncertain view and Predict still work.");
                    }
                    if (!skipped.isEmpty()) {
                        n.append(n.length() > 0 ? " " : "").append(Fmt.plural(skipped.size(), "file was", "files were"))
                                .append(" skipped because they could not be decoded.");
                    }
                    notice(ev.labelledCount() == 0 || !skipped.isEmpty() ? "warning" : "info", n.toString());
                    state.statusProperty().set("Evaluated " + model.card().modelName() + ": accuracy " + Fmt.percent(ev.accuracy()));
                },
                e -> {
                    finishJob();
                    if (Errors.isCancellation(e)) notice("info", "Evaluation cancelled.");
                    else notice("error", Errors.message(e));
                });
        progress.bind(evaluationJob.progressProperty());
        progressMessage.bind(evaluationJob.messageProperty());
    }

    // ---- ensemble ----

    /** Adds the model of another run to the ensemble (see {@link EnsembleRuns#add}); the notice says what happened. */
    public void addEnsembleRun(Path dir) {
        EnsembleRuns.Notice n = state.ensemble().add(dir);
        notice(n.kind(), n.added() ? "Evaluate to average " + n.message() : n.message());
    }

    /** Back to the current model alone. */
    public void clearEnsemble() {
        state.ensemble().clear();
    }

    public ObservableList<Path> ensembleRuns() { return state.ensemble().runs(); }

    public ReadOnlyStringProperty ensembleTextProperty() { return state.ensemble().textProperty(); }

    public void cancelEvaluation() {
        if (evaluationJob != null) evaluationJob.cancel();
    }

    private void finishJob() {
        progress.unbind();
        progressMessage.unbind();
        progress.set(0);
        progressMessage.set("");
        evaluationJob = null;
        evaluating.set(false);
        updateAvailability();
    }

    /**
     * What to evaluate. A dataset without a valid/ folder was split automatically for training (a stratified,
     * seeded hold-out of train); the same hold-out is rebuilt from the model card's seed and fraction, so that
     * "validation" means the images training did not learn from.
     */
    static Source source(Dataset ds, EvalSplit which, ModelCard card) {
        if (ds == null) throw new UserException("open a dataset on the Data screen first");
        if (which == EvalSplit.TEST) {
            if (ds.items(Split.TEST).isEmpty()) throw new UserException("the dataset has no test images (a test/ folder)");
            return new Source(ds, Split.TEST, null);
        }
        if (!ds.items(Split.VALID).isEmpty()) return new Source(ds, Split.VALID, null);
        List<ImageItem> train = ds.items(Split.TRAIN).stream().filter(ImageItem::labelled).toList();
        if (train.isEmpty()) throw new UserException("the dataset has neither validation nor labelled training images");
        double fraction = card.hyperparameters().get("validFraction") instanceof Number n ? n.doubleValue() : 0.2;
        Map<Split, List<ImageItem>> parts = Splitter.stratified(train, fraction, 0, card.seed());
        Map<Split, List<ImageItem>> splits = new EnumMap<>(Split.class);
        splits.put(Split.VALID, parts.get(Split.VALID));
        Dataset held = new Dataset(ds.root(), ds.layout(), ds.detection(), ds.classes(), splits, ds.hasSample(), ds.problems(), ds.ignoredJunk());
        return new Source(held, Split.VALID, String.format(java.util.Locale.ROOT,
                "The dataset has no valid/ folder: evaluated on the %d training images held out during training (%.0f%%, seed %d).",
                parts.get(Split.VALID).size(), fraction * 100, card.seed()));
    }

    private Dataset dataset() {
        return state.verification() != null ? state.verification().usable() : state.dataset();
    }

    private void updateAvailability() {
        Classifier model = state.modelProperty().get();
        modelText.set(model == null ? "No model yet" : "Model: " + model.card().modelName() + " · "
                + model.card().labels().size() + " classes · " + model.bundleDir().getFileName());
        Dataset ds = state.dataset();
        List<EvalSplit> avail = new ArrayList<>();
        if (ds != null) {
            if (!ds.items(Split.VALID).isEmpty() || ds.items(Split.TRAIN).stream().anyMatch(ImageItem::labelled)) avail.add(EvalSplit.VALID);
            if (!ds.items(Split.TEST).isEmpty()) avail.add(EvalSplit.TEST);
        }
        if (!availableSplits.equals(avail)) availableSplits.setAll(avail);
        if (!avail.isEmpty() && !avail.contains(split.get())) split.set(avail.get(0));
        String reason = null;
        if (evaluating.get()) reason = "An evaluation is running.";
        else if (model == null) reason = "Train a model on the Train screen, or load one on the Export screen.";
        else if (ds == null) reason = "Open a dataset on the Data screen.";
        else if (!avail.contains(split.get())) reason = "The dataset has no images for the " + split.get().label().toLowerCase(java.util.Locale.ROOT) + ".";
        canEvaluate.set(reason == null);
        evaluateHint.set(reason != null ? reason : "Predicts every image of the " + split.get().label().toLowerCase(java.util.Locale.ROOT)
                + " with " + model.card().modelName() + " and computes the metrics.");
    }

    private void showEvaluation(Evaluation ev) {
        selectedCell.set(null);
        cellItems.clear();
        cellTitle.set("");
        if (ev == null) {
            accuracyText.set(Fmt.NONE);
            logLossText.set(Fmt.NONE);
            rank1Text.set(Fmt.NONE);
            rank5Text.set(Fmt.NONE);
            macroF1Text.set(Fmt.NONE);
            countText.set(Fmt.NONE);
            perClass.clear();
            confusion.set(null);
            classes.clear();
            viewClass.set(null);
            viewItems.clear();
            viewTitle.set("");
            evaluationTitle.set("");
            return;
        }
        accuracyText.set(Fmt.percent(ev.accuracy()));
        logLossText.set(Fmt.decimal(ev.logLoss(), 4));
        rank1Text.set(Fmt.percent(ev.accuracy()));
        rank5Text.set(Fmt.percent(ev.rank5()));
        macroF1Text.set(Fmt.decimal(ev.macroF1(), 3));
        countText.set(Fmt.count(ev.predictions().size()));
        perClass.setAll(ev.perClass());
        confusion.set(ev.confusion());
        classes.setAll(ev.predictions().classes());
        if (viewClass.get() != null && !classes.contains(viewClass.get())) viewClass.set(null);
        if (evaluationTitle.get().isEmpty()) {
            evaluationTitle.set(Fmt.plural(ev.predictions().size(), "image", "images") + " evaluated");
        }
        updateView();
    }

    // ---- confusion matrix ----

    /** Shows exactly the images of one cell: true class {@code trueClass}, predicted as {@code predictedClass}. */
    public void selectCell(int trueClass, int predictedClass) {
        Evaluation ev = state.evaluationProperty().get();
        if (ev == null) return;
        ConfusionMatrix cm = ev.confusion();
        int k = cm.classes().size();
        if (trueClass < 0 || trueClass >= k || predictedClass < 0 || predictedClass >= k) return;
        Predictions p = ev.predictions();
        List<ViewItem> items = new ArrayList<>();
        for (int i : cm.cellIndices(trueClass, predictedClass)) {
            items.add(new ViewItem(i, p.files().get(i), p.classes().get(trueClass), p.classes().get(p.predicted(i)), p.confidence(i)));
        }
        selectedCell.set(new Cell(trueClass, predictedClass));
        cellItems.setAll(items);
        String t = cm.classes().get(trueClass);
        String q = cm.classes().get(predictedClass);
        cellTitle.set((trueClass == predictedClass ? "“" + t + "” predicted correctly: " : "True “" + t + "”, predicted “" + q + "”: ")
                + Fmt.plural(items.size(), "image", "images")
                + (cm.rowTotal(trueClass) > 0 ? " (" + Fmt.percent((double) items.size() / cm.rowTotal(trueClass)) + " of “" + t + "”)" : ""));
    }

    /** Each row divided by its total (the recall view of the matrix); rows without items are all zero. */
    public static double[][] rowNormalised(ConfusionMatrix cm) {
        int k = cm.classes().size();
        double[][] out = new double[k][k];
        for (int t = 0; t < k; t++) {
            int total = cm.rowTotal(t);
            if (total == 0) continue;
            for (int p = 0; p < k; p++) out[t][p] = (double) cm.count(t, p) / total;
        }
        return out;
    }

    // ---- prediction views ----

    /** A new random sample for the two random views. */
    public void reshuffle() {
        viewSeed++;
        updateView();
    }

    private void updateView() {
        Evaluation ev = state.evaluationProperty().get();
        if (ev == null || view.get() == null) {
            viewItems.clear();
            viewTitle.set("");
            return;
        }
        Integer classIndex = viewClass.get() == null ? null : ev.predictions().classes().indexOf(viewClass.get());
        if (classIndex != null && classIndex < 0) classIndex = null;
        List<ViewItem> items = PredictionViews.select(ev, view.get(), classIndex, Math.max(1, viewCount.get()), viewSeed);
        viewItems.setAll(items);
        viewTitle.set(viewName(view.get()) + (viewClass.get() == null ? "" : " · true class “" + viewClass.get() + "”") + ": "
                + (items.isEmpty() ? "no images" : Fmt.plural(items.size(), "image", "images")));
    }

    /** The fast.ai name of a view. */
    public static String viewName(PredictionView v) {
        return switch (v) {
            case RANDOM_CORRECT -> "Random correct";
            case RANDOM_INCORRECT -> "Random incorrect";
            case MOST_CONFIDENT_CORRECT -> "Most confident correct";
            case MOST_CONFIDENT_INCORRECT -> "Most confident incorrect";
            case MOST_UNCERTAIN -> "Most uncertain";
        };
    }

    // ---- predict dropped images ----

    /** Classifies the images among {@code paths} (files and folders) with the current model. */
    public void predict(List<Path> paths) {
        Classifier model = state.modelProperty().get();
        if (model == null) {
            predictNotice.set("Train or load a model first: there is nothing to classify with yet.");
            return;
        }
        if (predicting.get() || paths.isEmpty()) return;
        predicting.set(true);
        predictNotice.set("Classifying…");
        List<String> skipped = Collections.synchronizedList(new ArrayList<>());
        int[] found = {0};
        // The same models and views as the evaluation: the ensemble and the test-time augmentation chosen above.
        Tta views = tta.get() == null ? Tta.NONE : tta.get();
        List<Path> others = List.copyOf(state.ensemble().runs());
        predictionJob = background.submit("Classifying images", (p, cancel) -> {
            List<Path> all = ImageFiles.collect(paths, p, cancel);
            found[0] = all.size();
            if (all.isEmpty()) throw new UserException("no image files among the dropped items (looked for PNG, JPEG, BMP, TIFF, WebP, GIF, PGM/PPM)");
            List<Path> files = all.size() > MAX_DROPPED ? all.subList(0, MAX_DROPPED) : all;
            return topK(EnsembleRuns.predict(model, others, (member, skip, mp) -> member.predict(files, views, skip, mp, cancel), skipped, p, cancel), 5);
        }, rows -> {
            predicting.set(false);
            predictionJob = null;
            predictions.setAll(rows);
            predictNotice.set("Classified " + Fmt.plural(rows.size(), "image", "images") + " with " + model.card().modelName()
                    + EnsembleRuns.suffix(others) + (views == Tta.NONE ? "" : ", " + views.label().toLowerCase(java.util.Locale.ROOT)) + "."
                    + (found[0] > MAX_DROPPED ? " Only the first " + Fmt.count(MAX_DROPPED) + " of " + Fmt.count(found[0]) + " were classified." : "")
                    + (skipped.isEmpty() ? "" : " " + Fmt.plural(skipped.size(), "file was", "files were") + " skipped: it could not be decoded."));
        }, e -> {
            predicting.set(false);
            predictionJob = null;
            predictNotice.set(Errors.message(e));
        });
    }

    public void cancelPrediction() {
        if (predictionJob != null) predictionJob.cancel();
    }

    public void clearPredictions() {
        predictions.clear();
        predictNotice.set("");
    }

    /** The {@code k} most likely classes of every prediction, most likely first. */
    static List<PredictedImage> topK(Predictions p, int k) {
        List<PredictedImage> out = new ArrayList<>(p.size());
        int n = Math.min(k, p.classCount());
        for (int i = 0; i < p.size(); i++) {
            float[] row = p.probabilities()[i];
            Integer[] order = new Integer[row.length];
            for (int c = 0; c < row.length; c++) order[c] = c;
            java.util.Arrays.sort(order, (a, b) -> Float.compare(row[b], row[a]));
            List<ClassProbability> top = new ArrayList<>(n);
            for (int j = 0; j < n; j++) top.add(new ClassProbability(p.classes().get(order[j]), row[order[j]]));
            out.add(new PredictedImage(p.files().get(i), List.copyOf(top)));
        }
        return out;
    }

    private void notice(String kind, String text) {
        noticeKind.set(kind);
        notice.set(text);
    }

    // ---- properties ----

    public ObjectProperty<EvalSplit> splitProperty() { return split; }

    public ObjectProperty<Tta> ttaProperty() { return tta; }

    public ObservableList<EvalSplit> availableSplits() { return availableSplitsView; }
    public ReadOnlyBooleanProperty canEvaluateProperty() { return canEvaluate.getReadOnlyProperty(); }
    public ReadOnlyStringProperty evaluateHintProperty() { return evaluateHint.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty evaluatingProperty() { return evaluating.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressMessageProperty() { return progressMessage.getReadOnlyProperty(); }
    public ReadOnlyStringProperty modelTextProperty() { return modelText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty evaluationTitleProperty() { return evaluationTitle.getReadOnlyProperty(); }
    public ReadOnlyStringProperty noticeProperty() { return notice.getReadOnlyProperty(); }
    public ReadOnlyStringProperty noticeKindProperty() { return noticeKind.getReadOnlyProperty(); }
    public ReadOnlyStringProperty accuracyTextProperty() { return accuracyText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty logLossTextProperty() { return logLossText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty rank1TextProperty() { return rank1Text.getReadOnlyProperty(); }
    public ReadOnlyStringProperty rank5TextProperty() { return rank5Text.getReadOnlyProperty(); }
    public ReadOnlyStringProperty macroF1TextProperty() { return macroF1Text.getReadOnlyProperty(); }
    public ReadOnlyStringProperty countTextProperty() { return countText.getReadOnlyProperty(); }
    public ObservableList<ClassMetrics> perClass() { return perClassView; }
    public ReadOnlyObjectProperty<ConfusionMatrix> confusionProperty() { return confusion.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Cell> selectedCellProperty() { return selectedCell.getReadOnlyProperty(); }
    public ObservableList<ViewItem> cellItems() { return cellItemsView; }
    public ReadOnlyStringProperty cellTitleProperty() { return cellTitle.getReadOnlyProperty(); }
    public ObjectProperty<PredictionView> viewProperty() { return view; }
    public ObjectProperty<String> viewClassProperty() { return viewClass; }
    public IntegerProperty viewCountProperty() { return viewCount; }
    public ObservableList<String> classes() { return classesView; }
    public ObservableList<ViewItem> viewItems() { return viewItemsView; }
    public ReadOnlyStringProperty viewTitleProperty() { return viewTitle.getReadOnlyProperty(); }
    public ObservableList<PredictedImage> predictions() { return predictionsView; }
    public ReadOnlyBooleanProperty predictingProperty() { return predicting.getReadOnlyProperty(); }
    public ReadOnlyStringProperty predictNoticeProperty() { return predictNotice.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Evaluation> evaluationProperty() { return state.evaluationProperty(); }
}
