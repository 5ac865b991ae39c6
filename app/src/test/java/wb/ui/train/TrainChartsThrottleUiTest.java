package wb.ui.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;

import wb.ui.train.TrainingSnapshot.BatchPoint;
import wb.ui.train.TrainingSnapshot.Phase;

/**
 * The batch curves redraw at most once per period while a run trains, and a snapshot that arrives within a period is
 * drawn when the period ends, also when no later snapshot comes (a paused run).
 */
class TrainChartsThrottleUiTest extends ApplicationTest {

    static final long SECOND = TrainCharts.BATCH_CURVE_PERIOD_NANOS;

    long now = 1_000_000_000_000L;
    /** Tasks the charts deferred, with their delays. */
    final List<Runnable> deferred = new ArrayList<>();
    final List<Long> delays = new ArrayList<>();
    TrainCharts charts;

    @Override public void start(Stage stage) {
        charts = new TrainCharts(() -> now, (task, nanos) -> {
            deferred.add(task);
            delays.add(nanos);
        });
        stage.setScene(new Scene(new VBox(charts.batchPane(), charts.ratePane()), 800, 600));
        stage.show();
    }

    static TrainingSnapshot live(String run, Phase phase, int points, int generation) {
        List<BatchPoint> list = new ArrayList<>();
        for (int i = 0; i < points; i++) list.add(new BatchPoint(i, 2.0 / (i + 1), 2.0 / (i + 1), 0.01));
        return new TrainingSnapshot(run, Path.of("runs", run), phase, "Training", TrainingRecorderTest.start(4, 100),
                List.of(), list, 1, generation, null, null, List.of(), List.of());
    }

    int shown(String chart) {
        XYChart<Number, Number> c = charts.charts().get(chart);
        return c.getData().get(0).getData().size();
    }

    @Test
    void batchCurvesRedrawOncePerPeriodAndCatchUp() {
        interact(() -> charts.render(live("a", Phase.TRAINING, 3, 0), null, null));
        assertEquals(3, shown("batch-loss"), "a run's first points are drawn at once");
        assertEquals(3, shown("learning-rate"));

        now += SECOND / 4;
        interact(() -> charts.render(live("a", Phase.TRAINING, 5, 0), null, null));
        now += SECOND / 4;
        interact(() -> charts.render(live("a", Phase.TRAINING, 8, 0), null, null));
        assertEquals(3, shown("batch-loss"), "within the period the curve waits");
        assertEquals(1, deferred.size(), "one catch-up for any number of waiting snapshots");
        assertEquals(3 * SECOND / 4, delays.get(0), "due when the period since the last draw ends");

        now += 3 * SECOND / 4;
        interact(() -> deferred.get(0).run());
        assertEquals(8, shown("batch-loss"), "the newest waiting snapshot is drawn when the period ends");
        assertEquals(8, shown("learning-rate"));

        now += SECOND / 10;
        interact(() -> charts.render(live("a", Phase.TRAINING, 9, 1), null, null));
        assertEquals(9, shown("batch-loss"), "a thinned curve is redrawn at once");
        now += SECOND / 10;
        interact(() -> charts.render(live("a", Phase.FINISHED, 10, 1), null, null));
        assertEquals(10, shown("batch-loss"), "a finished run is drawn at once");

        now += SECOND * 2;
        interact(() -> charts.render(live("a", Phase.TRAINING, 11, 1), null, null));
        assertEquals(11, shown("batch-loss"), "after a quiet period the next snapshot is drawn at once");
    }

    @Test
    void aCatchUpForAnEarlierRunDrawsNothing() {
        interact(() -> charts.render(live("a", Phase.TRAINING, 3, 0), null, null));
        now += SECOND / 2;
        interact(() -> charts.render(live("a", Phase.TRAINING, 6, 0), null, null));
        assertEquals(1, deferred.size());
        interact(() -> charts.render(live("b", Phase.TRAINING, 2, 0), null, null));
        assertEquals(2, shown("batch-loss"), "a new run starts its curve at once");
        interact(() -> deferred.get(0).run());
        assertEquals(2, shown("batch-loss"), "run a's waiting points do not land on run b's chart");
    }
}
