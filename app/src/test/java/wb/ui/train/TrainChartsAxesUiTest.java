package wb.ui.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import javafx.scene.Scene;
import javafx.scene.chart.NumberAxis;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;

import wb.ui.train.TrainingSnapshot.Phase;

/**
 * The live batch curves have fixed axes: iterations span the planned run from the first batch, loss and learning rate
 * round bounds that hold every point shown.
 */
class TrainChartsAxesUiTest extends ApplicationTest {

    long now = 1_000_000_000_000L;
    TrainCharts charts;

    @Override public void start(Stage stage) {
        charts = new TrainCharts(() -> now, (task, nanos) -> { });
        Scene scene = new Scene(new VBox(charts.batchPane(), charts.ratePane()), 800, 600);
        scene.getStylesheets().setAll(wb.ui.Theme.LIGHT.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    NumberAxis x(String chart) { return (NumberAxis) charts.charts().get(chart).getXAxis(); }
    NumberAxis y(String chart) { return (NumberAxis) charts.charts().get(chart).getYAxis(); }

    static String bounds(NumberAxis a) {
        return a.getLowerBound() + ".." + a.getUpperBound() + " step " + a.getTickUnit() + (a.isAutoRanging() ? " auto" : "");
    }

    @Test
    void iterationsSpanThePlannedRunAndValuesStayInside() {
        // 4 epochs of 100 batches; loss 2/(i+1) per iteration i, rate 0.01.
        interact(() -> charts.render(TrainChartsThrottleUiTest.live("a", Phase.TRAINING, 3, 0), null, null));
        for (String c : new String[] {"batch-loss", "learning-rate"}) {
            assertFalse(x(c).isAutoRanging(), c);
            assertEquals(0, x(c).getLowerBound(), c + " " + bounds(x(c)));
            assertTrue(x(c).getUpperBound() >= 399 && x(c).getUpperBound() <= 450, c + " " + bounds(x(c)));
        }
        NumberAxis loss = y("batch-loss");
        assertFalse(loss.isAutoRanging());
        assertTrue(loss.getLowerBound() <= 2.0 / 3 && loss.getUpperBound() >= 2, bounds(loss));
        NumberAxis rate = y("learning-rate");
        assertEquals(0, rate.getLowerBound(), bounds(rate));
        assertTrue(rate.getUpperBound() >= 0.01 && rate.getUpperBound() <= 0.02, bounds(rate));
        String xBefore = bounds(x("batch-loss"));

        now += 2 * TrainCharts.BATCH_CURVE_PERIOD_NANOS;
        interact(() -> charts.render(TrainChartsThrottleUiTest.live("a", Phase.TRAINING, 200, 0), null, null));
        assertEquals(xBefore, bounds(x("batch-loss")), "the iteration axis does not move while the run trains");
        assertTrue(loss.getLowerBound() <= 0.01 && loss.getUpperBound() >= 2, "holds the new lowest loss: " + bounds(loss));
        double ticks = (loss.getUpperBound() - loss.getLowerBound()) / loss.getTickUnit();
        assertTrue(ticks >= 3 && ticks <= 10, bounds(loss));

        interact(() -> charts.render(null, null, null));
        assertEquals("0.0..1.0 step 0.2", bounds(loss), "no run: a neutral range under the placeholder");
        assertEquals("0.0..100.0 step 20.0", bounds(x("learning-rate")));
    }

    @Test
    void gridLinesAreSolid() {
        interact(() -> charts.render(TrainChartsThrottleUiTest.live("a", Phase.TRAINING, 30, 0), null, null));
        for (String c : new String[] {"batch-loss", "learning-rate"}) {
            var chart = charts.charts().get(c);
            javafx.scene.shape.Path grid = (javafx.scene.shape.Path) chart.lookup(".chart-horizontal-grid-lines");
            assertFalse(grid.getElements().isEmpty(), c + " has grid lines");
            assertEquals(List.of(), grid.getStrokeDashArray(), c + ": dotted lines cost the software renderer a dash per 2 px");
            assertFalse(chart.getVerticalGridLinesVisible(), c + ": vertical grid lines are transparent; not drawn at all");
        }
    }
}
