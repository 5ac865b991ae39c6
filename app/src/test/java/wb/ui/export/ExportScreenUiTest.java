package wb.ui.export;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.dataset.Split;
import wb.evaluate.Evaluation;
import wb.train.Classifier;
import wb.ui.AppState;
import wb.ui.Screenshots;
import wb.ui.UiFixtures;
import wb.ui.FileDialogs;
import wb.ui.support.ScriptedDialogs;
import wb.ui.train.TrainScreen;

class ExportScreenUiTest extends ApplicationTest {

    @TempDir static Path tmp;
    static AppState state;
    static Path runDir;

    TrainScreen train;
    ExportScreen export;
    Stage stage;

    @BeforeAll
    static void model() throws Exception {
        Path root = UiFixtures.stripes(tmp.resolve("stripes"), 24, 8, 10);
        state = UiFixtures.state(root, tmp.resolve("runs"));
        runDir = tmp.resolve("runs").resolve("2026-11-22_10-00-00_shallownet");
        Classifier model = UiFixtures.trainTiny(state, runDir, 2);
        state.modelProperty().set(model);
        state.setEvaluation(Evaluation.of(model.predict(state.verification().usable(), Split.VALID, new java.util.ArrayList<>(),
                Progress.NONE, Cancellation.NEVER)), Map.of("split", "valid"));
    }

    @Override public void start(Stage stage) {
        this.stage = stage;
        train = new TrainScreen(state);
        export = new ExportScreen(state, train);
        TabPane tabs = new TabPane(new Tab("Export", export.root()), new Tab("Train", train.root()));
        Scene scene = new Scene(tabs, 1270, 790);
        scene.getStylesheets().setAll(wb.ui.Theme.LIGHT.stylesheets()); // the window's look, as in the application
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void predictsTheTestFolderPreviewsValidatesAndWritesTheSubmission() throws Exception {
        ExportViewModel vm = export.viewModel();
        assertEquals(state.datasetRootProperty().get().resolve("test"), vm.testFolderProperty().get(), "the dataset's test/ folder is the default");
        // Stripes look the same mirrored, so flip test-time augmentation suits them.
        javafx.scene.control.ComboBox<wb.train.Tta> tta = lookup("#exportTtaBox").query();
        interact(() -> tta.getSelectionModel().select(wb.train.Tta.FLIP));
        assertEquals(wb.train.Tta.FLIP, vm.ttaProperty().get());
        clickOn("#predictTestButton");
        TableView<?> preview = lookup("#submissionPreview").query();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> preview.getItems().size() == 10);
        assertEquals(List.of("1", "2"), List.of(((List<?>) preview.getItems().get(0)).get(0), ((List<?>) preview.getItems().get(1)).get(0)));
        assertEquals(List.of("id", "label"), preview.getColumns().stream().map(c -> c.getText()).toList());

        clickOn("#probabilityColumnsRadio");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> preview.getColumns().size() == 3);
        assertEquals(List.of("id", "horizontal", "vertical"), preview.getColumns().stream().map(c -> c.getText()).toList());

        clickOn("#clipBox");
        doubleClickOn("#clipLowField").write("0.99");
        Label validation = lookup("#submissionValidation").query();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> validation.getText().startsWith("Clipping needs"));
        assertTrue(lookup("#saveSubmissionButton").queryButton().isDisabled());
        doubleClickOn("#clipLowField").write("0.02");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lookup("#saveSubmissionButton").queryButton().isDisabled());

        Path sample = tmp.resolve("sample_submission.csv");
        Files.writeString(sample, "id,label\n" + "1,0.5\n".repeat(1) + "2,0.5\n3,0.5\n4,0.5\n5,0.5\n6,0.5\n7,0.5\n8,0.5\n9,0.5\n10,0.5\n11,0.5\n12,0.5\n");
        try (ScriptedDialogs dialogs = ScriptedDialogs.install().thenCancel().thenChoose(sample)) {
            clickOn("#chooseSampleButton"); // cancelled: nothing changes
            assertNull(vm.sampleSubmissionProperty().get());
            clickOn("#chooseSampleButton");
            assertEquals(FileDialogs.Kind.OPEN_FILE, dialogs.last().kind());
            assertEquals(List.of(FileDialogs.CSV), dialogs.last().filters());
            assertEquals(sample, vm.sampleSubmissionProperty().get());
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> validation.getText().contains("2 missing: 11, 12"));
        assertTrue(lookup("#saveSubmissionButton").queryButton().isDisabled());
        interact(() -> Screenshots.save(stage.getScene(), "export-mismatch"));

        interact(() -> vm.sampleSubmissionProperty().set(null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lookup("#saveSubmissionButton").queryButton().isDisabled());
        Path csv = tmp.resolve("submission.csv");
        try (ScriptedDialogs dialogs = ScriptedDialogs.install().thenChoose(csv)) {
            clickOn("#saveSubmissionButton");
            assertEquals(FileDialogs.Kind.SAVE_FILE, dialogs.last().kind());
            assertEquals("submission.csv", dialogs.last().initialName());
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(csv));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(11, lines.size());
        assertEquals("id,horizontal,vertical", lines.get(0));
        assertTrue(lines.get(1).startsWith("1,"));
        interact(() -> Screenshots.save(stage.getScene(), "export"));
    }

    @Test
    void predictsTheSubmissionWithAnEnsembleOfTwoRuns() throws Exception {
        ExportViewModel vm = export.viewModel();
        Path second = tmp.resolve("other-runs").resolve("tiny-ensemble"); // outside the run history the Train screen lists
        Classifier other = UiFixtures.trainTiny(state, second, 1);
        try {
            try (ScriptedDialogs dialogs = ScriptedDialogs.install().thenChoose(second)) {
                clickOn("#exportEnsembleButton");
                assertEquals(FileDialogs.Kind.FOLDER, dialogs.last().kind());
            }
            assertEquals("Ensemble: + 1 run", lookup("#exportEnsembleText").queryAs(Label.class).getText());
            assertEquals(List.of(second.toAbsolutePath().normalize()), state.ensemble().runs(), "the Results screen sees the same ensemble");
            clickOn("#predictTestButton");
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.testPredictionsProperty().get() != null);
            var got = vm.testPredictionsProperty().get();
            assertEquals(10, got.size());
            var a = state.modelProperty().get().predict(got.files(), new java.util.ArrayList<>(), Progress.NONE, Cancellation.NEVER);
            var b = other.predict(got.files(), new java.util.ArrayList<>(), Progress.NONE, Cancellation.NEVER);
            var expected = wb.evaluate.Ensemble.average(List.of(a, b));
            for (int i = 0; i < expected.size(); i++) {
                int j = got.files().indexOf(expected.files().get(i));
                assertArrayEquals(expected.probabilities()[i], got.probabilities()[j], 1e-5f, "the submission averages both models");
            }
            clickOn(lookup(".hyperlink").match(n -> n.isVisible() && "Clear".equals(((javafx.scene.control.Hyperlink) n).getText())).queryAs(javafx.scene.Node.class));
            assertTrue(state.ensemble().runs().isEmpty());
            assertNull(vm.testPredictionsProperty().get(), "predictions of the old ensemble are dropped");
        } finally {
            interact(() -> state.ensemble().clear());
        }
    }

    @Test
    void exportsMetricsViewSheetsAndCharts() throws Exception {
        ExportViewModel vm = export.viewModel();
        assertFalse(lookup("#exportMetricsButton").queryButton().isDisabled());
        Path metrics = tmp.resolve("reports").resolve("metrics.csv");
        try (ScriptedDialogs dialogs = ScriptedDialogs.install().thenChoose(metrics)) {
            clickOn("#exportMetricsButton");
            assertEquals(new FileDialogs.Request(FileDialogs.Kind.SAVE_FILE, "Save the epoch metrics", null, "metrics.csv", List.of(FileDialogs.CSV)),
                    dialogs.last());
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> metrics.equals(vm.lastExportProperty().get()));
        assertEquals(Files.readString(runDir.resolve("metrics.csv")), Files.readString(metrics));

        Path watchPng = tmp.resolve("reports").resolve("watch.png");
        try (ScriptedDialogs dialogs = ScriptedDialogs.install().thenChoose(watchPng)) {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !lookup("#exportWatchButton").queryButton().isDisabled());
            clickOn("#exportWatchButton");
            assertEquals("watch.png", dialogs.last().initialName());
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> watchPng.equals(vm.lastExportProperty().get()));
        wb.imaging.Raster sheet = wb.imaging.ImageDecoder.decodeOrThrow(watchPng, 3);
        int watched = wb.train.WatchCsvWriter.read(runDir.resolve("watch.csv")).get(0).predictions().size();
        assertEquals(watched * 64 + (watched + 1) * 4, sheet.width(), "one column per watched image");

        Path views = tmp.resolve("reports").resolve("views");
        try (ScriptedDialogs dialogs = ScriptedDialogs.install().thenChoose(views)) {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !lookup("#exportReportButton").queryButton().isDisabled());
            clickOn("#exportReportButton");
            assertEquals(FileDialogs.Kind.FOLDER, dialogs.last().kind());
            assertEquals(metrics.getParent(), dialogs.last().initialFolder(), "dialogs start where the last export went");
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(views.resolve("most_uncertain.csv")));
        for (String v : List.of("random_correct", "random_incorrect", "most_confident_correct", "most_confident_incorrect", "most_uncertain")) {
            assertTrue(Files.size(views.resolve(v + ".png")) > 0, v);
        }
        // The same report as 'workbench evaluate': metrics with what they are of, the matrix and per-class figures.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> views.equals(vm.lastExportProperty().get()));
        com.fasterxml.jackson.databind.JsonNode report = wb.model.ModelBundle.json().readTree(views.resolve("evaluation.json").toFile());
        assertEquals("valid", report.get("split").asText());
        assertTrue(report.get("accuracy").isNumber());
        assertEquals(report.get("classes").size() + 1, Files.readAllLines(views.resolve("per_class.csv")).size());
        assertTrue(Files.exists(views.resolve("confusion_matrix.csv")));

        // Show the tiny run's curves on the Train screen, then export them.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> train.viewModel().runs().size() == 1);
        interact(() -> train.viewModel().show(train.viewModel().runs().get(0)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> train.viewModel().shownRunProperty().get() != null);
        Map<String, ? extends Image>[] images = new Map[1];
        interact(() -> images[0] = train.snapshotCharts(800, 500));
        assertEquals(List.of("loss", "accuracy"), List.copyOf(images[0].keySet()), "batch curves exist only for live runs");
        assertEquals(800, images[0].get("loss").getWidth());
        Path chartDir = tmp.resolve("reports").resolve("charts");
        try (ScriptedDialogs dialogs = ScriptedDialogs.install().thenChoose(chartDir)) {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !lookup("#exportChartsButton").queryButton().isDisabled());
            clickOn("#exportChartsButton");
            assertEquals(FileDialogs.Kind.FOLDER, dialogs.last().kind());
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(chartDir.resolve("accuracy.png")));
        assertTrue(Files.size(chartDir.resolve("loss.png")) > 1000);
        Files.copy(chartDir.resolve("loss.png"), Path.of("target", "ui-screens", "exported-loss.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
