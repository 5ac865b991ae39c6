package wb.ui.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;

/** The fine-tune phase is marked on the epoch charts once its boundary is on them. */
class TrainChartsPhaseUiTest extends ApplicationTest {

    TrainCharts charts;

    @Override public void start(Stage stage) {
        charts = new TrainCharts();
        stage.setScene(new Scene(new VBox(charts.lossPane(), charts.accuracyPane()), 800, 600));
        stage.show();
    }

    static TrainingSnapshot snapshot(int epochs, List<TrainingSnapshot.PhaseMark> phases) {
        List<wb.train.EpochMetrics> list = new java.util.ArrayList<>();
        for (int e = 1; e <= epochs; e++) list.add(TrainingRecorderTest.epoch(e, 4));
        return new TrainingSnapshot("run", Path.of("runs", "run"), TrainingSnapshot.Phase.TRAINING, "Training",
                TrainingRecorderTest.start(4, 2), list, List.of(), 1, 0, null, null, List.of(), List.of(), phases);
    }

    static List<String> seriesNames(XYChart<Number, Number> chart) {
        return chart.getData().stream().map(XYChart.Series::getName).toList();
    }

    @Test
    void fineTuneStartIsADashedLineBetweenTheEpochs() {
        var head = new TrainingSnapshot.PhaseMark("head", 1);
        var fineTune = new TrainingSnapshot.PhaseMark("fine-tune", 3);
        interact(() -> charts.render(snapshot(1, List.of(head)), null, null));
        assertEquals(List.of("train", "valid"), seriesNames(charts.charts().get("loss")), "no mark for the first phase");

        interact(() -> charts.render(snapshot(2, List.of(head, fineTune)), null, null));
        interact(() -> charts.render(snapshot(3, List.of(head, fineTune)), null, null));
        for (String chart : List.of("loss", "accuracy")) {
            var c = charts.charts().get(chart);
            assertEquals(List.of("train", "valid", "fine-tune from epoch 3"), seriesNames(c), chart);
            XYChart.Series<Number, Number> mark = c.getData().get(2);
            assertEquals(List.of(2.5, 2.5), mark.getData().stream().map(d -> d.getXValue().doubleValue()).toList());
        }
    }

    @Test
    void aReopenedRunIsMarkedFromItsPhases() {
        var run = new RunRecord("r", Path.of("runs", "r"), "minivggnet", "MiniVGGNet", java.time.Instant.EPOCH, "COMPLETED", "done",
                4, 4, 0.9, 0.3, true, true);
        var curves = new RunCurves(run, snapshot(4, List.of()).epochs(),
                List.of(new TrainingSnapshot.PhaseMark("head", 1), new TrainingSnapshot.PhaseMark("fine-tune", 3)), List.of());
        interact(() -> charts.render(null, curves, null));
        assertEquals(List.of("train", "valid", "fine-tune from epoch 3"), seriesNames(charts.charts().get("accuracy")));
    }
}
