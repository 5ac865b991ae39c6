package wb.ui.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.augment.AugmentConfig;
import wb.common.Cancellation;
import wb.common.Progress;
import wb.dataset.DatasetScanner;
import wb.imaging.FillMode;
import wb.imaging.ResizePolicy;
import wb.ui.AppState;
import wb.ui.UiFixtures;
import wb.ui.augment.AugmentViewModel.MontageResult;
import wb.ui.augment.AugmentViewModel.Preset;

/** The Augment screen's logic, without a JavaFX toolkit: renders run inline. */
class AugmentViewModelTest {

    @TempDir Path dir;
    private AppState state;
    private AugmentViewModel vm;

    @BeforeEach
    void setUp() {
        state = new AppState(dir.resolve("runs"));
        vm = new AugmentViewModel(state, Runnable::run, Runnable::run, modelId -> 28, new SplittableRandom(1));
    }

    @AfterEach
    void tearDown() {
        state.background().shutdownNow();
    }

    @Test
    void startsFromTheSharedConfiguration() {
        assertEquals(state.augmentProperty().get(), vm.configProperty().get());
        assertEquals(Preset.FLIPS, vm.presetProperty().get());
        assertEquals(0, vm.rotationProperty().get());
        assertTrue(vm.horizontalFlipProperty().get());
    }

    @Test
    void movingASliderChangesTheConfigurationTrainingUses() {
        vm.rotationProperty().set(25);
        assertEquals(25, vm.configProperty().get().rotationRange());
        assertEquals(25, state.augmentProperty().get().rotationRange(), "training reads AppState.augment");
        assertNull(vm.presetProperty().get(), "no preset has a 25 degree rotation");

        vm.verticalFlipProperty().set(true);
        vm.fillModeProperty().set(FillMode.CONSTANT);
        vm.fillValueProperty().set(128);
        vm.cropPaddingProperty().set(4);
        AugmentConfig c = state.augmentProperty().get();
        assertTrue(c.verticalFlip());
        assertEquals(FillMode.CONSTANT, c.fillMode());
        assertEquals(128, c.fillValue());
        assertEquals(4, c.cropPadding());
    }

    @Test
    void presetsSetEveryControl() {
        vm.applyPreset(Preset.NONE);
        assertEquals(AugmentConfig.none(), state.augmentProperty().get());
        assertEquals(0, vm.rotationProperty().get());
        assertFalse(vm.horizontalFlipProperty().get());
        assertEquals(Preset.NONE, vm.presetProperty().get());

        vm.applyPreset(Preset.LIGHT);
        assertEquals(AugmentConfig.light(), vm.configProperty().get());
        assertEquals(0.95, vm.zoomMinProperty().get());

        vm.rotationProperty().set(0);
        vm.rotationProperty().set(5);
        assertEquals(Preset.LIGHT, vm.presetProperty().get(), "returning to the preset's values is the preset again");
    }

    @Test
    void zoomRangeStaysOrdered() {
        vm.zoomMaxProperty().set(1.2);
        vm.zoomMinProperty().set(1.3);
        assertEquals(1.3, vm.zoomMaxProperty().get(), "raising the minimum above the maximum raises the maximum");
        assertEquals(1.3, state.augmentProperty().get().zoomMax());
        assertTrue(vm.errorProperty().get().isEmpty());
    }

    @Test
    void anInvalidValueIsReportedAndNotPublished() {
        AugmentConfig before = state.augmentProperty().get();
        vm.rotationProperty().set(400);
        assertFalse(vm.errorProperty().get().isEmpty());
        assertEquals(before, state.augmentProperty().get());
        vm.rotationProperty().set(20);
        assertTrue(vm.errorProperty().get().isEmpty());
    }

    @Test
    void aConfigurationSetElsewhereMovesTheControls() {
        state.augmentProperty().set(AugmentConfig.light());
        assertEquals(5, vm.rotationProperty().get());
        assertEquals(Preset.LIGHT, vm.presetProperty().get());
    }

    @Test
    void reshuffleDrawsANewSeed() {
        long first = vm.seedProperty().get();
        vm.reshuffle();
        long second = vm.seedProperty().get();
        vm.reshuffle();
        assertNotEquals(first, second);
        assertNotEquals(second, vm.seedProperty().get());
    }

    @Test
    void resizeSettingsGoToTheTrainingConfiguration() {
        assertEquals(28, vm.effectiveSizeProperty().get(), "the model's default input size");
        vm.resizePolicyProperty().set(ResizePolicy.CROP_CENTER);
        assertEquals(ResizePolicy.CROP_CENTER, state.trainConfigProperty().get().resize());
        vm.inputSizeProperty().set(64);
        vm.modelDefaultSizeProperty().set(false);
        assertEquals(64, state.trainConfigProperty().get().inputSize());
        assertEquals(64, vm.effectiveSizeProperty().get());
        vm.modelDefaultSizeProperty().set(true);
        assertNull(state.trainConfigProperty().get().inputSize());
    }

    @Test
    void theMontageIsTheResizedImageAndItsVariantsReproducibleBySeed() {
        Path image = UiFixtures.png(dir.resolve("img.png"), 40, 30, 3);
        vm.imageProperty().set(image);
        vm.refresh();
        MontageResult m = vm.montageProperty().get();
        assertNotNull(m);
        assertEquals(AugmentViewModel.VARIANTS + 1, m.tiles().size());
        assertTrue(m.tiles().get(0).original());
        assertEquals("original 28×28", m.tiles().get(0).caption());
        m.tiles().forEach(t -> assertEquals(28, t.image().width()));
        assertEquals(new wb.augment.Augmenter(vm.configProperty().get()).describe(m.tiles().get(1).params()), m.tiles().get(1).caption());

        AugmentViewModel.ResizePreview p = vm.resizePreviewProperty().get();
        assertEquals(40, p.originalWidth());
        assertEquals(28, p.squash().width());
        assertEquals(28, p.crop().height());

        vm.refresh();
        assertArrayEquals(m.tiles().get(5).image().pixels(), vm.montageProperty().get().tiles().get(5).image().pixels(), "same seed, same montage");
        vm.reshuffle();
        vm.refresh();
        assertFalse(java.util.Arrays.equals(m.tiles().get(5).image().pixels(), vm.montageProperty().get().tiles().get(5).image().pixels()));
    }

    @Test
    void anUnreadableImageIsReportedInsteadOfRendered() {
        vm.imageProperty().set(UiFixtures.corrupt(dir.resolve("bad.png")));
        vm.refresh();
        assertNull(vm.montageProperty().get());
        assertFalse(vm.renderErrorProperty().get().isEmpty());
    }

    @Test
    void opensOnTheFirstTrainingImageOfTheDataset() {
        Path root = UiFixtures.catsAndDogs(dir.resolve("pets"));
        var dataset = DatasetScanner.scan(root, Progress.NONE, Cancellation.NEVER);
        state.setDataset(root, dataset, null);
        assertEquals(root.resolve("cat").resolve("cat0.png"), vm.imageProperty().get());
        assertEquals(2, vm.examples().size(), "one example per class");
    }
}
