package wb.ui.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import wb.common.Progress;
import wb.train.BatchMetrics;
import wb.train.EpochMetrics;
import wb.train.RunEnd;
import wb.train.RunStart;
import wb.train.WatchFrame;
import wb.train.TrainingObserver;
import wb.ui.train.TrainingSnapshot.BatchPoint;
import wb.ui.train.TrainingSnapshot.Phase;
import wb.ui.train.TrainingSnapshot.PhaseMark;

/**
 * The UI's training observer: accumulates the run on the training thread and publishes cumulative
 * {@link TrainingSnapshot}s, at most about one a second for batches (every epoch, phase change and the end are
 * published at once). The batch curve is thinned by halving whenever it reaches {@link #MAX_POINTS}, so memory
 * and the cost of a snapshot stay bounded however long the run is. Also the {@link Progress} sink for the
 * session's preparation steps. Thread-safe.
 */
public final class TrainingRecorder implements TrainingObserver, Progress {

    /**
     * Upper bound on batch points kept (between half this and this many are shown): more than a chart's plot area is
     * wide at usual window sizes. JavaFX's line chart rebuilds and rasterises its whole path on every update, so this
     * bounds the cost of each redraw in long runs (over a few epochs, 850 points cost no more than fewer would:
     * docs/benchmarks.md, GUI vs CLI).
     */
    public static final int MAX_POINTS = 500;
    /**
     * Minimum time between two batch-driven publications. Every update costs the window a CSS, layout and render
     * pass, taken from the trainer on a small machine: the window's CPU per second of training was 51 ms at 4 Hz,
     * 39 ms at 2 Hz, and with the charts' cheaper drawing 27 ms at 2 Hz and 24 ms at 1 Hz, figures and batch curves
     * in one pulse (docs/benchmarks.md, GUI vs CLI).
     */
    public static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;

    private final String runName;
    private final Path runDir;
    private final Consumer<TrainingSnapshot> publisher;
    private final LongSupplier clock;
    private final long intervalNanos;

    private Phase phase = Phase.PREPARING;
    private String message;
    private RunStart start;
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private List<BatchPoint> points = new ArrayList<>();
    private int stride = 1;
    private int generation;
    private long origin = -1;
    private BatchMetrics latest;
    private RunEnd end;
    private final List<PhaseMark> phases = new ArrayList<>();
    private final List<WatchFrame> watch = new ArrayList<>();
    private long lastPublished;
    private boolean published;
    private boolean pending;

    /**
     * @param publisher receives snapshots on the training thread (e.g. {@code Task.updateValue}); must be quick
     * @param clock     nanosecond clock, e.g. {@code System::nanoTime}
     */
    public TrainingRecorder(String runName, Path runDir, Consumer<TrainingSnapshot> publisher, LongSupplier clock, long intervalNanos) {
        this.runName = runName;
        this.runDir = runDir;
        this.publisher = publisher;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.message = "Preparing the run…";
    }

    @Override public synchronized void update(String what, long done, long total) {
        if (phase != Phase.PREPARING || what == null) return;
        message = sentence(what) + "…";
        publish(false);
    }

    @Override public synchronized void onStart(RunStart s) {
        start = s;
        phase = Phase.TRAINING;
        message = s.firstEpoch() > 1 ? "Resuming at epoch " + s.firstEpoch() : "Training";
        publish(true);
    }

    @Override public synchronized void onPhase(String name, int firstEpoch) {
        // On resume the trainer repeats the phase it resumes in: keep one mark per phase.
        phases.removeIf(p -> p.name().equals(name));
        phases.add(new PhaseMark(name, firstEpoch));
        phases.sort(java.util.Comparator.comparingInt(PhaseMark::firstEpoch));
        publish(true);
    }

    @Override public synchronized void onBatch(BatchMetrics b) {
        latest = b;
        addPoint(b);
        boolean lastOfEpoch = b.batch() >= b.batchesPerEpoch();
        if (lastOfEpoch) {
            // Evaluation follows and may take a while: show it now rather than at the next batch.
            phase = Phase.EVALUATING;
            message = "Measuring epoch " + b.epoch() + " on the training sample and the validation set";
            publish(true);
        } else {
            phase = Phase.TRAINING;
            publish(false);
        }
    }

    @Override public synchronized void onEpoch(EpochMetrics e) {
        epochs.add(e);
        phase = Phase.TRAINING;
        publish(true);
    }

    @Override public synchronized void onWatch(WatchFrame f) {
        watch.removeIf(w -> w.epoch() >= f.epoch()); // a resumed run repeats no epoch, but never show two frames for one
        watch.add(f);
        publish(true);
    }

    @Override public synchronized void onFinish(RunEnd e) {
        end = e;
        phase = Phase.FINISHED;
        message = e.message();
        publish(true);
    }

    /** The final snapshot, with the session's notes and skipped files. */
    public synchronized TrainingSnapshot complete(List<String> notes, List<String> unreadableFiles) {
        phase = Phase.FINISHED;
        return snapshot(notes, unreadableFiles);
    }

    /** The epochs and phases a continued run already has, so its charts show the whole run; call before training starts. */
    public synchronized void seed(List<EpochMetrics> previous, List<PhaseMark> previousPhases, List<WatchFrame> previousWatch) {
        if (!epochs.isEmpty() || start != null) throw new IllegalStateException("seed the recorder before the run starts");
        epochs.addAll(previous);
        phases.addAll(previousPhases);
        watch.addAll(previousWatch);
    }

    /** The current state as a snapshot (for tests and for a last publication). */
    public synchronized TrainingSnapshot snapshot() {
        return snapshot(List.of(), List.of());
    }

    /** Publishes the latest state if a throttled batch update is still unpublished. */
    public synchronized void flush() {
        if (pending) publish(true);
    }

    /** A paused run shows its last batch, which the throttle may have held back. */
    @Override public void onPaused() { flush(); }

    private TrainingSnapshot snapshot(List<String> notes, List<String> unreadable) {
        return new TrainingSnapshot(runName, runDir, phase, message, start, epochs, points, stride, generation, latest, end,
                notes, unreadable, phases, watch);
    }

    private void addPoint(BatchMetrics b) {
        if (origin < 0) origin = b.iteration();
        if ((b.iteration() - origin) % stride != 0) return;
        points.add(new BatchPoint(b.iteration(), b.loss(), b.smoothedLoss(), b.learningRate()));
        if (points.size() >= MAX_POINTS) {
            // Keep every other point: the survivors are exactly the iterations on the doubled stride, so the
            // curve stays evenly spaced and later points continue the same grid.
            List<BatchPoint> thinned = new ArrayList<>(MAX_POINTS);
            for (int i = 0; i < points.size(); i += 2) thinned.add(points.get(i));
            points = thinned;
            stride *= 2;
            generation++;
        }
    }

    private void publish(boolean always) {
        long now = clock.getAsLong();
        if (!always && published && now - lastPublished < intervalNanos) {
            pending = true;
            return;
        }
        published = true;
        pending = false;
        lastPublished = now;
        publisher.accept(snapshot());
    }

    private static String sentence(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
