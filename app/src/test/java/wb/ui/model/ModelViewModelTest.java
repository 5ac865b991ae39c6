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
        assertEquals("0.001", vm.learningRateProperty().get());
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
}
