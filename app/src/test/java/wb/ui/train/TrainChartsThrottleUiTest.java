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
 * The batch curves redraw about once per period while a run trains: a snapshot near the period's end draws them at
 * once (in the pulse that draws the figures), an earlier one waits for the next snapshot or, when none comes (a paused
 * run), for a catch-up after the period ends.
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
        assertEquals(3 * SECOND / 4 + TrainCharts.CATCH_UP_NANOS, delays.get(0), "due a while after the period since the last draw ends");

        now += 3 * SECOND / 4 + TrainCharts.CATCH_UP_NANOS;
        interact(() -> deferred.get(0).run());
        assertEquals(8, shown("batch-loss"), "the newest waiting snapshot is drawn when no later one came");
        assertEquals(8, shown("learning-rate"));

        now += SECOND / 2;
        interact(() -> charts.render(live("a", Phase.TRAINING, 9, 0), null, null));
        assertEquals(8, shown("batch-loss"), "half a period on, the curve waits");
        assertEquals(2, deferred.size());
        now += SECOND - TrainCharts.EARLY_NANOS - SECOND / 2;
        interact(() -> charts.render(live("a", Phase.TRAINING, 10, 0), null, null));
        assertEquals(10, shown("batch-loss"), "a snapshot near the period's end draws at once, with the figures");
        now += SECOND / 2;
        interact(() -> charts.render(live("a", Phase.TRAINING, 11, 0), null, null));
        assertEquals(2, deferred.size(), "the catch-up still scheduled serves the new waiting snapshot");
        now += SECOND / 10;
        interact(() -> deferred.get(1).run());
        assertEquals(10, shown("batch-loss"), "a catch-up that comes early after a redraw does not draw");
        assertEquals(3, deferred.size(), "it schedules the next one");
        assertEquals(SECOND - SECOND / 2 - SECOND / 10 + TrainCharts.CATCH_UP_NANOS, delays.get(2));
        now += delays.get(2);
        interact(() -> deferred.get(2).run());
        assertEquals(11, shown("batch-loss"));

        now += SECOND / 10;
        interact(() -> charts.render(live("a", Phase.TRAINING, 9, 1), null, null));
        assertEquals(9, shown("batch-loss"), "a thinned curve is redrawn at once");
        now += SECOND / 10;
        interact(() -> charts.render(live("a", Phase.FINISHED, 12, 1), null, null));
        assertEquals(12, shown("batch-loss"), "a finished run is drawn at once");

        now += SECOND * 2;
        interact(() -> charts.render(live("a", Phase.TRAINING, 13, 1), null, null));
        assertEquals(13, shown("batch-loss"), "after a quiet period the next snapshot is drawn at once");
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
