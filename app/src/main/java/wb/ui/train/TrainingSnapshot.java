package wb.ui.train;

import java.nio.file.Path;
import java.util.List;

import wb.train.BatchMetrics;
import wb.train.EpochMetrics;
import wb.train.RunEnd;
import wb.train.RunStart;
import wb.train.WatchFrame;

/**
 * Everything known about a live training run at one moment, cumulative and immutable: the Train screen can
 * draw the whole run from any one snapshot, so JavaFX may drop intermediate snapshots when it coalesces
 * {@code Task.updateValue} calls without losing data.
 *
 * @param message         what the run is doing in words (preparation steps, the end message)
 * @param start           the trainer's start event; null while preparing
 * @param epochs          every finished epoch so far, in order
 * @param batchPoints     the batch-loss curve, decimated to at most {@link TrainingRecorder#MAX_POINTS} points
 * @param pointStride     iterations between consecutive batch points
 * @param pointGeneration incremented each time {@code batchPoints} is thinned: points shown from an older
 *                        generation must be redrawn; otherwise new points are only ever appended
 * @param latest          the latest batch; null before the first
 * @param end             how the run ended; null while it runs
 * @param notes           things the user should know (e.g. an automatic validation split), at the end
 * @param unreadableFiles files skipped because they could not be decoded, at the end
 * @param phases          the training phases begun so far (transfer learning: "head", "fine-tune"), in order
 * @param watch           the network's answers for the watched validation images, one frame per finished epoch
 */
public record TrainingSnapshot(String runName, Path runDir, Phase phase, String message, RunStart start,
                               List<EpochMetrics> epochs, List<BatchPoint> batchPoints, int pointStride, int pointGeneration,
                               BatchMetrics latest, RunEnd end, List<String> notes, List<String> unreadableFiles,
                               List<PhaseMark> phases, List<WatchFrame> watch) {

    /** Where a run is. */
    public enum Phase {
        /** Measuring channel statistics, building the network. */
        PREPARING,
        /** Optimising. */
        TRAINING,
        /** The last batch of an epoch is done; the epoch's train and validation metrics are being measured. */
        EVALUATING,
        /** The trainer has returned (completed, early-stopped, stopped, diverged or failed). */
        FINISHED
    }

    /** One point of the batch-level curves. */
    public record BatchPoint(long iteration, double loss, double smoothedLoss, double learningRate) { }

    /** A training phase and its first epoch (1-based), from {@code TrainingObserver.onPhase}. */
    public record PhaseMark(String name, int firstEpoch) { }

    /** A snapshot without watched images. */
    public TrainingSnapshot(String runName, Path runDir, Phase phase, String message, RunStart start, List<EpochMetrics> epochs,
                            List<BatchPoint> batchPoints, int pointStride, int pointGeneration, BatchMetrics latest, RunEnd end,
                            List<String> notes, List<String> unreadableFiles, List<PhaseMark> phases) {
        this(runName, runDir, phase, message, start, epochs, batchPoints, pointStride, pointGeneration, latest, end, notes,
                unreadableFiles, phases, List.of());
    }

    /** A snapshot of a run without phases. */
    public TrainingSnapshot(String runName, Path runDir, Phase phase, String message, RunStart start, List<EpochMetrics> epochs,
                            List<BatchPoint> batchPoints, int pointStride, int pointGeneration, BatchMetrics latest, RunEnd end,
                            List<String> notes, List<String> unreadableFiles) {
        this(runName, runDir, phase, message, start, epochs, batchPoints, pointStride, pointGeneration, latest, end, notes,
                unreadableFiles, List.of());
    }

    public TrainingSnapshot {
        phases = phases == null ? List.of() : List.copyOf(phases);
        watch = watch == null ? List.of() : List.copyOf(watch);
        epochs = List.copyOf(epochs);
        batchPoints = List.copyOf(batchPoints);
        notes = List.copyOf(notes);
        unreadableFiles = List.copyOf(unreadableFiles);
    }

    /** The state of a run that has just been submitted. */
    public static TrainingSnapshot preparing(String runName, Path runDir, String message) {
        return new TrainingSnapshot(runName, runDir, Phase.PREPARING, message, null, List.of(), List.of(), 1, 0, null, null,
                List.of(), List.of());
    }

    /** A copy in the FINISHED phase with a message (used when the run failed with an exception). */
    public TrainingSnapshot failed(String why) {
        return new TrainingSnapshot(runName, runDir, Phase.FINISHED, why, start, epochs, batchPoints, pointStride, pointGeneration,
                latest, end, notes, unreadableFiles, phases, watch);
    }

    /** The epoch being trained (1-based), or the first epoch while preparing. */
    public int currentEpoch() {
        if (latest != null) return latest.epoch();
        if (start != null) return start.firstEpoch();
        return 1;
    }

    /** Total epochs of the run, or 0 while unknown. */
    public int totalEpochs() {
        return start == null ? 0 : start.epochs();
    }

    /** Fraction of the current epoch's batches done; 0 before the first batch. */
    public double epochProgress() {
        return latest == null ? 0 : (double) latest.batch() / Math.max(1, latest.batchesPerEpoch());
    }

    /** Fraction of the whole run done. */
    public double runProgress() {
        if (start == null) return 0;
        if (phase == Phase.FINISHED && end != null && end.status() == RunEnd.Status.COMPLETED) return 1;
        int done = latest == null ? start.firstEpoch() - 1 : latest.epoch() - 1;
        return Math.min(1, (done + epochProgress()) / Math.max(1, start.epochs()));
    }

    public double imagesPerSecond() {
        return latest == null ? Double.NaN : latest.imagesPerSecond();
    }

    public double etaSeconds() {
        return latest == null || phase == Phase.FINISHED ? Double.NaN : latest.etaSeconds();
    }

    public int queuedBatches() {
        return latest == null ? 0 : latest.queuedBatches();
    }

    /**
     * The phase being trained, or null for a run without phases. Phases are announced as they begin (before their
     * first batch), so the latest mark is the current one.
     */
    public PhaseMark currentPhase() {
        return phases.isEmpty() ? null : phases.get(phases.size() - 1);
    }

    public boolean finished() {
        return phase == Phase.FINISHED;
    }
}
