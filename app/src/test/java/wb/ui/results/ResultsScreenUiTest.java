package wb.ui.results;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

import org.controlsfx.control.GridView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import wb.evaluate.ConfusionMatrix;
import wb.ui.AppState;
import wb.ui.FileDialogs;
import wb.ui.Screenshots;
import wb.ui.support.Drops;
import wb.ui.support.ScriptedDialogs;
import wb.ui.UiFixtures;

class ResultsScreenUiTest extends ApplicationTest {

    @TempDir static Path tmp;
    static AppState state;

    ResultsScreen results;
    Stage stage;

    @BeforeAll
    static void model() throws Exception {
        Path root = UiFixtures.stripes(tmp.resolve("stripes"), 24, 8, 10);
        state = UiFixtures.state(root, tmp.resolve("runs"));
        state.modelProperty().set(UiFixtures.trainTiny(state, tmp.resolve("runs").resolve("tiny"), 2));
    }

    @Override public void start(Stage stage) {
        this.stage = stage;
        results = new ResultsScreen(state);
        Scene scene = new Scene((javafx.scene.Parent) results.root(), 1270, 790);
        scene.getStylesheets().setAll(wb.ui.Theme.LIGHT.stylesheets()); // the window's look, as in the application
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void evaluatesAndShowsTheImagesOfAClickedConfusionCell() throws Exception {
        clickOn("#evaluateButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> state.evaluationProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        ConfusionMatrix cm = state.evaluationProperty().get().confusion();
        assertEquals(16, cm.total());
        // What the evaluation was of travels with it, for the Export screen's report.
        java.util.Map<String, Object> about = state.evaluationAbout();
        assertEquals("valid", about.get("split"));
        assertEquals(state.modelProperty().get().card().modelName(), about.get("model"));
        assertEquals("none", about.get("testTimeAugmentation"));
        int t = 0;
        int p = cm.count(0, 1) > 0 ? 1 : 0;
        int expected = cm.count(t, p);
        assertTrue(expected > 0);

        ConfusionMatrixChart chart = results.confusionMatrix();
        Point2D centre = chart.localToScreen(chart.cellCenter(t, p));
        clickOn(centre);
        GridView<?> grid = lookup("#cellGrid").query();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> grid.getItems().size() == expected);
        var indices = cm.cellIndices(t, p);
        for (int i = 0; i < expected; i++) {
            assertEquals(indices[i], ((wb.evaluate.ViewItem) grid.getItems().get(i)).index());
        }
        sleep(500);
        interact(() -> Screenshots.save(stage.getScene(), "results-matrix"));
        interact(() -> lookup("#resultsTabs").queryAs(TabPane.class).getSelectionModel().select(2));
        sleep(500);
        interact(() -> Screenshots.save(stage.getScene(), "results-views"));
    }

    @Test
    void evaluatesWithTenCropTestTimeAugmentation() throws Exception {
        interact(() -> state.evaluationProperty().set(null));
        javafx.scene.control.ComboBox<wb.train.Tta> box = lookup("#ttaBox").query();
        interact(() -> box.getSelectionModel().select(wb.train.Tta.CROP10));
        assertEquals(wb.train.Tta.CROP10, results.viewModel().ttaProperty().get());
        clickOn("#evaluateButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> state.evaluationProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(16, state.evaluationProperty().get().confusion().total());
        String title = results.viewModel().evaluationTitleProperty().get();
        assertTrue(title.contains("with 10-crop tta (10 views)"), title);
        interact(() -> box.getSelectionModel().select(wb.train.Tta.NONE));
    }

    @Test
    void evaluatesAnEnsembleOfTwoRuns() throws Exception {
        ResultsViewModel vm = results.viewModel();
        Path second = tmp.resolve("runs").resolve("tiny-2");
        UiFixtures.trainTiny(state, second, 1);
        interact(() -> {
            state.evaluationProperty().set(null);
            vm.addEnsembleRun(tmp.resolve("no-such-run"));
        });
        assertEquals("error", vm.noticeKindProperty().get());
        assertTrue(vm.noticeProperty().get().startsWith("No model in "), vm.noticeProperty().get());
        interact(() -> vm.addEnsembleRun(state.modelProperty().get().bundleDir()));
        assertTrue(vm.noticeProperty().get().endsWith("is already in the ensemble."), vm.noticeProperty().get());
        try (ScriptedDialogs dialogs = ScriptedDialogs.install().thenChoose(second)) {
            clickOn("#ensembleButton");
            assertEquals(FileDialogs.Kind.FOLDER, dialogs.last().kind());
        }
        assertEquals(List.of(second.toAbsolutePath().normalize()), vm.ensembleRuns());
        assertEquals("Ensemble: + 1 run", lookup("#ensembleText").queryAs(javafx.scene.control.Label.class).getText());

        clickOn("#evaluateButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> state.evaluationProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(16, state.evaluationProperty().get().confusion().total());
        String title = vm.evaluationTitleProperty().get();
        assertTrue(title.contains("+ 1 run (ensemble)"), title);
        // Predict uses the same ensemble.
        interact(() -> vm.predict(List.of(state.datasetRootProperty().get().resolve("test"))));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.predictingProperty().get() && !vm.predictions().isEmpty());
        assertTrue(vm.predictNoticeProperty().get().contains("+ 1 run (ensemble)"), vm.predictNoticeProperty().get());
        interact(vm::clearPredictions);
        interact(vm::clearEnsemble);
        assertTrue(vm.ensembleRuns().isEmpty());
    }

    @Test
    void classifiesDroppedImagesWithTheirTopClasses() throws Exception {
        Path testFolder = state.datasetRootProperty().get().resolve("test");
        // A folder dropped anywhere on the screen (here on the metrics tab) switches to Predict and classifies it.
        Drops.Result[] drop = new Drops.Result[1];
        interact(() -> drop[0] = Drops.dropFiles(lookup("#resultsTabs").query(), List.of(testFolder)));
        assertTrue(drop[0].completed(), "the screen accepts dropped files");
        assertEquals(3, lookup("#resultsTabs").queryAs(TabPane.class).getSelectionModel().getSelectedIndex(), "the Predict tab is shown");
        javafx.scene.control.ListView<?> list = lookup("#predictionList").query();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> list.getItems().size() == 10);
        var first = (ResultsViewModel.PredictedImage) list.getItems().get(0);
        assertEquals(2, first.top().size(), "two classes: both are listed");
        assertTrue(first.top().get(0).probability() >= first.top().get(1).probability());
        assertEquals(1.0, first.top().get(0).probability() + first.top().get(1).probability(), 1e-3);
        sleep(500);
        interact(() -> Screenshots.save(stage.getScene(), "results-predict"));

        // "Choose images…" asks for several image files and classifies exactly those.
        List<Path> two;
        try (var files = java.nio.file.Files.list(testFolder)) {
            two = files.sorted().limit(2).toList();
        }
        try (ScriptedDialogs dialogs = ScriptedDialogs.install().thenChoose(two.toArray(Path[]::new))) {
            interact(() -> results.viewModel().clearPredictions());
            clickOn("#predictFilesButton");
            assertEquals(FileDialogs.Kind.OPEN_FILES, dialogs.last().kind());
            assertEquals(List.of(FileDialogs.IMAGES), dialogs.last().filters());
        }
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> list.getItems().size() == 2);
    }
}
