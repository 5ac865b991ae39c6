package wb.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Slider;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import wb.ui.augment.AugmentScreen;
import wb.ui.support.Drops;
import wb.ui.support.ScriptedDialogs;
import wb.ui.data.DataScreen;

/** Drives the real main window headless (Monocle): open a dataset, browse it, tune augmentation. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchUiTest {

    @TempDir static Path dir;
    private WorkbenchApp app;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        app = new WorkbenchApp();
        window = app.assemble(stage, new AppState(dir.resolve("runs")), new UiPreferences(new MemoryPreferences()), p -> { });
        window.show();
    }

    @Test
    void openingADatasetFillsTheTreeAndTheThumbnailGrid(FxRobot robot) throws Exception {
        Path root = UiFixtures.catsAndDogs(dir.resolve("pets-" + System.nanoTime()));
        robot.interact(() -> app.opener().open(root));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.state().verification() != null);
        WaitForAsyncUtils.waitForFxEvents();

        TreeView<?> tree = robot.lookup(".dataset-tree").queryAs(TreeView.class);
        TreeItem<?> all = tree.getRoot();
        assertNotNull(all, "the tree shows the dataset");
        assertEquals(1, all.getChildren().size(), "one split: train");
        assertEquals(2, all.getChildren().get(0).getChildren().size(), "two classes: cat, dog");

        // Clicking a class in the tree shows the thumbnail grid, filtered to that class.
        robot.clickOn(robot.lookup(".dataset-tree .label").match(LabeledMatchers.hasText("dog")).queryLabeled());
        DataScreen data = (DataScreen) window.screens().get(0);
        assertEquals(3, data.viewModel().visibleEntries().size());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".thumb-cell .image-view").queryAllAs(ImageView.class).stream()
                .filter(v -> v.getImage() != null).count() == 2); // the third dog is the corrupt file
        assertEquals(1, robot.lookup(".thumb-broken").queryAll().stream().filter(n -> n.isVisible()).count(),
                "the corrupt file shows as broken");
        assertTrue(window.stage().getTitle().startsWith("pets"));
    }

    @Test
    void movingASliderReRendersTheMontage(FxRobot robot) throws Exception {
        Path root = UiFixtures.catsAndDogs(dir.resolve("pets-" + System.nanoTime()));
        robot.interact(() -> app.opener().open(root));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.state().verification() != null);

        robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.SHORTCUT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, window.selectedIndexProperty().get(), "Ctrl+2 (Cmd+2 on a Mac) opens the Augment step");
        AugmentScreen augment = (AugmentScreen) window.screens().get(1);
        ImageView tile = augment.tileViews().get(1);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> tile.getImage() != null);
        int[] before = pixels(tile.getImage());

        Slider rotation = robot.lookup("#slider-rotation").queryAs(Slider.class);
        double was = rotation.getValue();
        robot.clickOn(rotation); // a click on the track jumps the thumb there: about half the range
        assertTrue(rotation.getValue() > was + 5, "the click moved the slider");
        assertEquals(rotation.getValue(), app.state().augmentProperty().get().rotationRange(), 1e-9,
                "the setting reaches the shared state that training reads");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> tile.getImage() != null && !Arrays.equals(before, pixels(tile.getImage())));
        assertFalse(Arrays.equals(before, pixels(tile.getImage())));
    }

    @Test
    void problemsListBrokenFilesAndDuplicatePictures(FxRobot robot) throws Exception {
        Path root = UiFixtures.catsAndDogs(dir.resolve("dups-" + System.nanoTime()));
        java.nio.file.Files.copy(root.resolve("cat").resolve("cat1.png"), root.resolve("dog").resolve("not-a-dog.png"));
        robot.interact(() -> app.opener().open(root));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.state().verification() != null);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".tab-label").match((javafx.scene.control.Labeled l) -> l.getText().startsWith("Problems (")).queryLabeled());
        javafx.scene.control.TableView<?> table = robot.lookup(".problems-pane .table-view").queryAs(javafx.scene.control.TableView.class);
        List<String> kinds = table.getItems().stream().map(r -> ((wb.ui.data.DataViewModel.ProblemRow) r).kind()).toList();
        assertTrue(kinds.contains("Unreadable") && kinds.contains("Label conflict"), kinds.toString());
        assertEquals(1, kinds.stream().filter("Label conflict"::equals).count(), kinds.toString());
        assertTrue(robot.lookup(".table-cell.kind-label-conflict").tryQuery().isPresent(), "the conflict is highlighted");
        robot.interact(() -> Screenshots.save(window.stage().getScene(), "data-problems"));
    }

    @Test
    void droppingAFolderOnTheWindowOpensIt(FxRobot robot) throws Exception {
        Path root = UiFixtures.catsAndDogs(dir.resolve("dropped-" + System.nanoTime()));
        robot.interact(() -> window.select(2)); // from any screen
        Drops.Result[] drop = new Drops.Result[1];
        robot.interact(() -> drop[0] = Drops.dropFiles(window.stage().getScene().getRoot(), List.of(root)));
        assertNotNull(drop[0].accepted(), "the window accepts a dragged folder");
        assertTrue(drop[0].completed());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.state().verification() != null);
        assertEquals(root, app.state().datasetRootProperty().get());
        assertEquals(0, window.selectedIndexProperty().get(), "the Data screen shows what was dropped");

        // A dropped image opens the folder it is in.
        Path cat = root.resolve("cat").resolve("cat1.png");
        assertTrue(java.nio.file.Files.isRegularFile(cat), cat.toString());
        robot.interact(() -> Drops.dropFiles(window.stage().getScene().getRoot(), List.of(cat)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> cat.getParent().equals(app.state().datasetRootProperty().get()));
    }

    @Test
    void theOpenCommandAsksForAFolderAndOpensIt(FxRobot robot) throws Exception {
        Path root = UiFixtures.catsAndDogs(dir.resolve("chosen-" + System.nanoTime()));
        try (ScriptedDialogs dialogs = ScriptedDialogs.install().thenCancel().thenChoose(root)) {
            robot.press(KeyCode.SHORTCUT, KeyCode.O).release(KeyCode.O, KeyCode.SHORTCUT);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(1, dialogs.requests().size(), "Ctrl+O (Cmd+O on a Mac) asks for a folder");
            assertEquals(FileDialogs.Kind.FOLDER, dialogs.last().kind());
            assertEquals(null, app.state().datasetRootProperty().get(), "cancelled: nothing opens");
            robot.press(KeyCode.SHORTCUT, KeyCode.O).release(KeyCode.O, KeyCode.SHORTCUT);
            WaitForAsyncUtils.waitForFxEvents();
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.state().verification() != null);
        assertEquals(root, app.state().datasetRootProperty().get());
    }

    private static int[] pixels(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] px = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
        return px;
    }
}
