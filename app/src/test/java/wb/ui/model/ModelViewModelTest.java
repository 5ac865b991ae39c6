package wb.ui.model;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import wb.model.LayerInfo;
import wb.model.LrSchedule;
import wb.model.ModelZoo;
import wb.model.Optimizer;
import wb.train.TrainConfig;
import wb.ui.AppState;
import wb.ui.model.ModelViewModel.Field;
import wb.ui.support.QueueBackground;

/** The Model screen's form logic, without a toolkit. */
class ModelViewModelTest {

    AppState state;
    QueueBackground background;
    ModelViewModel vm;

    @BeforeEach
    void setUp() {
        state = new AppState(Path.of("runs"));
        background = new QueueBackground();
        vm = new ModelViewModel(state, background);
        background.discard("Counting parameters");
    }

    @Test
    void showsTheAppliedSettingsAndAppliesEdits() {
        TrainConfig applied = state.trainConfigProperty().get();
        assertEquals("fmnist-cnn", vm.selectedModelProperty().get().id());
        assertEquals(Integer.toString(applied.epochs()), vm.epochsProperty().get());
        assertEquals("0.035", vm.learningRateProperty().get(), "FMNIST-CNN's own recipe");
        assertEquals(Optimizer.NESTEROV, vm.optimizerProperty().get());
        assertFalse(vm.dirtyProperty().get());
        assertFalse(vm.canApplyProperty().get(), "nothing to apply yet");

        vm.selectedModelProperty().set(ModelZoo.standard().get("lenet"));
        vm.epochsProperty().set("3");
        vm.optimizerProperty().set(Optimizer.NESTEROV);
        vm.learningRateProperty().set("1e-2");
        vm.scheduleKindProperty().set(LrSchedule.Kind.STEP);
        vm.stepEpochsProperty().set("2");
        vm.stepFactorProperty().set("0.5");
        vm.inputSizeProperty().set("24");
        assertTrue(vm.dirtyProperty().get());
        assertTrue(vm.canApplyProperty().get());
        assertTrue(vm.momentumApplicableProperty().get());

        vm.apply();
        TrainConfig c = state.trainConfigProperty().get();
        assertEquals("lenet", c.modelId());
        assertEquals(3, c.epochs());
        assertEquals(Optimizer.NESTEROV, c.optimizer());
        assertEquals(0.01, c.learningRate());
        assertEquals(LrSchedule.step(2, 0.5), c.schedule());
        assertEquals(24, c.inputSize());
        assertEquals(state.augmentProperty().get(), c.augment(), "the Augment screen's settings travel with the config");
        assertFalse(vm.dirtyProperty().get());
    }

    @Test
    void malformedNumbersNameTheField() {
        vm.epochsProperty().set("ten");
        assertNull(vm.configProperty().get());
        assertEquals(Field.EPOCHS, vm.errorFieldProperty().get());
        assertEquals("Epochs must be a whole number, e.g. 10, not \"ten\".", vm.errorProperty().get());
        assertFalse(vm.canApplyProperty().get());

        vm.epochsProperty().set("5");
        vm.learningRateProperty().set("NaN");
        assertEquals(Field.LEARNING_RATE, vm.errorFieldProperty().get());
        vm.learningRateProperty().set("0,01");
        assertEquals("", vm.errorProperty().get(), "a decimal comma is accepted");
        assertEquals(0.01, vm.configProperty().get().learningRate());
    }

    @Test
    void trainConfigMessagesAreShownNextToTheForm() {
        vm.momentumProperty().set("1.5");
        assertEquals(Field.MOMENTUM, vm.errorFieldProperty().get());
        assertEquals("Momentum must be in [0, 1), e.g. 0.9.", vm.errorProperty().get());
        vm.momentumProperty().set("0.9");
        vm.batchSizeProperty().set("0");
        assertEquals(Field.BATCH_SIZE, vm.errorFieldProperty().get());
        assertTrue(vm.errorProperty().get().startsWith("Batch size must be 1..8192"), vm.errorProperty().get());
        vm.batchSizeProperty().set("32");
        vm.validFractionProperty().set("0.95");
        assertEquals(Field.VALID_FRACTION, vm.errorFieldProperty().get());
        vm.validFractionProperty().set("0.2");
        vm.labelSmoothingProperty().set("1");
        assertEquals(Field.LABEL_SMOOTHING, vm.errorFieldProperty().get());
        assertEquals("Label smoothing must be in [0, 1), e.g. 0.1.", vm.errorProperty().get());
        vm.labelSmoothingProperty().set("0.1");
        assertEquals(0.1, vm.configProperty().get().labelSmoothing());
        vm.weightAverageProperty().set("1.5");
        assertEquals(Field.WEIGHT_AVERAGE, vm.errorFieldProperty().get());
        assertEquals("Weight averaging decay must be 0 (off) or in [0.5, 1), e.g. 0.9998.", vm.errorProperty().get());
        vm.weightAverageProperty().set("0.999");
        assertEquals(0.999, vm.configProperty().get().weightAverage());
        vm.scheduleKindProperty().set(LrSchedule.Kind.STEP);
        vm.stepFactorProperty().set("2");
        assertEquals(Field.SCHEDULE, vm.errorFieldProperty().get());
        assertTrue(vm.errorProperty().get().contains("0 < factor <= 1"), vm.errorProperty().get());
    }

    @Test
    void inputSizeFollowsTheArchitecture() {
        vm.selectedModelProperty().set(ModelZoo.standard().get("alexnet"));
        assertFalse(vm.inputSizeEditableProperty().get());
        assertFalse(vm.regularisationConfigurableProperty().get(), "AlexNet's dropout and batch norm are fixed");
        vm.inputSizeProperty().set("64");
        assertEquals(Field.INPUT_SIZE, vm.errorFieldProperty().get());
        assertEquals("AlexNet needs 224×224 input: leave the size empty or enter 224.", vm.errorProperty().get());
        vm.inputSizeProperty().set("");
        assertNotNull(vm.configProperty().get());

        vm.selectedModelProperty().set(ModelZoo.standard().get("lenet"));
        vm.inputSizeProperty().set("12");
        assertEquals("LeNet needs input of at least 16 px, not 12.", vm.errorProperty().get());
        assertTrue(vm.inputSizeHintProperty().get().contains("at least 16 px"));
    }

    @Test
    void layerTableIsBuiltInTheBackgroundAndOnlyTheLatestRequestLands() {
        background.run("Building the layer table");
        vm.selectedModelProperty().set(ModelZoo.standard().get("lenet"));
        vm.selectedModelProperty().set(ModelZoo.standard().get("shallownet"));
        vm.inputSizeProperty().set("16");
        vm.batchNormProperty().set(false);
        assertTrue(vm.layersBusyProperty().get());
        assertEquals(4, background.run("Building the layer table"), "one request per architecture change");
        assertFalse(vm.layersBusyProperty().get());
        // ShallowNet on 16x16 grey... the target without a dataset uses the architecture's 3 channels and 10 classes.
        assertEquals(2, vm.layers().size());
        LayerInfo conv = vm.layers().get(0);
        assertEquals("Convolution", conv.type());
        assertEquals("32x16x16", conv.outputShape());
        assertEquals(3 * 3 * 3 * 32 + 32, conv.parameters());
        assertEquals(32 * 16 * 16 * 10 + 10, vm.layers().get(1).parameters());
        assertTrue(vm.layersSummaryProperty().get().startsWith("2 layers · "), vm.layersSummaryProperty().get());
    }

    @Test
    void changesMadeElsewhereReachAnUneditedForm() {
        TrainConfig other = TrainConfig.defaults("minivggnet");
        state.trainConfigProperty().set(other);
        assertEquals("minivggnet", vm.selectedModelProperty().get().id());
        vm.epochsProperty().set("2");
        state.trainConfigProperty().set(TrainConfig.defaults("lenet"));
        assertEquals("minivggnet", vm.selectedModelProperty().get().id(), "unapplied edits are kept");
        assertTrue(vm.dirtyProperty().get());
        vm.revert();
        assertEquals("lenet", vm.selectedModelProperty().get().id());
    }

    // ---- transfer learning ----

    /** A fake previewer: a pretrained body with a new head, frozen up to the configured layer; records its calls. */
    static final class FakePreviewer implements ModelViewModel.TransferPreviewer {
        final java.util.List<wb.train.TransferConfig> calls = new java.util.ArrayList<>();

        @Override public wb.train.TransferPreview.Table preview(String modelId, wb.train.TransferConfig t, Integer size, int classes,
                                                               wb.common.Progress p, wb.common.Cancellation c) {
            calls.add(t);
            String freeze = t.freezeTo() == null ? "fc7" : t.freezeTo();
            java.util.List<String> names = java.util.List.of("conv1", "conv2", "fc7", "head_dense", "head_out");
            java.util.List<LayerInfo> layers = new java.util.ArrayList<>();
            boolean frozen = true;
            for (String n : names) {
                layers.add(new LayerInfo(n, "Dense", "[10]", 100, frozen));
                if (n.equals(freeze)) frozen = false;
            }
            java.util.List<String> fineTuneFrozen = t.unfreezeTo() == null ? java.util.List.of()
                    : names.subList(0, names.indexOf(t.unfreezeTo()));
            return new wb.train.TransferPreview.Table(modelId, "VGG16", new wb.model.InputShape(3, 224, 224), layers, "fc7", 500,
                    100, fineTuneFrozen);
        }
    }

    ModelViewModel transferVm(FakePreviewer previewer) {
        ModelViewModel m = new ModelViewModel(state, background, ModelZoo.standard(), previewer);
        background.discard("Counting parameters");
        return m;
    }

    @Test
    void imagenetIsOfferedOnlyForArchitecturesWithPublishedWeights() {
        vm.selectedModelProperty().set(ModelZoo.standard().get("lenet"));
        assertFalse(vm.imagenetAvailableProperty().get());
        vm.startFromProperty().set(ModelViewModel.StartFrom.IMAGENET);
        assertNull(vm.configProperty().get());
        assertEquals(Field.WEIGHTS, vm.errorFieldProperty().get());
        assertTrue(vm.errorProperty().get().startsWith("No ImageNet weights are published for"), vm.errorProperty().get());

        vm.selectedModelProperty().set(ModelZoo.standard().get("vgg16"));
        assertTrue(vm.imagenetAvailableProperty().get());
        assertEquals("", vm.errorProperty().get());
        assertTrue(vm.transferNoteProperty().get().contains("downloaded on first use"), vm.transferNoteProperty().get());
        assertTrue(vm.transferNoteProperty().get().contains("Offline"));
    }

    @Test
    void transferOptionsBuildTheTransferConfig() {
        FakePreviewer previewer = new FakePreviewer();
        ModelViewModel m = transferVm(previewer);
        m.selectedModelProperty().set(ModelZoo.standard().get("vgg16"));
        m.inputSizeProperty().set("");
        assertNull(m.configProperty().get().transfer(), "from scratch by default");
        assertFalse(m.transferEnabledProperty().get());

        m.startFromProperty().set(ModelViewModel.StartFrom.IMAGENET);
        assertTrue(m.transferEnabledProperty().get());
        m.epochsProperty().set("6");
        m.headUnitsProperty().set("128");
        m.headDropoutProperty().set("0.3");
        m.unfreezeToProperty().set("conv2");
        m.warmupEpochsProperty().set("2");
        m.fineTuneLrFactorProperty().set("0.05");
        m.freezeToProperty().set("conv2");
        assertEquals("", m.errorProperty().get());
        wb.train.TransferConfig t = m.configProperty().get().transfer();
        assertEquals(wb.model.InitWeights.imagenet(), t.weights());
        assertEquals(128, t.headUnits());
        assertEquals(0.3, t.headDropout());
        assertEquals("conv2", t.freezeTo());
        assertEquals("conv2", t.unfreezeTo());
        assertEquals(2, t.warmupEpochs());
        assertEquals(0.05, t.fineTuneLrFactor());

        m.apply();
        assertEquals(t, state.trainConfigProperty().get().transfer());
        assertFalse(m.dirtyProperty().get());
        m.warmupEpochsProperty().set("3");
        assertTrue(m.dirtyProperty().get(), "a transfer edit is an unapplied change");

        m.warmupEpochsProperty().set("6");
        assertNull(m.configProperty().get());
        assertEquals(Field.WARMUP, m.errorFieldProperty().get());
        m.warmupEpochsProperty().set("2");
        m.unfreezeToProperty().set(null);
        assertEquals(Field.UNFREEZE, m.errorFieldProperty().get());
        m.warmupEpochsProperty().set("0");
        m.fineTuneLrFactorProperty().set("2");
        assertEquals(Field.FINE_TUNE_LR, m.errorFieldProperty().get());
        m.fineTuneLrFactorProperty().set("0.1");

        m.startFromProperty().set(ModelViewModel.StartFrom.FILE);
        assertEquals(Field.WEIGHTS, m.errorFieldProperty().get());
        m.weightsFileProperty().set(Path.of("model.h5"));
        assertEquals(wb.model.InitWeights.file(Path.of("model.h5")), m.configProperty().get().transfer().weights());

        m.startFromProperty().set(ModelViewModel.StartFrom.NONE);
        assertNull(m.configProperty().get().transfer());
    }

    @Test
    void freezeChoicesAndFrozenLayersComeFromThePreview() {
        FakePreviewer previewer = new FakePreviewer();
        ModelViewModel m = transferVm(previewer);
        m.selectedModelProperty().set(ModelZoo.standard().get("vgg16"));
        m.startFromProperty().set(ModelViewModel.StartFrom.IMAGENET);
        background.discard("Building the layer table");
        assertEquals(1, background.run("Building the transfer layer table"));
        assertEquals(java.util.List.of("conv1", "conv2", "fc7", "head_dense", "head_out"), m.layerChoices());
        assertEquals(java.util.List.of(true, true, true, false, false), m.layers().stream().map(LayerInfo::frozen).toList());
        assertTrue(m.layersSummaryProperty().get().contains("new head on fc7"), m.layersSummaryProperty().get());

        m.freezeToProperty().set("conv1");
        m.epochsProperty().set("5");
        m.unfreezeToProperty().set("conv2");
        m.warmupEpochsProperty().set("1");
        assertEquals("", m.errorProperty().get());
        background.run("Building the transfer layer table");
        assertEquals("conv1", previewer.calls.get(previewer.calls.size() - 1).freezeTo());
        assertEquals(java.util.List.of(true, false, false, false, false), m.layers().stream().map(LayerInfo::frozen).toList());
        assertEquals(java.util.List.of("conv1"), m.fineTuneFrozen());

        m.selectedModelProperty().set(ModelZoo.standard().get("resnet50"));
        assertNull(m.freezeToProperty().get(), "layer names belong to one architecture");
        assertNull(m.unfreezeToProperty().get());
        assertTrue(m.layerChoices().isEmpty());
    }
}
