package wb.ui.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import wb.model.ModelZoo;
import wb.ui.AppState;
import wb.ui.Screenshots;
import wb.ui.UiFixtures;
import wb.ui.model.ModelScreen;

class TrainScreenUiTest extends ApplicationTest {

    @TempDir static Path tmp;
    static AppState state;

    ModelScreen model;
    TrainScreen train;
    TabPane tabs;
    Stage stage;

    @BeforeAll
    static void data() throws Exception {
        Path root = UiFixtures.stripes(tmp.resolve("stripes"), 24, 8, 10);
        state = UiFixtures.state(root, tmp.resolve("runs"));
    }

    @Override public void start(Stage stage) {
        this.stage = stage;
        model = new ModelScreen(state);
        train = new TrainScreen(state);
        tabs = new TabPane(new Tab("Model", model.root()), new Tab("Train", train.root()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Scene scene = new Scene(tabs, 1270, 790);
        scene.getStylesheets().setAll(wb.ui.Theme.LIGHT.stylesheets()); // the window's look, as in the application
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void trainsLivePausesStopsAndLoadsTheModel() throws Exception {
        interact(() -> model.viewModel().selectedModelProperty().set(ModelZoo.standard().get("shallownet")));
        // Transfer learning: from scratch by default; ShallowNet has no ImageNet weights, so the options stay hidden.
        assertEquals(wb.ui.model.ModelViewModel.StartFrom.NONE, ((javafx.scene.control.ComboBox<?>) lookup("#startFromField").query()).getValue());
        assertFalse(model.viewModel().imagenetAvailableProperty().get());
        assertFalse(lookup("#freezeToField").query().getParent().getParent().isVisible());
        assertEquals(wb.ui.support.Fmt.NONE, lookup("#trainingPhase").queryAs(Label.class).getText());
        doubleClickOn("#epochsField").eraseText(6).write("10000");
        doubleClickOn("#batchSizeField").eraseText(4).write("8");
        interact(() -> Screenshots.save(stage.getScene(), "model"));
        clickOn("#inputSizeField").write("16");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !lookup("#applySettingsButton").queryButton().isDisabled());
        interact(() -> Screenshots.save(stage.getScene(), "model"));
        clickOn("#applySettingsButton");
        assertEquals(16, state.trainConfigProperty().get().inputSize());
        assertEquals("shallownet", state.trainConfigProperty().get().modelId());

        interact(() -> tabs.getSelectionModel().select(1));
        clickOn("#startButton");
        LineChart<?, ?> batch = lookup("#batchLossChart").query();
        LineChart<?, ?> loss = lookup("#lossChart").query();
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> points(batch) >= 5 && points(loss) >= 2);

        clickOn("#pauseButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lookup("#resumeButton").queryButton().isDisabled());
        assertTrue(lookup("#trainStatus").queryAs(Label.class).getText().startsWith("Paused"));
        interact(() -> Screenshots.save(stage.getScene(), "train-paused"));
        clickOn("#resumeButton");
        clickOn("#stopButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> state.modelProperty().get() != null);
        assertEquals("shallownet", state.modelProperty().get().card().modelId());
        String notice = lookup("#trainNotice").queryAs(Label.class).getText();
        assertTrue(notice.startsWith("Stopped after"), notice);
        ListView<?> runs = lookup("#runList").query();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> runs.getItems().size() == 1);
        assertTrue(((RunRecord) runs.getItems().get(0)).hasModel());
        interact(() -> Screenshots.save(stage.getScene(), "train-stopped"));
        Button start = lookup("#startButton").queryButton();
        assertFalse(start.isDisabled());

        // Continue the stopped run from its checkpoint: same folder, earlier epochs kept on the charts.
        int epochsBefore = ((RunRecord) runs.getItems().get(0)).epochs();
        interact(() -> runs.getSelectionModel().select(0));
        Button cont = lookup("#continueRunButton").queryButton();
        assertFalse(cont.isDisabled(), "a stopped run with a checkpoint can be continued");
        clickOn(cont);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> points(loss) >= 2 * (epochsBefore + 1));
        assertTrue(cont.isDisabled(), "no second run while one is going");
        clickOn("#stopButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !start.isDisabled());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> runs.getItems().size() == 1
                && ((RunRecord) runs.getItems().get(0)).epochs() > epochsBefore);
        assertTrue(lookup("#trainNotice").queryAs(Label.class).getText().startsWith("Stopped after"));

        // The watched validation images: one frame per finished epoch, the newest shown; the slider steps back.
        WatchGallery g = train.viewModel().watchGallery();
        int frames = g.frameCountProperty().get();
        assertTrue(frames >= epochsBefore + 1, "a frame per epoch, the continued ones too: " + frames);
        clickOn(lookup(".tab").match(n -> n.lookup(".tab-label") instanceof Label l && l.getText().equals("Watched images")).queryAs(javafx.scene.Node.class));
        org.controlsfx.control.GridView<?> grid = lookup("#watchGrid").query();
        assertTrue(grid.isVisible());
        assertEquals(g.items().size(), grid.getItems().size());
        assertFalse(grid.getItems().isEmpty());
        String latest = lookup("#watchTitle").queryAs(Label.class).getText();
        assertTrue(latest.startsWith("After epoch " + frames + ":"), latest);
        javafx.scene.control.Slider slider = lookup("#watchSlider").query();
        interact(() -> slider.setValue(0));
        String first = lookup("#watchTitle").queryAs(Label.class).getText();
        assertTrue(first.startsWith("After epoch 1:"), first);
        assertEquals(0, g.frameProperty().get());
        interact(() -> Screenshots.save(stage.getScene(), "train-watched"));
    }

    private static int points(LineChart<?, ?> chart) {
        return chart.getData().stream().mapToInt(s -> s.getData().size()).sum();
    }
}
