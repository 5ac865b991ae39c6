package wb.ui.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

import javafx.application.Platform;

import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.chart.XYChart.Data;
import javafx.scene.chart.XYChart.Series;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

import wb.train.EpochMetrics;
import wb.train.RunStart;
import wb.ui.support.AxisRange;
import wb.ui.support.Fmt;
import wb.ui.support.Ui;
import wb.ui.train.TrainingSnapshot.BatchPoint;

/**
 * The four training charts. Live snapshots are drawn incrementally: only epochs and batch points that arrived
 * since the last update are appended (a full redraw happens only when a new run starts or the recorder thins the
 * batch curve, which is at most log2(iterations / 500) times a run). Reopened runs are drawn once.
 */
final class TrainCharts {

    private static final int SYMBOL_LIMIT = 150;
    /** The batch curves redraw about once a second while a run trains, as the figures above them do. */
    static final long BATCH_CURVE_PERIOD_NANOS = 1_000_000_000L;
    /**
     * A snapshot this close to the end of the period draws the curves at once: snapshots come about once a second
     * ({@link TrainingRecorder#DEFAULT_INTERVAL_NANOS}), a little late or early, and each redraws them in the same
     * pulse as the figures. A redraw of its own would cost the window a pulse more a second, and with the software
     * renderer every pulse that paints copies the whole window to the screen (docs/benchmarks.md, GUI vs CLI).
     */
    static final long EARLY_NANOS = 250_000_000L;
    /** When no snapshot comes (a paused run), the waiting points are drawn this long after the period ends. */
    static final long CATCH_UP_NANOS = 500_000_000L;
    /** The batch charts' axes while they have no points. */
    private static final AxisRange NO_ITERATIONS = new AxisRange(0, 100, 20);
    private static final AxisRange NO_VALUES = new AxisRange(0, 1, 0.2);

    private final LineChart<Number, Number> lossChart = chart("Loss per epoch", "Epoch", "Loss", true, integerTicks());
    private final LineChart<Number, Number> accuracyChart = chart("Accuracy per epoch", "Epoch", "Accuracy (%)", true, integerTicks());
    private final LineChart<Number, Number> batchChart = chart("Smoothed batch loss", "Iteration", "Loss", false, integerTicks());
    private final LineChart<Number, Number> lrChart = chart("Learning rate", "Iteration", "Rate", false, integerTicks());

    private final Series<Number, Number> trainLoss = new Series<>();
    private final Series<Number, Number> validLoss = new Series<>();
    private final Series<Number, Number> trainAcc = new Series<>();
    private final Series<Number, Number> validAcc = new Series<>();
    private final Series<Number, Number> batchLoss = new Series<>();
    private final Series<Number, Number> rate = new Series<>();
    /** Dashed vertical lines where a training phase begins (transfer learning's fine-tune); null when none is drawn. */
    private Series<Number, Number> lossPhaseMark;
    private Series<Number, Number> accuracyPhaseMark;
    private TrainingSnapshot.PhaseMark markedPhase;
    private Series<Number, Number> cTrainLoss;
    private Series<Number, Number> cValidLoss;
    private Series<Number, Number> cTrainAcc;
    private Series<Number, Number> cValidAcc;

    private final Label lossEmpty = placeholder();
    private final Label accuracyEmpty = placeholder();
    private final Label batchEmpty = placeholder();
    private final Label rateEmpty = placeholder();
    private final StackPane lossPane = new StackPane(lossChart, lossEmpty);
    private final StackPane accuracyPane = new StackPane(accuracyChart, accuracyEmpty);
    private final StackPane batchPane = new StackPane(batchChart, batchEmpty);
    private final StackPane ratePane = new StackPane(lrChart, rateEmpty);

    private final LongSupplier clock;
    /** Runs a task on the FX thread after a delay in nanoseconds. */
    private final BiConsumer<Runnable, Long> later;
    private long lastPointsDrawn;
    /** The newest live snapshot whose batch points wait for the next period; null when none waits. */
    private TrainingSnapshot pendingPoints;
    /** True while a catch-up is scheduled (at most one is). */
    private boolean catchUpScheduled;

    private String liveRun;
    private int epochsShown;
    private int pointsShown;
    private int pointGeneration = -1;
    /** Extremes of the batch points shown, for the fixed ranges of the batch charts' axes. */
    private long firstIteration;
    private long lastIteration;
    private double lossMin;
    private double lossMax;
    private double rateMax;
    private AxisRange lossRange;
    private AxisRange rateRange;
    private RunCurves staticRun;
    private RunCurves compare;
    private int firstEpoch = Integer.MAX_VALUE;
    private int lastEpoch = Integer.MIN_VALUE;

    TrainCharts() {
        this(System::nanoTime, (task, nanos) -> CompletableFuture.runAsync(task,
                CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, Platform::runLater)));
    }

    /** {@code clock} in nanoseconds; {@code later} runs a task on the FX thread after a delay in nanoseconds. */
    TrainCharts(LongSupplier clock, BiConsumer<Runnable, Long> later) {
        this.clock = clock;
        this.later = later;
        lossChart.setId("lossChart");
        accuracyChart.setId("accuracyChart");
        batchChart.setId("batchLossChart");
        lrChart.setId("learningRateChart");
        batchChart.getStyleClass().add("wb-batch-chart");
        lrChart.getStyleClass().add("wb-batch-chart");
        lossChart.getData().addAll(List.of(trainLoss, validLoss));
        accuracyChart.getData().addAll(List.of(trainAcc, validAcc));
        batchChart.getData().add(batchLoss);
        lrChart.getData().add(rate);
        batchChart.setLegendVisible(false);
        lrChart.setLegendVisible(false);
        names(null, null);
        batchLoss.setName("smoothed loss");
        rate.setName("learning rate");
        render(null, null, null);
    }

    StackPane lossPane() { return lossPane; }
    StackPane accuracyPane() { return accuracyPane; }
    StackPane batchPane() { return batchPane; }
    StackPane ratePane() { return ratePane; }

    /** The chart nodes by export file stem, for PNG export. */
    Map<String, LineChart<Number, Number>> charts() {
        Map<String, LineChart<Number, Number>> m = new LinkedHashMap<>();
        m.put("loss", lossChart);
        m.put("accuracy", accuracyChart);
        m.put("batch-loss", batchChart);
        m.put("learning-rate", lrChart);
        return m;
    }

    /** True when the chart has at least one point. */
    static boolean hasData(XYChart<Number, Number> chart) {
        return chart.getData().stream().anyMatch(s -> !s.getData().isEmpty());
    }

    /**
     * Shows {@code shown} (a reopened run) or, when it is null, the live run; {@code compared} is drawn dashed on
     * the epoch charts.
     */
    void render(TrainingSnapshot live, RunCurves shown, RunCurves compared) {
        if (shown != null) {
            if (shown != staticRun) {
                staticRun = shown;
                liveRun = null;
                clearPrimary();
                appendEpochs(shown.epochs(), 0);
                markPhase(shown.phases());
            }
        } else {
            staticRun = null;
            if (live == null) {
                liveRun = null;
                clearPrimary();
            } else {
                if (!live.runName().equals(liveRun)) {
                    liveRun = live.runName();
                    clearPrimary();
                    pointGeneration = live.pointGeneration();
                }
                if (live.epochs().size() > epochsShown) {
                    appendEpochs(live.epochs(), epochsShown);
                    markPhase(live.phases());
                } else if (markedPhase == null) {
                    markPhase(live.phases());
                }
                drawPoints(live);
            }
        }
        if (compared != compare) setCompare(compared);
        names(shown != null ? shown.run().shortLabel() : "live", compare == null ? null : compare.run().shortLabel());
        updatePlaceholders(live, shown);
    }

    /**
     * Draws the start of the last phase that does not begin the run as a dashed vertical line between its first epoch
     * and the one before, spanning the plotted values; drawn once that epoch boundary is on the chart.
     */
    private void markPhase(List<TrainingSnapshot.PhaseMark> phases) {
        TrainingSnapshot.PhaseMark mark = null;
        for (TrainingSnapshot.PhaseMark p : phases) {
            if (p.firstEpoch() > 1 && p.firstEpoch() - 1 <= lastEpoch) mark = p;
        }
        removePhaseMark();
        if (mark == null) return;
        markedPhase = mark;
        lossPhaseMark = markSeries(mark, trainLoss, validLoss);
        accuracyPhaseMark = markSeries(mark, trainAcc, validAcc);
        if (lossPhaseMark != null) lossChart.getData().add(lossPhaseMark);
        if (accuracyPhaseMark != null) accuracyChart.getData().add(accuracyPhaseMark);
        for (Series<Number, Number> s : java.util.Arrays.asList(lossPhaseMark, accuracyPhaseMark)) {
            if (s == null || s.getNode() == null) continue;
            s.getNode().getStyleClass().add("wb-phase-mark");
            s.getNode().setStyle("-fx-stroke: gray; -fx-stroke-dash-array: 6 4; -fx-stroke-width: 1.5;");
            for (Data<Number, Number> d : s.getData()) {
                if (d.getNode() != null) d.getNode().setVisible(false);
            }
        }
    }

    private static Series<Number, Number> markSeries(TrainingSnapshot.PhaseMark mark, Series<Number, Number> a, Series<Number, Number> b) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series<Number, Number> s : List.of(a, b)) {
            for (Data<Number, Number> d : s.getData()) {
                lo = Math.min(lo, d.getYValue().doubleValue());
                hi = Math.max(hi, d.getYValue().doubleValue());
            }
        }
        if (!(lo <= hi)) return null;
        Series<Number, Number> s = new Series<>();
        s.setName(mark.name() + " from epoch " + mark.firstEpoch());
        double x = mark.firstEpoch() - 0.5;
        s.getData().add(new Data<>(x, lo));
        s.getData().add(new Data<>(x, hi));
        return s;
    }

    private void removePhaseMark() {
        if (lossPhaseMark != null) lossChart.getData().remove(lossPhaseMark);
        if (accuracyPhaseMark != null) accuracyChart.getData().remove(accuracyPhaseMark);
        lossPhaseMark = accuracyPhaseMark = null;
        markedPhase = null;
    }

    private void clearPrimary() {
        removePhaseMark();
        trainLoss.getData().clear();
        validLoss.getData().clear();
        trainAcc.getData().clear();
        validAcc.getData().clear();
        clearPoints();
        epochsShown = 0;
        pendingPoints = null;
        symbolsFor(0);
        refitEpochAxes();
    }

    private void clearPoints() {
        batchLoss.getData().clear();
        rate.getData().clear();
        pointsShown = 0;
        lossRange = rateRange = null;
        fitBatchAxes(null);
    }

    private void appendEpochs(List<EpochMetrics> epochs, int from) {
        List<Data<Number, Number>> tl = new ArrayList<>();
        List<Data<Number, Number>> vl = new ArrayList<>();
        List<Data<Number, Number>> ta = new ArrayList<>();
        List<Data<Number, Number>> va = new ArrayList<>();
        for (int i = from; i < epochs.size(); i++) {
            EpochMetrics e = epochs.get(i);
            add(tl, e.epoch(), e.trainLoss());
            add(vl, e.epoch(), e.validLoss());
            add(ta, e.epoch(), e.trainAccuracy() * 100);
            add(va, e.epoch(), e.validAccuracy() * 100);
        }
        trainLoss.getData().addAll(tl);
        validLoss.getData().addAll(vl);
        trainAcc.getData().addAll(ta);
        validAcc.getData().addAll(va);
        if (!epochs.isEmpty()) fitEpochAxes(epochs.get(0).epoch(), epochs.get(epochs.size() - 1).epoch());
        symbolsFor(epochs.size());
        tooltips(tl, "train loss", false);
        tooltips(vl, "valid loss", false);
        tooltips(ta, "train accuracy", true);
        tooltips(va, "valid accuracy", true);
        epochsShown = epochs.size();
    }

    /**
     * Brings the batch curves up to {@code live}, about once per {@link #BATCH_CURVE_PERIOD_NANOS}: a line chart
     * rebuilds and repaints its whole path on every change, the largest part of the window's work while training (on
     * two cores every millisecond of it is taken from the trainer). A snapshot from {@link #EARLY_NANOS} before the
     * period's end on is drawn at once; an earlier one waits, and if no later snapshot comes it is drawn
     * {@link #CATCH_UP_NANOS} after the period ends (a paused run shows its last batch). The first points of a run, a
     * thinned curve and a finished run are drawn at once.
     */
    private void drawPoints(TrainingSnapshot live) {
        boolean thinned = live.pointGeneration() != pointGeneration;
        if (!thinned && live.batchPoints().size() <= pointsShown) return;
        long now = clock.getAsLong();
        long wait = lastPointsDrawn + BATCH_CURVE_PERIOD_NANOS - now;
        if (pointsShown > 0 && !thinned && !live.finished() && wait > EARLY_NANOS) {
            pendingPoints = live;
            if (!catchUpScheduled) {
                catchUpScheduled = true;
                later.accept(this::drawPendingPoints, wait + CATCH_UP_NANOS);
            }
            return;
        }
        pendingPoints = null;
        lastPointsDrawn = now;
        if (thinned) {
            // The recorder thinned the curve: redraw it once from the new, halved list.
            clearPoints();
            pointGeneration = live.pointGeneration();
        }
        if (live.batchPoints().size() > pointsShown) appendPoints(live.batchPoints(), live.start());
    }

    /**
     * The catch-up: only if the charts still show the live run that snapshot belongs to. A snapshot that has waited
     * since an earlier catch-up was due is drawn; one that arrived after a later redraw waits again.
     */
    private void drawPendingPoints() {
        catchUpScheduled = false;
        TrainingSnapshot p = pendingPoints;
        pendingPoints = null;
        if (p == null || staticRun != null || !p.runName().equals(liveRun)) return;
        drawPoints(p);
    }

    private void appendPoints(List<BatchPoint> points, RunStart start) {
        List<Data<Number, Number>> loss = new ArrayList<>(points.size() - pointsShown);
        List<Data<Number, Number>> lr = new ArrayList<>(points.size() - pointsShown);
        if (pointsShown == 0) {
            firstIteration = points.get(0).iteration();
            lossMin = Double.POSITIVE_INFINITY;
            lossMax = rateMax = Double.NEGATIVE_INFINITY;
        }
        for (int i = pointsShown; i < points.size(); i++) {
            BatchPoint p = points.get(i);
            add(loss, p.iteration(), p.smoothedLoss());
            add(lr, p.iteration(), p.learningRate());
            lastIteration = p.iteration();
            if (Double.isFinite(p.smoothedLoss())) {
                lossMin = Math.min(lossMin, p.smoothedLoss());
                lossMax = Math.max(lossMax, p.smoothedLoss());
            }
            if (Double.isFinite(p.learningRate())) rateMax = Math.max(rateMax, p.learningRate());
        }
        pointsShown = points.size();
        fitBatchAxes(start);
        batchLoss.getData().addAll(loss);
        rate.getData().addAll(lr);
    }

    /**
     * Fixed ranges for the batch charts (an autoranging axis rebuilds its tick labels on every update). Iterations
     * span the whole planned run from the start, as fastai's live plot does, so the curve grows to the right and the
     * axis does not move; loss and learning rate get round bounds that change only when the curve leaves them or fills
     * less than a third of them. The learning rate's axis starts at zero: schedules decay towards it, and a constant
     * rate then reads as flat, not as noise. No points: a neutral 0-1 range under the placeholder.
     */
    private void fitBatchAxes(RunStart start) {
        if (pointsShown == 0) {
            for (LineChart<Number, Number> c : List.of(batchChart, lrChart)) {
                NO_ITERATIONS.applyTo((NumberAxis) c.getXAxis());
                NO_VALUES.applyTo((NumberAxis) c.getYAxis());
            }
            return;
        }
        long last = lastIteration;
        if (start != null && start.batchesPerEpoch() > 0) {
            long planned = (long) Math.max(1, start.epochs() - start.firstEpoch() + 1) * start.batchesPerEpoch();
            last = Math.max(last, firstIteration + planned - 1);
        }
        AxisRange x = AxisRange.nice(firstIteration, Math.max(last, firstIteration + 1), 8);
        x.applyTo((NumberAxis) batchChart.getXAxis());
        x.applyTo((NumberAxis) lrChart.getXAxis());
        if (lossMin <= lossMax) {
            double pad = Math.max(lossMax - lossMin, Math.abs(lossMax) * 1e-3) * 0.03;
            double lo = lossMin >= 0 ? Math.max(0, lossMin - pad) : lossMin - pad;
            lossRange = refit(lossRange, lo, lossMax + pad);
            lossRange.applyTo((NumberAxis) batchChart.getYAxis());
        }
        if (rateMax > 0) {
            rateRange = refit(rateRange, 0, rateMax * 1.05);
            rateRange.applyTo((NumberAxis) lrChart.getYAxis());
        }
    }

    private static AxisRange refit(AxisRange current, double lo, double hi) {
        boolean keep = current != null && current.covers(lo, hi) && hi - lo >= (current.upper() - current.lower()) / 3;
        return keep ? current : AxisRange.nice(lo, hi, 6);
    }

    private void setCompare(RunCurves run) {
        if (cTrainLoss != null) {
            lossChart.getData().removeAll(List.of(cTrainLoss, cValidLoss));
            accuracyChart.getData().removeAll(List.of(cTrainAcc, cValidAcc));
            cTrainLoss = cValidLoss = cTrainAcc = cValidAcc = null;
        }
        compare = run;
        refitEpochAxes();
        if (run == null) return;
        cTrainLoss = new Series<>();
        cValidLoss = new Series<>();
        cTrainAcc = new Series<>();
        cValidAcc = new Series<>();
        for (EpochMetrics e : run.epochs()) {
            add(cTrainLoss.getData(), e.epoch(), e.trainLoss());
            add(cValidLoss.getData(), e.epoch(), e.validLoss());
            add(cTrainAcc.getData(), e.epoch(), e.trainAccuracy() * 100);
            add(cValidAcc.getData(), e.epoch(), e.validAccuracy() * 100);
        }
        lossChart.getData().addAll(List.of(cTrainLoss, cValidLoss));
        accuracyChart.getData().addAll(List.of(cTrainAcc, cValidAcc));
        if (!run.epochs().isEmpty()) fitEpochAxes(run.epochs().get(0).epoch(), run.epochs().get(run.epochs().size() - 1).epoch());
        for (Series<Number, Number> s : List.of(cTrainLoss, cValidLoss, cTrainAcc, cValidAcc)) {
            if (s.getNode() != null) s.getNode().getStyleClass().add("wb-overlay");
        }
        tooltips(cTrainLoss.getData(), run.run().shortLabel() + " train loss", false);
        tooltips(cValidLoss.getData(), run.run().shortLabel() + " valid loss", false);
        tooltips(cTrainAcc.getData(), run.run().shortLabel() + " train accuracy", true);
        tooltips(cValidAcc.getData(), run.run().shortLabel() + " valid accuracy", true);
    }

    /** Point markers help with a few epochs; with hundreds they are thousands of nodes and hide the line. */
    private void symbolsFor(int epochs) {
        boolean symbols = epochs <= SYMBOL_LIMIT;
        if (lossChart.getCreateSymbols() != symbols) {
            lossChart.setCreateSymbols(symbols);
            accuracyChart.setCreateSymbols(symbols);
        }
    }

    /**
     * Epoch axes show whole epochs: the range covers every drawn epoch (primary and overlay) and the tick unit is
     * 1, 2, 5, 10, 20, 50... so that about ten labels fit. Autoranging would put ticks at 0.1 epochs.
     */
    private void fitEpochAxes(int first, int last) {
        firstEpoch = Math.min(firstEpoch, first);
        lastEpoch = Math.max(lastEpoch, last);
        int span = Math.max(1, lastEpoch - firstEpoch);
        double unit = 1;
        for (double step : new double[] {1, 2, 5}) {
            unit = step;
            if (span / step <= 10) break;
        }
        for (double scale = 10; span / unit > 10; scale *= 10) {
            for (double step : new double[] {1, 2, 5}) {
                unit = step * scale;
                if (span / unit <= 10) break;
            }
        }
        for (LineChart<Number, Number> c : List.of(lossChart, accuracyChart)) {
            NumberAxis x = (NumberAxis) c.getXAxis();
            x.setAutoRanging(false);
            x.setLowerBound(firstEpoch - 0.25);
            x.setUpperBound(Math.max(lastEpoch, firstEpoch + 1) + 0.25);
            x.setTickUnit(unit);
        }
    }

    /** Recomputes the epoch range from what the charts hold (after a reset or when the overlay changes). */
    private void refitEpochAxes() {
        firstEpoch = Integer.MAX_VALUE;
        lastEpoch = Integer.MIN_VALUE;
        for (LineChart<Number, Number> c : List.of(lossChart, accuracyChart)) {
            for (Series<Number, Number> s : c.getData()) {
                for (Data<Number, Number> d : s.getData()) {
                    firstEpoch = Math.min(firstEpoch, d.getXValue().intValue());
                    lastEpoch = Math.max(lastEpoch, d.getXValue().intValue());
                }
            }
        }
        if (firstEpoch <= lastEpoch) {
            fitEpochAxes(firstEpoch, lastEpoch);
        } else {
            for (LineChart<Number, Number> c : List.of(lossChart, accuracyChart)) {
                NumberAxis x = (NumberAxis) c.getXAxis();
                x.setAutoRanging(false);
                x.setLowerBound(0.75);
                x.setUpperBound(2.25);
                x.setTickUnit(1);
            }
        }
    }

    private void names(String primary, String compared) {
        String p = compared == null ? "" : primary + " ";
        trainLoss.setName(p + "train");
        validLoss.setName(p + "valid");
        trainAcc.setName(p + "train");
        validAcc.setName(p + "valid");
        if (cTrainLoss != null && compared != null) {
            cTrainLoss.setName(compared + " train");
            cValidLoss.setName(compared + " valid");
            cTrainAcc.setName(compared + " train");
            cValidAcc.setName(compared + " valid");
        }
    }

    private void updatePlaceholders(TrainingSnapshot live, RunCurves shown) {
        String epochText;
        String batchText;
        if (shown != null) {
            epochText = "This run has no finished epochs.";
            batchText = "Per-batch curves are recorded only while a run is live.";
        } else if (live == null) {
            epochText = "Start a run to see its curves here.";
            batchText = "Start a run to see live curves here.";
        } else {
            epochText = live.finished() ? "No epoch finished in this run." : "The first point appears when epoch " + live.currentEpoch() + " ends.";
            batchText = live.finished() ? "No batch was trained in this run." : "Waiting for the first batch…";
        }
        show(lossEmpty, lossChart, epochText);
        show(accuracyEmpty, accuracyChart, epochText);
        show(batchEmpty, batchChart, batchText);
        show(rateEmpty, lrChart, batchText);
    }

    private static void show(Label placeholder, XYChart<Number, Number> chart, String text) {
        boolean empty = !hasData(chart);
        placeholder.setText(text);
        placeholder.setVisible(empty);
        chart.setOpacity(empty ? 0.4 : 1);
    }

    private static void add(List<Data<Number, Number>> list, double x, double y) {
        if (Double.isFinite(y)) list.add(new Data<>(x, y));
    }

    private static void tooltips(List<Data<Number, Number>> data, String what, boolean percent) {
        for (Data<Number, Number> d : data) {
            if (d.getNode() == null) continue;
            double y = d.getYValue().doubleValue();
            Tooltip.install(d.getNode(), Ui.tooltip("Epoch " + d.getXValue().intValue() + ": " + what + " "
                    + (percent ? Fmt.decimal(y, 1) + "%" : Fmt.decimal(y, 4))));
        }
    }

    private static Label placeholder() {
        Label l = Ui.styled(new Label(), "wb-chart-placeholder");
        l.setMouseTransparent(true);
        return l;
    }

    private static LineChart<Number, Number> chart(String title, String x, String y, boolean symbols, StringConverter<Number> xTicks) {
        NumberAxis xAxis = new NumberAxis();
        xAxis.setLabel(x);
        xAxis.setForceZeroInRange(false);
        xAxis.setMinorTickVisible(false);
        xAxis.setAnimated(false);
        if (xTicks != null) xAxis.setTickLabelFormatter(xTicks);
        NumberAxis yAxis = new NumberAxis();
        yAxis.setLabel(y);
        yAxis.setForceZeroInRange(false);
        yAxis.setAnimated(false);
        LineChart<Number, Number> c = new LineChart<>(xAxis, yAxis);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(symbols);
        // Transparent in the stylesheet; not drawn at all saves the renderer their paths on every redraw.
        c.setVerticalGridLinesVisible(false);
        c.setAlternativeRowFillVisible(false);
        c.setAlternativeColumnFillVisible(false);
        c.getStyleClass().add("wb-chart");
        c.setMinSize(220, 180);
        return c;
    }

    private static StringConverter<Number> integerTicks() {
        return converter(v -> Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(Math.round(v)) : "");
    }

    private static StringConverter<Number> converter(java.util.function.DoubleFunction<String> f) {
        return new StringConverter<>() {
            @Override public String toString(Number n) { return n == null ? "" : f.apply(n.doubleValue()); }
            @Override public Number fromString(String s) { return Double.valueOf(s); }
        };
    }
}
