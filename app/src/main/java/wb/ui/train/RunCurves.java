package wb.ui.train;

import java.util.List;

import wb.train.EpochMetrics;
import wb.train.WatchFrame;

/**
 * A finished run's epoch curves, reloaded from its metrics.csv, its training phases from phases.csv (empty
 * for a run with a single phase), so a reopened fine-tuning run is marked where fine-tuning began, and its
 * watched-image frames from watch.csv (empty for runs from before watch.csv, or without validation data).
 */
public record RunCurves(RunRecord run, List<EpochMetrics> epochs, List<TrainingSnapshot.PhaseMark> phases, List<WatchFrame> watch) {
    public RunCurves {
        epochs = List.copyOf(epochs);
        phases = List.copyOf(phases);
        watch = List.copyOf(watch);
    }

    public RunCurves(RunRecord run, List<EpochMetrics> epochs) {
        this(run, epochs, List.of(), List.of());
    }
}
