package wb.ui.model;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import wb.augment.AugmentConfig;
import wb.common.UserException;
import wb.dataset.Dataset;
import wb.dataset.VerificationReport;
import wb.imaging.ResizePolicy;
import wb.common.Cancellation;
import wb.common.Progress;
import wb.model.InitWeights;
import wb.model.InputShape;
import wb.model.LayerInfo;
import wb.model.LrSchedule;
import wb.model.ModelRequest;
import wb.model.ModelSpec;
import wb.model.ModelZoo;
import wb.model.Networks;
import wb.model.Optimizer;
import wb.model.PretrainedWeights;
import wb.train.TrainConfig;
import wb.train.TransferConfig;
import wb.train.TransferPreview;
import wb.ui.AppState;
import wb.ui.support.Background;
import wb.ui.support.Errors;
import wb.ui.support.Fmt;

/**
 * The Model screen's state: the chosen architecture, the hyperparameter form as typed (strings, so that a
 * half-typed number is a validation message and not an exception), the {@link TrainConfig} it builds, and the
 * layer table of the architecture for the open dataset. Never touches a Node.
 */
public final class ModelViewModel {

    /** Form fields, so that the View can mark the one a validation message is about. */
    public enum Field { MODEL, EPOCHS, BATCH_SIZE, LEARNING_RATE, MOMENTUM, SCHEDULE, L2, DROPOUT, PATIENCE, SEED, INPUT_SIZE, VALID_FRACTION, LABEL_SMOOTHING,
        WEIGHT_AVERAGE, WEIGHTS, FREEZE, HEAD_UNITS, HEAD_DROPOUT, WARMUP, UNFREEZE, FINE_TUNE_LR }

    /** Where training starts: random initialisation, the architecture's ImageNet weights, or a weights file. */
    public enum StartFrom {
        NONE("None (train from scratch)"), IMAGENET("ImageNet weights"), FILE("Weights file…");

        private final String label;

        StartFrom(String label) { this.label = label; }

        @Override public String toString() { return label; }
    }

    /** Builds the layer table of a transfer configuration (a pretrained body with its new head); slow, runs off the FX thread. */
    @FunctionalInterface
    public interface TransferPreviewer {
        TransferPreview.Table preview(String modelId, TransferConfig transfer, Integer size, int classes, Progress progress, Cancellation cancel);
    }

    /** The network a transfer configuration trains; a new key means a new table. */
    private record TransferKey(String modelId, Integer size, int classes, TransferConfig transfer) { }

    /** The number of classes and channels that parameter counts and layer tables are computed for. */
    public record Target(int numClasses, int channels, String description) {
        /** The network input for {@code spec} at {@code size} (null = the architecture's default size). */
        public InputShape input(ModelSpec spec, Integer size) {
            int c = channels == 1 ? 1 : channels == 3 ? 3 : spec.defaultInput().channels();
            int h = size == null ? spec.defaultInput().height() : size;
            int w = size == null ? spec.defaultInput().width() : size;
            return new InputShape(c, h, w);
        }
    }

    /** Everything the layer table depends on; a new key means a new table. */
    private record ArchKey(String modelId, InputShape input, int classes, double dropout, boolean batchNorm) { }

    private static final class FieldError extends Exception {
        final Field field;

        FieldError(Field field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private final AppState state;
    private final Background background;
    private final ObservableList<ModelSpec> models;

    private final ObjectProperty<ModelSpec> selectedModel = new SimpleObjectProperty<>(this, "selectedModel");
    private final StringProperty epochs = new SimpleStringProperty(this, "epochs", "");
    private final StringProperty batchSize = new SimpleStringProperty(this, "batchSize", "");
    private final ObjectProperty<Optimizer> optimizer = new SimpleObjectProperty<>(this, "optimizer", Optimizer.ADAM);
    private final StringProperty learningRate = new SimpleStringProperty(this, "learningRate", "");
    private final StringProperty momentum = new SimpleStringProperty(this, "momentum", "");
    private final ObjectProperty<LrSchedule.Kind> scheduleKind = new SimpleObjectProperty<>(this, "scheduleKind", LrSchedule.Kind.CONSTANT);
    private final StringProperty stepEpochs = new SimpleStringProperty(this, "stepEpochs", "10");
    private final StringProperty stepFactor = new SimpleStringProperty(this, "stepFactor", "0.1");
    private final StringProperty polyPower = new SimpleStringProperty(this, "polyPower", "2");
    private final StringProperty l2 = new SimpleStringProperty(this, "l2", "");
    private final StringProperty labelSmoothing = new SimpleStringProperty(this, "labelSmoothing", "");
    private final StringProperty weightAverage = new SimpleStringProperty(this, "weightAverage", "");
    private final StringProperty dropout = new SimpleStringProperty(this, "dropout", "");
    private final BooleanProperty batchNorm = new SimpleBooleanProperty(this, "batchNorm", true);
    private final StringProperty patience = new SimpleStringProperty(this, "patience", "");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "");
    private final StringProperty inputSize = new SimpleStringProperty(this, "inputSize", "");
    private final ObjectProperty<ResizePolicy> resize = new SimpleObjectProperty<>(this, "resize", ResizePolicy.SQUASH);
    private final StringProperty validFraction = new SimpleStringProperty(this, "validFraction", "");

    private final ObjectProperty<StartFrom> startFrom = new SimpleObjectProperty<>(this, "startFrom", StartFrom.NONE);
    private final ObjectProperty<Path> weightsFile = new SimpleObjectProperty<>(this, "weightsFile");
    private final ObjectProperty<String> freezeTo = new SimpleObjectProperty<>(this, "freezeTo");
    private final ObjectProperty<String> unfreezeTo = new SimpleObjectProperty<>(this, "unfreezeTo");
    private final StringProperty warmupEpochs = new SimpleStringProperty(this, "warmupEpochs", "0");
    private final StringProperty fineTuneLrFactor = new SimpleStringProperty(this, "fineTuneLrFactor", "0.1");
    private final StringProperty headUnits = new SimpleStringProperty(this, "headUnits", "256");
    private final StringProperty headDropout = new SimpleStringProperty(this, "headDropout", "0.5");
    private final BooleanProperty headBatchNorm = new SimpleBooleanProperty(this, "headBatchNorm", false);
    private final ReadOnlyBooleanWrapper transferEnabled = new ReadOnlyBooleanWrapper(this, "transferEnabled");
    private final ReadOnlyBooleanWrapper imagenetAvailable = new ReadOnlyBooleanWrapper(this, "imagenetAvailable");
    private final ReadOnlyStringWrapper transferNote = new ReadOnlyStringWrapper(this, "transferNote", "");
    private final ObservableList<String> layerChoices = FXCollections.observableArrayList();
    private final ObservableList<String> layerChoicesView = FXCollections.unmodifiableObservableList(layerChoices);
    private final ObservableList<String> fineTuneFrozen = FXCollections.observableArrayList();
    private final ObservableList<String> fineTuneFrozenView = FXCollections.unmodifiableObservableList(fineTuneFrozen);

    private final ReadOnlyObjectWrapper<TrainConfig> config = new ReadOnlyObjectWrapper<>(this, "config");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<Field> errorField = new ReadOnlyObjectWrapper<>(this, "errorField");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(this, "canApply");
    private final ReadOnlyBooleanWrapper momentumApplicable = new ReadOnlyBooleanWrapper(this, "momentumApplicable");
    private final ReadOnlyBooleanWrapper regularisationConfigurable = new ReadOnlyBooleanWrapper(this, "regularisationConfigurable");
    private final ReadOnlyBooleanWrapper inputSizeEditable = new ReadOnlyBooleanWrapper(this, "inputSizeEditable", true);
    private final ReadOnlyStringWrapper inputSizeHint = new ReadOnlyStringWrapper(this, "inputSizeHint", "");
    private final ReadOnlyStringWrapper dropoutHint = new ReadOnlyStringWrapper(this, "dropoutHint", "");
    private final ReadOnlyStringWrapper targetDescription = new ReadOnlyStringWrapper(this, "targetDescription", "");
    private final ReadOnlyObjectWrapper<Target> target = new ReadOnlyObjectWrapper<>(this, "target");

    private final ObservableMap<String, Long> parameterCounts = FXCollections.observableHashMap();
    private final ObservableMap<String, Long> parameterCountsView = FXCollections.unmodifiableObservableMap(parameterCounts);
    private final Map<String, Long> countCache = new HashMap<>();
    private final ObservableList<LayerInfo> layers = FXCollections.observableArrayList();
    private final ObservableList<LayerInfo> layersView = FXCollections.unmodifiableObservableList(layers);
    private final ReadOnlyBooleanWrapper layersBusy = new ReadOnlyBooleanWrapper(this, "layersBusy");
    private final ReadOnlyStringWrapper layersSummary = new ReadOnlyStringWrapper(this, "layersSummary", "");
    private final ReadOnlyStringWrapper architectureError = new ReadOnlyStringWrapper(this, "architectureError", "");

    private final TransferPreviewer previewer;
    private Object shownKey;
    /** Written on the FX thread, read by background work to skip tables nobody will see. */
    private volatile long layerGeneration;
    private boolean loading;

    public ModelViewModel(AppState state, Background background) {
        this(state, background, ModelZoo.standard());
    }

    public ModelViewModel(AppState state, Background background, ModelZoo zoo) {
        this(state, background, zoo, TransferPreview::afterSurgery);
    }

    /** @param previewer builds transfer layer tables (tests pass a fake: the real one loads the pretrained weights) */
    public ModelViewModel(AppState state, Background background, ModelZoo zoo, TransferPreviewer previewer) {
        this.state = state;
        this.previewer = previewer;
        this.background = background;
        this.models = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(zoo.all()));

        // Before the revalidating listeners, so that validation sees the transfer state of the new choice.
        startFrom.addListener((o, a, b) -> describeTransfer());
        selectedModel.addListener((o, a, b) -> {
            if (loading) return;
            // Layer names belong to one architecture.
            freezeTo.set(null);
            unfreezeTo.set(null);
            warmupEpochs.set("0");
            layerChoices.clear();
        });
        ChangeListener<Object> revalidate = (o, a, b) -> {
            if (!loading) revalidate();
        };
        for (var p : List.of(selectedModel, epochs, batchSize, optimizer, learningRate, momentum, scheduleKind, stepEpochs,
                stepFactor, polyPower, l2, labelSmoothing, weightAverage, dropout, batchNorm, patience, seed, inputSize, resize, validFraction, startFrom, weightsFile,
                freezeTo, unfreezeTo, warmupEpochs, fineTuneLrFactor, headUnits, headDropout, headBatchNorm)) {
            p.addListener(revalidate);
        }
        selectedModel.addListener((o, a, b) -> describeSelection());
        optimizer.addListener((o, a, b) -> momentumApplicable.set(b == Optimizer.MOMENTUM || b == Optimizer.NESTEROV));
        state.augmentProperty().addListener(revalidate);
        state.trainConfigProperty().addListener((o, oldApplied, newApplied) -> {
            // Follow changes made elsewhere unless the user has unapplied edits of their own.
            if (sameSettings(config.get(), oldApplied) && newApplied != null) load(newApplied);
            else updateDirty();
        });
        state.verificationProperty().addListener((o, a, b) -> refreshTarget());
        state.datasetProperty().addListener((o, a, b) -> refreshTarget());

        refreshTarget();
        load(state.trainConfigProperty().get() != null ? state.trainConfigProperty().get() : TrainConfig.defaults("fmnist-cnn"));
    }

    // ---- commands ----

    /** Writes the form's configuration to the shared state, where the Train screen picks it up. */
    public void apply() {
        if (canApply.get()) state.trainConfigProperty().set(config.get());
    }

    /** Discards edits: the form shows the applied configuration again. */
    public void revert() {
        load(state.trainConfigProperty().get());
    }

    /** The recommended recipe for the selected architecture. */
    public void restoreDefaults() {
        ModelSpec spec = selectedModel.get();
        load(TrainConfig.defaults(spec == null ? "fmnist-cnn" : spec.id()));
    }

    /** Fills the form from a configuration. */
    public void load(TrainConfig c) {
        loading = true;
        try {
            ModelSpec spec;
            try {
                spec = ModelZoo.standard().get(c.modelId());
            } catch (UserException e) {
                spec = models.isEmpty() ? null : models.get(0);
            }
            selectedModel.set(spec);
            epochs.set(Integer.toString(c.epochs()));
            batchSize.set(Integer.toString(c.batchSize()));
            optimizer.set(c.optimizer());
            learningRate.set(Fmt.plain(c.learningRate()));
            momentum.set(Fmt.plain(c.momentum()));
            LrSchedule s = c.schedule();
            scheduleKind.set(s.kind() == LrSchedule.Kind.POLY && s.power() == 1.0 ? LrSchedule.Kind.POLY : s.kind());
            if (s.kind() == LrSchedule.Kind.STEP) {
                stepEpochs.set(Integer.toString(s.stepEpochs()));
                stepFactor.set(Fmt.plain(s.factor()));
            }
            if (s.kind() == LrSchedule.Kind.POLY) polyPower.set(Fmt.plain(s.power()));
            l2.set(Fmt.plain(c.l2()));
            labelSmoothing.set(Fmt.plain(c.labelSmoothing()));
            weightAverage.set(Fmt.plain(c.weightAverage()));
            dropout.set(c.dropout() == null ? "" : Fmt.plain(c.dropout()));
            batchNorm.set(c.batchNorm());
            patience.set(Integer.toString(c.patience()));
            seed.set(Long.toString(c.seed()));
            inputSize.set(c.inputSize() == null ? "" : Integer.toString(c.inputSize()));
            resize.set(c.resize());
            validFraction.set(Fmt.plain(c.validFraction()));
            loadTransfer(c.transfer());
        } finally {
            loading = false;
        }
        describeSelection();
        revalidate();
    }

    private void loadTransfer(TransferConfig t) {
        TransferConfig d = t != null ? t : TransferConfig.defaults(InitWeights.imagenet());
        startFrom.set(t == null ? StartFrom.NONE : t.weights().kind() == InitWeights.Kind.FILE ? StartFrom.FILE : StartFrom.IMAGENET);
        weightsFile.set(t != null && t.weights().kind() == InitWeights.Kind.FILE ? t.weights().file() : null);
        freezeTo.set(d.freezeTo());
        unfreezeTo.set(d.unfreezeTo());
        warmupEpochs.set(Integer.toString(d.warmupEpochs()));
        fineTuneLrFactor.set(Fmt.plain(d.fineTuneLrFactor()));
        headUnits.set(Integer.toString(d.headUnits()));
        headDropout.set(Fmt.plain(d.headDropout()));
        headBatchNorm.set(d.headBatchNorm());
    }

    // ---- validation ----

    private void revalidate() {
        try {
            TrainConfig c = build();
            config.set(c);
            error.set("");
            errorField.set(null);
        } catch (FieldError e) {
            config.set(null);
            error.set(e.getMessage());
            errorField.set(e.field);
        }
        updateDirty();
        updateLayers();
    }

    private TrainConfig build() throws FieldError {
        ModelSpec spec = selectedModel.get();
        if (spec == null) throw new FieldError(Field.MODEL, "Choose an architecture from the list.");
        int ep = parseInt(epochs, Field.EPOCHS, "Epochs", "10");
        int batch = parseInt(batchSize, Field.BATCH_SIZE, "Batch size", "64");
        double lr = parseDouble(learningRate, Field.LEARNING_RATE, "Learning rate", "0.001");
        double mom = momentum.get() == null || momentum.get().isBlank() ? 0.9 : parseDouble(momentum, Field.MOMENTUM, "Momentum", "0.9");
        LrSchedule schedule = schedule();
        double weightDecay = l2.get() == null || l2.get().isBlank() ? 0 : parseDouble(l2, Field.L2, "L2", "0.0005");
        Double drop = dropout.get() == null || dropout.get().isBlank() ? null : parseDouble(dropout, Field.DROPOUT, "Dropout", "0.5");
        int pat = patience.get() == null || patience.get().isBlank() ? 0 : parseInt(patience, Field.PATIENCE, "Patience", "5");
        long sd = parseLong(seed, Field.SEED, "Seed", "42");
        Integer size = inputSize.get() == null || inputSize.get().isBlank() ? null : parseInt(inputSize, Field.INPUT_SIZE, "Input size", "32");
        double vf = parseDouble(validFraction, Field.VALID_FRACTION, "Validation fraction", "0.2");
        double smoothing = labelSmoothing.get() == null || labelSmoothing.get().isBlank() ? 0
                : parseDouble(labelSmoothing, Field.LABEL_SMOOTHING, "Label smoothing", "0.1");
        double averaging = weightAverage.get() == null || weightAverage.get().isBlank() ? 0
                : parseDouble(weightAverage, Field.WEIGHT_AVERAGE, "Weight averaging", "0.9998");
        TrainConfig c;
        try {
            c = new TrainConfig(spec.id(), ep, batch, optimizer.get(), lr, mom, schedule, weightDecay, drop, batchNorm.get(), pat, sd,
                    state.augmentProperty().get(), resize.get(), size, vf, null, smoothing, averaging);
        } catch (IllegalArgumentException e) {
            throw new FieldError(fieldOf(e.getMessage()), sentence(e.getMessage()));
        }
        TransferConfig transfer = transfer(spec);
        if (transfer != null) {
            try {
                c = c.withTransfer(transfer);
            } catch (IllegalArgumentException e) {
                throw new FieldError(Field.WARMUP, sentence(e.getMessage()));
            }
        }
        if (size != null) {
            int h = spec.defaultInput().height();
            if (spec.fixedInputSize() && size != h) {
                throw new FieldError(Field.INPUT_SIZE, spec.displayName() + " needs " + spec.defaultInput().width() + "×" + h
                        + " input: leave the size empty or enter " + h + ".");
            }
            if (size < spec.minInputSize()) {
                throw new FieldError(Field.INPUT_SIZE, spec.displayName() + " needs input of at least " + spec.minInputSize() + " px, not " + size + ".");
            }
        }
        return c;
    }

    /** The transfer settings as typed, or null when training from scratch. */
    private TransferConfig transfer(ModelSpec spec) throws FieldError {
        StartFrom from = startFrom.get() == null ? StartFrom.NONE : startFrom.get();
        InitWeights weights = switch (from) {
            case NONE -> null;
            case IMAGENET -> {
                if (spec.imagenetWeights().isEmpty()) {
                    throw new FieldError(Field.WEIGHTS, "No ImageNet weights are published for " + spec.displayName()
                            + ": start from scratch, choose a weights file, or pick an architecture with ImageNet weights.");
                }
                yield InitWeights.imagenet();
            }
            case FILE -> {
                if (weightsFile.get() == null) {
                    throw new FieldError(Field.WEIGHTS, "Choose a weights file: a DL4J model zip, a Keras .h5 file or a run folder.");
                }
                yield InitWeights.file(weightsFile.get());
            }
        };
        if (weights == null) return null;
        int units = parseInt(headUnits, Field.HEAD_UNITS, "Head units", "256");
        double headDrop = parseDouble(headDropout, Field.HEAD_DROPOUT, "Head dropout", "0.5");
        int warmup = warmupEpochs.get() == null || warmupEpochs.get().isBlank() ? 0 : parseInt(warmupEpochs, Field.WARMUP, "Warm-up epochs", "2");
        double factor = parseDouble(fineTuneLrFactor, Field.FINE_TUNE_LR, "Fine-tune LR factor", "0.1");
        if (warmup > 0 && (unfreezeTo.get() == null || unfreezeTo.get().isBlank())) {
            throw new FieldError(Field.UNFREEZE, "Warm-up epochs need a layer to unfreeze from: choose \"Unfreeze from\", or set warm-up epochs to 0.");
        }
        try {
            return new TransferConfig(weights, null, freezeTo.get(), units, headDrop, headBatchNorm.get(), warmup, unfreezeTo.get(), factor);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage().toLowerCase(Locale.ROOT);
            Field f = m.contains("warm-up") ? Field.WARMUP : m.contains("learning-rate factor") ? Field.FINE_TUNE_LR
                    : m.contains("dropout") ? Field.HEAD_DROPOUT : Field.HEAD_UNITS;
            throw new FieldError(f, sentence(e.getMessage()));
        }
    }

    private LrSchedule schedule() throws FieldError {
        LrSchedule.Kind kind = scheduleKind.get() == null ? LrSchedule.Kind.CONSTANT : scheduleKind.get();
        try {
            return switch (kind) {
                case CONSTANT -> LrSchedule.constant();
                case COSINE -> LrSchedule.cosine();
                case ONE_CYCLE -> LrSchedule.oneCycle();
                case STEP -> LrSchedule.step(parseInt(stepEpochs, Field.SCHEDULE, "Step every (epochs)", "10"),
                        parseDouble(stepFactor, Field.SCHEDULE, "Step factor", "0.1"));
                case POLY -> LrSchedule.poly(parseDouble(polyPower, Field.SCHEDULE, "Polynomial power", "2"));
            };
        } catch (IllegalArgumentException e) {
            throw new FieldError(Field.SCHEDULE, sentence(e.getMessage()));
        }
    }

    private static int parseInt(StringProperty p, Field f, String name, String example) throws FieldError {
        long v = parseLong(p, f, name, example);
        if (v != (int) v) throw new FieldError(f, name + " is too large, e.g. " + example + ".");
        return (int) v;
    }

    private static long parseLong(StringProperty p, Field f, String name, String example) throws FieldError {
        String s = p.get() == null ? "" : p.get().strip().replace("_", "");
        if (s.isEmpty()) throw new FieldError(f, name + " is required, e.g. " + example + ".");
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new FieldError(f, name + " must be a whole number, e.g. " + example + ", not \"" + p.get().strip() + "\".");
        }
    }

    private static double parseDouble(StringProperty p, Field f, String name, String example) throws FieldError {
        String s = p.get() == null ? "" : p.get().strip();
        if (s.isEmpty()) throw new FieldError(f, name + " is required, e.g. " + example + ".");
        try {
            double v = Double.parseDouble(s.replace(',', '.'));
            // parseDouble accepts "NaN" and "Infinity"; no hyperparameter means either.
            if (!Double.isFinite(v) || s.matches("(?i).*[a-df-z].*")) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new FieldError(f, name + " must be a number, e.g. " + example + ", not \"" + s + "\".");
        }
    }

    /** Maps TrainConfig's constructor messages to the field they are about. */
    static Field fieldOf(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.startsWith("epochs")) return Field.EPOCHS;
        if (m.startsWith("batch size")) return Field.BATCH_SIZE;
        if (m.startsWith("learning rate")) return Field.LEARNING_RATE;
        if (m.startsWith("momentum")) return Field.MOMENTUM;
        if (m.startsWith("l2")) return Field.L2;
        if (m.startsWith("dropout")) return Field.DROPOUT;
        if (m.startsWith("patience")) return Field.PATIENCE;
        if (m.startsWith("input size")) return Field.INPUT_SIZE;
        if (m.startsWith("validation fraction")) return Field.VALID_FRACTION;
        if (m.startsWith("label smoothing")) return Field.LABEL_SMOOTHING;
        if (m.startsWith("weight averaging")) return Field.WEIGHT_AVERAGE;
        if (m.contains("schedule")) return Field.SCHEDULE;
        return Field.MODEL;
    }

    private static String sentence(String m) {
        if (m == null || m.isEmpty()) return "Invalid settings.";
        String s = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    /**
     * Equal apart from augmentation: the Augment screen owns it (the form always carries its current value and the
     * Train screen uses the current value when a run starts), so it never makes the form "unapplied".
     */
    static boolean sameSettings(TrainConfig a, TrainConfig b) {
        if (a == null || b == null) return a == b;
        return Objects.equals(withAugment(a, AugmentConfig.none()), withAugment(b, AugmentConfig.none()));
    }

    static TrainConfig withAugment(TrainConfig c, AugmentConfig a) {
        return c.withAugment(a);
    }

    private void updateDirty() {
        dirty.set(!sameSettings(config.get(), state.trainConfigProperty().get()));
        canApply.set(config.get() != null && architectureError.get().isEmpty() && dirty.get());
    }

    // ---- selection-dependent hints ----

    private void describeSelection() {
        ModelSpec spec = selectedModel.get();
        if (spec == null) return;
        momentumApplicable.set(optimizer.get() == Optimizer.MOMENTUM || optimizer.get() == Optimizer.NESTEROV);
        regularisationConfigurable.set(spec.configurableRegularisation());
        inputSizeEditable.set(!spec.fixedInputSize());
        InputShape in = spec.defaultInput();
        inputSizeHint.set(spec.fixedInputSize()
                ? "Fixed at " + in.width() + "×" + in.height() + " px by the architecture."
                : "Empty = the default " + in.height() + " px; at least " + spec.minInputSize() + " px. Images are resized to a square.");
        imagenetAvailable.set(spec.imagenetWeights().isPresent());
        describeTransfer();
        dropoutHint.set(spec.configurableRegularisation()
                ? "Empty = the architecture's default (" + Fmt.plain(spec.defaultDropout()) + ")."
                : "Fixed by the architecture's design.");
    }

    private void describeTransfer() {
        StartFrom from = startFrom.get() == null ? StartFrom.NONE : startFrom.get();
        transferEnabled.set(from != StartFrom.NONE);
        ModelSpec spec = selectedModel.get();
        transferNote.set(switch (from) {
            case NONE -> "Random initial weights; every layer trains.";
            case IMAGENET -> spec == null || spec.imagenetWeights().isEmpty() ? ""
                    : "ImageNet weights are downloaded on first use (layer table or training) into "
                    + PretrainedWeights.defaultCacheDir().resolve(spec.imagenetWeights().get().modelId())
                    + ". Offline: put " + spec.imagenetWeights().get().fileName() + " there from a machine that has it"
                    + " (or set -D" + PretrainedWeights.CACHE_PROPERTY + "=DIR), or choose a weights file instead. Images are fed as the weights expect: "
                    + spec.imagenetWeights().get().normalisation() + ".";
            case FILE -> "A DL4J model zip, a Keras .h5 file, or a run folder of this workbench; the body's layers are read from it.";
        });
    }

    // ---- dataset target, parameter counts, layer table ----

    private void refreshTarget() {
        Target t = computeTarget(state.verification(), state.dataset());
        target.set(t);
        targetDescription.set(t.description());
        parameterCounts.clear();
        for (ModelSpec spec : models) countParameters(spec, t);
        if (!loading && selectedModel.get() != null) updateLayers();
    }

    static Target computeTarget(VerificationReport report, Dataset dataset) {
        if (report != null) {
            Dataset usable = report.usable();
            int n = usable.classes().size();
            String colour = report.channels() == 1 ? "grey" : "colour";
            return new Target(Math.max(2, n), report.channels(),
                    "For " + datasetName(usable) + ": " + n + " classes, " + colour + " images.");
        }
        if (dataset != null) {
            int n = dataset.classes().size();
            return new Target(Math.max(2, n), 0, "For " + datasetName(dataset) + ": " + n
                    + " classes (channels known once the dataset check on the Data screen finishes).");
        }
        return new Target(10, 0, "No dataset open: counts assume 10 classes and the architecture's own channels.");
    }

    private static String datasetName(Dataset d) {
        return d.root().getFileName() == null ? d.root().toString() : d.root().getFileName().toString();
    }

    private void countParameters(ModelSpec spec, Target t) {
        InputShape input = t.input(spec, null);
        String key = spec.id() + "|" + input + "|" + t.numClasses();
        Long known = countCache.get(key);
        if (known != null) {
            parameterCounts.put(spec.id(), known);
            return;
        }
        ModelRequest req = new ModelRequest(input, t.numClasses(), 42, 0, spec.defaultDropout(), true);
        background.submit("Counting parameters of " + spec.displayName(),
                (p, c) -> Networks.layerTable(spec, req).stream().mapToLong(LayerInfo::parameters).sum(),
                n -> {
                    countCache.put(key, n);
                    if (Objects.equals(target.get(), t)) parameterCounts.put(spec.id(), n);
                },
                e -> {
                    if (Objects.equals(target.get(), t)) parameterCounts.put(spec.id(), -1L);
                });
    }

    /**
     * Rebuilds the layer table when the architecture-relevant inputs change (model, input size, dropout, batch
     * norm, dataset), independently of unrelated fields: a half-typed learning rate must not hide the layers.
     */
    private void updateLayers() {
        ModelSpec spec = selectedModel.get();
        Target t = target.get();
        if (spec == null || t == null) return;
        if (transferEnabled.get()) {
            // The table of a pretrained body needs valid transfer settings; until then the last one stays.
            TrainConfig c = config.get();
            if (c != null && c.transfer() != null) updateTransferLayers(spec, c, t);
            return;
        }
        Integer size;
        Double drop;
        try {
            size = inputSize.get() == null || inputSize.get().isBlank() ? null : parseInt(inputSize, Field.INPUT_SIZE, "Input size", "32");
            drop = dropout.get() == null || dropout.get().isBlank() ? null : parseDouble(dropout, Field.DROPOUT, "Dropout", "0.5");
        } catch (FieldError e) {
            return;
        }
        if (size != null && (size < Math.max(8, spec.minInputSize()) || size > 1024
                || (spec.fixedInputSize() && size != spec.defaultInput().height()))) {
            return;
        }
        if (drop != null && !(drop >= 0 && drop < 1)) return;
        double d = drop != null ? drop : spec.defaultDropout();
        InputShape input = t.input(spec, size);
        ArchKey key = new ArchKey(spec.id(), input, t.numClasses(), d, batchNorm.get());
        if (key.equals(shownKey)) return;
        shownKey = key;
        long generation = ++layerGeneration;
        layersBusy.set(true);
        architectureError.set("");
        // Seed and L2 change neither shapes nor parameter counts.
        ModelRequest req = new ModelRequest(input, t.numClasses(), 42, 0, d, batchNorm.get());
        background.submit("Building the layer table of " + spec.displayName(),
                // Building VGG16's configuration takes a moment: skip it if the user has moved on meanwhile.
                (p, cancel) -> generation == layerGeneration ? Networks.layerTable(spec, req) : null,
                table -> {
                    if (generation != layerGeneration || table == null) return;
                    layersBusy.set(false);
                    layers.setAll(table);
                    fineTuneFrozen.clear();
                    long params = table.stream().mapToLong(LayerInfo::parameters).sum();
                    long frozen = table.stream().filter(LayerInfo::frozen).mapToLong(LayerInfo::parameters).sum();
                    layersSummary.set(Fmt.plural(table.size(), "layer", "layers") + " · " + Fmt.count(params) + " parameters"
                            + (frozen > 0 ? " (" + Fmt.count(frozen) + " frozen)" : "")
                            + " · input " + input.channels() + "×" + input.height() + "×" + input.width()
                            + " · " + t.numClasses() + " classes");
                    updateDirty();
                },
                e -> {
                    if (generation != layerGeneration) return;
                    layersBusy.set(false);
                    layers.clear();
                    layersSummary.set("");
                    architectureError.set(spec.displayName() + " cannot be built for input " + input.height() + "×" + input.width()
                            + ": " + Errors.message(e));
                    updateDirty();
                });
    }

    private void updateTransferLayers(ModelSpec spec, TrainConfig c, Target t) {
        TransferKey key = new TransferKey(spec.id(), c.inputSize(), t.numClasses(), c.transfer());
        if (key.equals(shownKey)) return;
        shownKey = key;
        long generation = ++layerGeneration;
        layersBusy.set(true);
        architectureError.set("");
        TransferConfig transfer = c.transfer();
        background.submit("Building the transfer layer table of " + spec.displayName(),
                (p, cancel) -> generation == layerGeneration ? previewer.preview(spec.id(), transfer, c.inputSize(), t.numClasses(), p, cancel) : null,
                table -> {
                    if (generation != layerGeneration || table == null) return;
                    layersBusy.set(false);
                    layers.setAll(table.layers());
                    fineTuneFrozen.setAll(table.fineTuneFrozen());
                    List<String> names = table.layers().stream().map(LayerInfo::name).toList();
                    if (!names.equals(layerChoices)) layerChoices.setAll(names);
                    long frozen = table.parameters() - table.trainableParameters();
                    InputShape in = table.input();
                    layersSummary.set(table.modelName() + " with a new head on " + table.defaultFeatureLayer() + " · "
                            + Fmt.plural(table.layers().size(), "layer", "layers") + " · " + Fmt.count(table.parameters()) + " parameters ("
                            + Fmt.count(frozen) + " frozen in the first phase) · input " + in.channels() + "×" + in.height() + "×" + in.width()
                            + " · " + t.numClasses() + " classes");
                    updateDirty();
                },
                e -> {
                    if (generation != layerGeneration) return;
                    layersBusy.set(false);
                    layers.clear();
                    fineTuneFrozen.clear();
                    layersSummary.set("");
                    architectureError.set("The pretrained " + spec.displayName() + " could not be prepared: " + Errors.message(e));
                    updateDirty();
                });
    }

    // ---- text for the zoo cards ----

    /** The default input for the open dataset's channels: "1×28×28, at least 16 px" or "3×224×224, fixed size". */
    public String inputText(ModelSpec spec) {
        Target t = target.get();
        InputShape in = t == null ? spec.defaultInput() : t.input(spec, null);
        return in.channels() + "×" + in.height() + "×" + in.width() + (spec.fixedInputSize() ? ", fixed size" : ", at least " + spec.minInputSize() + " px");
    }

    /** The pretrained-weights line of a zoo card. */
    public static String pretrainedText(ModelSpec spec) {
        return spec.pretrainedAvailable() ? "ImageNet via DL4J zoo" : "—";
    }

    /** "3.3M parameters for this dataset", "counting parameters…" while unknown, or why it is unknown. */
    public String parametersText(ModelSpec spec) {
        Long n = parameterCounts.get(spec.id());
        if (n == null) return "Counting parameters…";
        if (n < 0) return "Cannot be built for this input";
        Target t = target.get();
        boolean fromDataset = state.dataset() != null;
        return Fmt.compact(n) + " parameters " + (fromDataset ? "for this dataset" : "for " + (t == null ? 10 : t.numClasses()) + " classes");
    }

    // ---- properties ----

    public ObservableList<ModelSpec> models() { return models; }
    public ObjectProperty<ModelSpec> selectedModelProperty() { return selectedModel; }
    public StringProperty epochsProperty() { return epochs; }
    public StringProperty batchSizeProperty() { return batchSize; }
    public ObjectProperty<Optimizer> optimizerProperty() { return optimizer; }
    public StringProperty learningRateProperty() { return learningRate; }
    public StringProperty momentumProperty() { return momentum; }
    public ObjectProperty<LrSchedule.Kind> scheduleKindProperty() { return scheduleKind; }
    public StringProperty stepEpochsProperty() { return stepEpochs; }
    public StringProperty stepFactorProperty() { return stepFactor; }
    public StringProperty polyPowerProperty() { return polyPower; }
    public StringProperty l2Property() { return l2; }
    public StringProperty labelSmoothingProperty() { return labelSmoothing; }
    public StringProperty weightAverageProperty() { return weightAverage; }
    public StringProperty dropoutProperty() { return dropout; }
    public BooleanProperty batchNormProperty() { return batchNorm; }
    public StringProperty patienceProperty() { return patience; }
    public StringProperty seedProperty() { return seed; }
    public StringProperty inputSizeProperty() { return inputSize; }
    public ObjectProperty<ResizePolicy> resizeProperty() { return resize; }
    public StringProperty validFractionProperty() { return validFraction; }

    public ObjectProperty<StartFrom> startFromProperty() { return startFrom; }
    public ObjectProperty<Path> weightsFileProperty() { return weightsFile; }
    /** Phase 1 freezes every layer up to and including this one; null = the whole body. */
    public ObjectProperty<String> freezeToProperty() { return freezeTo; }
    /** The fine-tune phase trains this layer and every later one; null = no fine-tune phase. */
    public ObjectProperty<String> unfreezeToProperty() { return unfreezeTo; }
    public StringProperty warmupEpochsProperty() { return warmupEpochs; }
    public StringProperty fineTuneLrFactorProperty() { return fineTuneLrFactor; }
    public StringProperty headUnitsProperty() { return headUnits; }
    public StringProperty headDropoutProperty() { return headDropout; }
    public BooleanProperty headBatchNormProperty() { return headBatchNorm; }
    public ReadOnlyBooleanProperty transferEnabledProperty() { return transferEnabled.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty imagenetAvailableProperty() { return imagenetAvailable.getReadOnlyProperty(); }
    public ReadOnlyStringProperty transferNoteProperty() { return transferNote.getReadOnlyProperty(); }
    /** Layer names of the transfer table, for the freeze and unfreeze choices. */
    public ObservableList<String> layerChoices() { return layerChoicesView; }
    /** Layers still frozen in the fine-tune phase (empty without one). */
    public ObservableList<String> fineTuneFrozen() { return fineTuneFrozenView; }
    public ReadOnlyObjectProperty<TrainConfig> configProperty() { return config.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Field> errorFieldProperty() { return errorField.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty dirtyProperty() { return dirty.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canApplyProperty() { return canApply.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty momentumApplicableProperty() { return momentumApplicable.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty regularisationConfigurableProperty() { return regularisationConfigurable.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty inputSizeEditableProperty() { return inputSizeEditable.getReadOnlyProperty(); }
    public ReadOnlyStringProperty inputSizeHintProperty() { return inputSizeHint.getReadOnlyProperty(); }
    public ReadOnlyStringProperty dropoutHintProperty() { return dropoutHint.getReadOnlyProperty(); }
    public ReadOnlyStringProperty targetDescriptionProperty() { return targetDescription.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Target> targetProperty() { return target.getReadOnlyProperty(); }
    public ObservableMap<String, Long> parameterCounts() { return parameterCountsView; }
    public ObservableList<LayerInfo> layers() { return layersView; }
    public ReadOnlyBooleanProperty layersBusyProperty() { return layersBusy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty layersSummaryProperty() { return layersSummary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty architectureErrorProperty() { return architectureError.getReadOnlyProperty(); }
}
