package wb.ui.augment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import wb.augment.AugmentConfig;
import wb.augment.AugmentParams;
import wb.augment.Augmenter;
import wb.dataset.Dataset;
import wb.dataset.ImageItem;
import wb.dataset.Split;
import wb.imaging.DecodeResult;
import wb.imaging.FillMode;
import wb.imaging.ImageDecoder;
import wb.imaging.ImageOps;
import wb.imaging.Raster;
import wb.imaging.ResizePolicy;
import wb.model.ModelZoo;
import wb.train.TrainConfig;
import wb.ui.AppState;

/**
 * The Augment screen's state: one property per {@link AugmentConfig} parameter, the presets, the resize
 * policy and input size, the chosen image and seed, and the rendered montage and resize preview. Every
 * valid change is written to {@link AppState#augmentProperty()} (and the resize settings to the training
 * configuration), so training uses what the user sees. Renders run on {@code background}; a render that
 * finishes after a newer one was requested is discarded. Never touches a node.
 */
public final class AugmentViewModel {

    /** Augmented variants shown next to the original. */
    public static final int VARIANTS = 11;
    /** The original image in the resize preview is shrunk to at most this size for display. */
    static final int PREVIEW_MAX = 480;

    /** The named starting points of the controls. */
    public enum Preset {
        NONE("None", AugmentConfig.none()),
        FLIPS("Flips only", AugmentConfig.flips()),
        LIGHT("Light", AugmentConfig.light()),
        KERAS_LESSON("Keras lesson", AugmentConfig.kerasLesson());

        private final String label;
        private final AugmentConfig config;

        Preset(String label, AugmentConfig config) {
            this.label = label;
            this.config = config;
        }

        public String label() { return label; }
        public AugmentConfig config() { return config; }

        /** The preset whose configuration equals {@code c}, or null for a custom one. */
        public static Preset matching(AugmentConfig c) {
            for (Preset p : values()) if (p.config.equals(c)) return p;
            return null;
        }
    }

    /** One montage tile: the image the network would see and its caption. */
    public record Tile(Raster image, String caption, AugmentParams params) {
        public boolean original() { return params == null; }
    }

    /** A rendered montage: the original (resized to the input size) followed by {@link #VARIANTS} variants. */
    public record MontageResult(Path source, long seed, int size, List<Tile> tiles) {
        public MontageResult { tiles = List.copyOf(tiles); }
    }

    /** The chosen image (shrunk for display) and the two resize policies applied to it at the input size. */
    public record ResizePreview(Raster original, int originalWidth, int originalHeight, Raster squash, Raster crop, int size) { }

    private final AppState state;
    private final Executor background;
    private final Executor fx;
    private final ToIntFunction<String> modelInputSize;

    private final DoubleProperty rotation = new SimpleDoubleProperty(this, "rotation");
    private final DoubleProperty widthShift = new SimpleDoubleProperty(this, "widthShift");
    private final DoubleProperty heightShift = new SimpleDoubleProperty(this, "heightShift");
    private final DoubleProperty shear = new SimpleDoubleProperty(this, "shear");
    private final DoubleProperty zoomMin = new SimpleDoubleProperty(this, "zoomMin", 1);
    private final DoubleProperty zoomMax = new SimpleDoubleProperty(this, "zoomMax", 1);
    private final DoubleProperty channelShift = new SimpleDoubleProperty(this, "channelShift");
    private final BooleanProperty horizontalFlip = new SimpleBooleanProperty(this, "horizontalFlip");
    private final BooleanProperty verticalFlip = new SimpleBooleanProperty(this, "verticalFlip");
    private final ObjectProperty<FillMode> fillMode = new SimpleObjectProperty<>(this, "fillMode", FillMode.NEAREST);
    private final IntegerProperty fillValue = new SimpleIntegerProperty(this, "fillValue");
    private final IntegerProperty cropPadding = new SimpleIntegerProperty(this, "cropPadding");
    private final DoubleProperty erasing = new SimpleDoubleProperty(this, "erasing");

    private final ReadOnlyObjectWrapper<AugmentConfig> config = new ReadOnlyObjectWrapper<>(this, "config");
    private final ReadOnlyObjectWrapper<Preset> preset = new ReadOnlyObjectWrapper<>(this, "preset");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    private final ObjectProperty<ResizePolicy> resizePolicy = new SimpleObjectProperty<>(this, "resizePolicy", ResizePolicy.SQUASH);
    private final BooleanProperty modelDefaultSize = new SimpleBooleanProperty(this, "modelDefaultSize", true);
    private final IntegerProperty inputSize = new SimpleIntegerProperty(this, "inputSize", 224);
    private final ReadOnlyIntegerWrapper modelSize = new ReadOnlyIntegerWrapper(this, "modelSize");
    private final ReadOnlyIntegerWrapper effectiveSize = new ReadOnlyIntegerWrapper(this, "effectiveSize");

    private final ReadOnlyLongWrapper seed = new ReadOnlyLongWrapper(this, "seed", 42);
    private final SplittableRandom seeds;
    private final ObjectProperty<Path> image = new SimpleObjectProperty<>(this, "image");
    private final ObservableList<ImageItem> examples = FXCollections.observableArrayList();
    /** Created once: a read-only view listens to its list weakly, so one per call could be collected with its listeners. */
    private final ObservableList<ImageItem> examplesView = FXCollections.unmodifiableObservableList(examples);

    private final ReadOnlyObjectWrapper<MontageResult> montage = new ReadOnlyObjectWrapper<>(this, "montage");
    private final ReadOnlyObjectWrapper<ResizePreview> resizePreview = new ReadOnlyObjectWrapper<>(this, "resizePreview");
    private final ReadOnlyStringWrapper renderError = new ReadOnlyStringWrapper(this, "renderError", "");
    private final ReadOnlyBooleanWrapper rendering = new ReadOnlyBooleanWrapper(this, "rendering");

    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Integer> modelSizes = new ConcurrentHashMap<>();
    private volatile Decoded decoded;
    private boolean syncing;

    /** The last decoded source image, kept so slider moves do not decode the file again. */
    private record Decoded(Path path, Raster raster) { }

    /** Production wiring: model input sizes come from the model zoo; seeds for reshuffling from {@code seedSource}. */
    public AugmentViewModel(AppState state, Executor background, Executor fx) {
        this(state, background, fx, AugmentViewModel::zooInputSize, new SplittableRandom());
    }

    /**
     * @param modelInputSize the default input side of a model id (called on the background thread)
     * @param seedSource     draws the seeds "Reshuffle" uses
     */
    public AugmentViewModel(AppState state, Executor background, Executor fx, ToIntFunction<String> modelInputSize, SplittableRandom seedSource) {
        this.state = state;
        this.background = background;
        this.fx = fx;
        this.modelInputSize = modelInputSize;
        this.seeds = seedSource;

        // Keep the zoom range ordered before the config is rebuilt (listeners run in registration order).
        zoomMin.addListener((o, old, now) -> { if (!syncing && now.doubleValue() > zoomMax.get()) zoomMax.set(now.doubleValue()); });
        zoomMax.addListener((o, old, now) -> { if (!syncing && now.doubleValue() < zoomMin.get()) zoomMin.set(now.doubleValue()); });
        for (var p : List.of(rotation, widthShift, heightShift, shear, zoomMin, zoomMax, channelShift, horizontalFlip, verticalFlip,
                fillMode, fillValue, cropPadding, erasing)) {
            // Change listeners, not invalidation listeners: those stay silent until someone reads the
            // value, and load() sets values without reading them.
            p.addListener((o, old, now) -> paramsChanged());
        }
        load(state.augmentProperty().get() == null ? AugmentConfig.none() : state.augmentProperty().get());
        state.augmentProperty().addListener((o, old, now) -> {
            if (now != null && !now.equals(config.get())) load(now);
        });

        TrainConfig tc = state.trainConfigProperty().get();
        if (tc != null) {
            resizePolicy.set(tc.resize());
            modelDefaultSize.set(tc.inputSize() == null);
            if (tc.inputSize() != null) inputSize.set(tc.inputSize());
        }
        state.trainConfigProperty().addListener((o, old, now) -> trainConfigChanged(old, now));
        resizePolicy.addListener((o, old, now) -> resizeChanged());
        modelDefaultSize.addListener((o, old, now) -> resizeChanged());
        inputSize.addListener((o, old, now) -> resizeChanged());
        updateEffectiveSize();
        resolveModelSize(tc == null ? null : tc.modelId());

        state.datasetProperty().addListener((o, old, now) -> datasetChanged(now));
        datasetChanged(state.dataset());
    }

    // ---- properties --------------------------------------------------------------------------------

    public DoubleProperty rotationProperty() { return rotation; }
    public DoubleProperty widthShiftProperty() { return widthShift; }
    public DoubleProperty heightShiftProperty() { return heightShift; }
    public DoubleProperty shearProperty() { return shear; }
    public DoubleProperty zoomMinProperty() { return zoomMin; }
    public DoubleProperty zoomMaxProperty() { return zoomMax; }
    public DoubleProperty channelShiftProperty() { return channelShift; }
    public BooleanProperty horizontalFlipProperty() { return horizontalFlip; }
    public BooleanProperty verticalFlipProperty() { return verticalFlip; }
    public ObjectProperty<FillMode> fillModeProperty() { return fillMode; }
    public IntegerProperty fillValueProperty() { return fillValue; }
    public IntegerProperty cropPaddingProperty() { return cropPadding; }
    public DoubleProperty erasingProperty() { return erasing; }

    /** The configuration the controls describe (the last valid one while an edit is invalid). */
    public ReadOnlyObjectProperty<AugmentConfig> configProperty() { return config.getReadOnlyProperty(); }
    /** The preset equal to the current configuration, or null when it is custom. */
    public ReadOnlyObjectProperty<Preset> presetProperty() { return preset.getReadOnlyProperty(); }
    /** Why the current control values are not a valid configuration; empty when they are. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    public ObjectProperty<ResizePolicy> resizePolicyProperty() { return resizePolicy; }
    /** True to use the chosen model's default input size, false to use {@link #inputSizeProperty()}. */
    public BooleanProperty modelDefaultSizeProperty() { return modelDefaultSize; }
    public IntegerProperty inputSizeProperty() { return inputSize; }
    /** The chosen model's default input side; 0 until known. */
    public ReadOnlyIntegerProperty modelSizeProperty() { return modelSize.getReadOnlyProperty(); }
    /** The side images are resized to before augmentation; 0 until the model's default is known. */
    public ReadOnlyIntegerProperty effectiveSizeProperty() { return effectiveSize.getReadOnlyProperty(); }

    public ReadOnlyLongProperty seedProperty() { return seed.getReadOnlyProperty(); }
    /** The image the montage augments: a dataset file or any image the user picked. */
    public ObjectProperty<Path> imageProperty() { return image; }
    /** Suggested images: the first training image of each class. */
    public ObservableList<ImageItem> examples() { return examplesView; }

    public ReadOnlyObjectProperty<MontageResult> montageProperty() { return montage.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ResizePreview> resizePreviewProperty() { return resizePreview.getReadOnlyProperty(); }
    /** Why the chosen image cannot be shown; empty when it can. */
    public ReadOnlyStringProperty renderErrorProperty() { return renderError.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty renderingProperty() { return rendering.getReadOnlyProperty(); }

    // ---- commands ----------------------------------------------------------------------------------

    /** Sets every control to the preset's values. */
    public void applyPreset(Preset p) {
        load(p.config());
        publish(p.config());
    }

    /** Draws a new seed, so the montage shows other random draws of the same settings. */
    public void reshuffle() {
        long next;
        do {
            next = seeds.nextLong() & 0xffff_ffffL; // short enough to read and type back
        } while (next == seed.get());
        seed.set(next);
    }

    /** Chooses a random training image of the open dataset. */
    public void randomImage() {
        Dataset d = state.dataset();
        if (d == null) return;
        List<ImageItem> items = d.items(Split.TRAIN).isEmpty() ? d.items(Split.TEST) : d.items(Split.TRAIN);
        if (items.isEmpty()) return;
        image.set(items.get(seeds.nextInt(items.size())).path());
    }

    /**
     * Renders the montage and resize preview for the current settings off the UI thread. The view calls it
     * after a short pause in slider movement; a result that arrives after a newer request is dropped.
     */
    public void refresh() {
        Path path = image.get();
        long gen = generation.incrementAndGet();
        if (path == null) {
            montage.set(null);
            resizePreview.set(null);
            renderError.set("");
            rendering.set(false);
            return;
        }
        AugmentConfig cfg = config.get();
        long s = seed.get();
        ResizePolicy policy = resizePolicy.get();
        Integer fixed = modelDefaultSize.get() ? null : inputSize.get();
        String modelId = state.trainConfigProperty().get() == null ? null : state.trainConfigProperty().get().modelId();
        rendering.set(true);
        background.execute(() -> {
            if (generation.get() != gen) return; // superseded before it started
            Rendered r = render(path, cfg, s, policy, fixed, modelId);
            fx.execute(() -> {
                if (generation.get() != gen) return;
                rendering.set(false);
                if (r.error() != null) {
                    montage.set(null);
                    resizePreview.set(null);
                    renderError.set(r.error());
                } else {
                    montage.set(r.montage());
                    resizePreview.set(r.preview());
                    renderError.set("");
                }
                if (modelId != null && modelSizes.containsKey(modelId) && modelSize.get() == 0) {
                    modelSize.set(modelSizes.get(modelId));
                    updateEffectiveSize();
                }
            });
        });
    }

    // ---- rendering (background thread) -------------------------------------------------------------

    private record Rendered(MontageResult montage, ResizePreview preview, String error) { }

    private Rendered render(Path path, AugmentConfig cfg, long s, ResizePolicy policy, Integer fixedSize, String modelId) {
        try {
            Raster src = source(path);
            int size = fixedSize != null ? fixedSize : modelSizeFor(modelId, src);
            // What training does: resize to the input size first, then augment (ImageSource.load).
            Raster prepared = ImageOps.resize(src, size, size, policy);
            Augmenter augmenter = new Augmenter(cfg);
            // Seeded like wb.augment.Montage: tile i draws from the i-th split of a generator seeded with the seed.
            SplittableRandom root = new SplittableRandom(s);
            List<Tile> tiles = new ArrayList<>(VARIANTS + 1);
            tiles.add(new Tile(prepared, "original " + size + "×" + size, null));
            for (int i = 0; i < VARIANTS; i++) {
                AugmentParams p = augmenter.sample(root.split(), prepared.width(), prepared.height(), prepared.channels());
                tiles.add(new Tile(augmenter.apply(prepared, p), augmenter.describe(p), p));
            }
            Raster shown = src;
            int longest = Math.max(src.width(), src.height());
            if (longest > PREVIEW_MAX) {
                double k = (double) PREVIEW_MAX / longest;
                shown = ImageOps.resize(src, Math.max(1, (int) Math.round(src.width() * k)), Math.max(1, (int) Math.round(src.height() * k)), ResizePolicy.SQUASH);
            }
            ResizePreview preview = new ResizePreview(shown, src.width(), src.height(),
                    ImageOps.resize(src, size, size, ResizePolicy.SQUASH), ImageOps.resize(src, size, size, ResizePolicy.CROP_CENTER), size);
            return new Rendered(new MontageResult(path, s, size, tiles), preview, null);
        } catch (RuntimeException e) {
            return new Rendered(null, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private Raster source(Path path) {
        Decoded d = decoded;
        if (d != null && d.path().equals(path)) return d.raster();
        DecodeResult result = ImageDecoder.decode(path, 0);
        if (result instanceof DecodeResult.Failed f) {
            throw new IllegalArgumentException(path.getFileName() + ": " + f.reason().text()
                    + (f.detail() == null || f.detail().isBlank() ? "" : " (" + f.detail() + ")"));
        }
        Raster r = ((DecodeResult.Ok) result).raster();
        decoded = new Decoded(path, r);
        return r;
    }

    private int modelSizeFor(String modelId, Raster src) {
        if (modelId != null) {
            Integer known = modelSizes.get(modelId);
            if (known != null) return known;
            try {
                int n = modelInputSize.applyAsInt(modelId);
                modelSizes.put(modelId, n);
                return n;
            } catch (RuntimeException e) {
                // an unknown model id: fall through to the image's own size
            }
        }
        return Math.max(8, Math.min(1024, Math.max(src.width(), src.height())));
    }

    private static int zooInputSize(String modelId) {
        return ModelZoo.standard().get(modelId).defaultInput().width();
    }

    // ---- synchronisation ---------------------------------------------------------------------------

    /** Sets the controls from {@code c} without writing intermediate states back. */
    private void load(AugmentConfig c) {
        syncing = true;
        try {
            rotation.set(c.rotationRange());
            widthShift.set(c.widthShift());
            heightShift.set(c.heightShift());
            shear.set(c.shearRange());
            zoomMin.set(c.zoomMin());
            zoomMax.set(c.zoomMax());
            channelShift.set(c.channelShift());
            horizontalFlip.set(c.horizontalFlip());
            verticalFlip.set(c.verticalFlip());
            fillMode.set(c.fillMode());
            fillValue.set(c.fillValue());
            cropPadding.set(c.cropPadding());
            erasing.set(c.erasing());
        } finally {
            syncing = false;
        }
        config.set(c);
        preset.set(Preset.matching(c));
        error.set("");
    }

    private void paramsChanged() {
        if (syncing) return;
        AugmentConfig c;
        try {
            c = new AugmentConfig(rotation.get(), widthShift.get(), heightShift.get(), shear.get(), zoomMin.get(), zoomMax.get(),
                    channelShift.get(), horizontalFlip.get(), verticalFlip.get(), Objects.requireNonNull(fillMode.get(), "fill mode"),
                    fillValue.get(), cropPadding.get(), erasing.get());
        } catch (IllegalArgumentException | NullPointerException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        publish(c);
    }

    private void publish(AugmentConfig c) {
        if (!c.equals(config.get())) config.set(c);
        preset.set(Preset.matching(c));
        if (!c.equals(state.augmentProperty().get())) state.augmentProperty().set(c);
    }

    private void resizeChanged() {
        updateEffectiveSize();
        if (syncing) return;
        TrainConfig tc = state.trainConfigProperty().get();
        if (tc == null) return;
        Integer size = modelDefaultSize.get() ? null : inputSize.get();
        if (tc.resize() == resizePolicy.get() && Objects.equals(tc.inputSize(), size)) return;
        state.trainConfigProperty().set(tc.withResize(resizePolicy.get(), size));
    }

    private void trainConfigChanged(TrainConfig old, TrainConfig now) {
        if (now == null) return;
        syncing = true;
        try {
            resizePolicy.set(now.resize());
            modelDefaultSize.set(now.inputSize() == null);
            if (now.inputSize() != null) inputSize.set(now.inputSize());
        } finally {
            syncing = false;
        }
        updateEffectiveSize();
        if (old == null || !Objects.equals(old.modelId(), now.modelId())) resolveModelSize(now.modelId());
    }

    private void resolveModelSize(String modelId) {
        modelSize.set(modelId != null && modelSizes.containsKey(modelId) ? modelSizes.get(modelId) : 0);
        updateEffectiveSize();
        if (modelId == null || modelSizes.containsKey(modelId)) return;
        background.execute(() -> {
            int n;
            try {
                n = modelInputSize.applyAsInt(modelId);
            } catch (RuntimeException e) {
                return; // unknown model: the render falls back to the image's size
            }
            modelSizes.put(modelId, n);
            fx.execute(() -> {
                TrainConfig tc = state.trainConfigProperty().get();
                if (tc != null && modelId.equals(tc.modelId())) {
                    modelSize.set(n);
                    updateEffectiveSize();
                }
            });
        });
    }

    private void updateEffectiveSize() {
        effectiveSize.set(modelDefaultSize.get() ? modelSize.get() : inputSize.get());
    }

    private void datasetChanged(Dataset d) {
        List<ImageItem> firstPerClass = new ArrayList<>();
        if (d != null) {
            Map<String, ImageItem> seen = new LinkedHashMap<>();
            for (ImageItem item : d.items(Split.TRAIN)) {
                if (item.label() != null) seen.putIfAbsent(item.label(), item);
            }
            firstPerClass.addAll(seen.values());
            if (firstPerClass.isEmpty()) {
                List<ImageItem> any = d.items(Split.TRAIN).isEmpty() ? d.items(Split.TEST) : d.items(Split.TRAIN);
                firstPerClass.addAll(any.subList(0, Math.min(10, any.size())));
            }
        }
        examples.setAll(firstPerClass);
        if (d == null) return; // keep the image on show; it may be one the user picked by hand
        Path current = image.get();
        if (current == null || !current.toAbsolutePath().startsWith(d.root().toAbsolutePath())) image.set(firstTrainImage(d));
    }

    /** The first training image of the dataset (the default subject of the montage), or null. */
    static Path firstTrainImage(Dataset d) {
        for (ImageItem item : d.items(Split.TRAIN)) return item.path();
        for (ImageItem item : d.items(Split.TEST)) return item.path();
        return null;
    }
}
