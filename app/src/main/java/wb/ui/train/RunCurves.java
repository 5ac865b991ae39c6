package wb.ui.train;

import java.util.List;

import wb.train.EpochMetrics;

/**
 * A finished run's epoch curves, reloaded from its metrics.csv, and its training phases from phases.csv (empty
 * for a run with a single phase), so a reopened fine-tuning run is marked where fine-tuning began.
 */
public record RunCurves(RunRecord run, List<EpochMetrics> epochs, List<TrainingSnapshot.PhaseMark> phases) {
    public RunCurves {
        epochs = List.copyOf(epochs);
        phases = List.copyOf(phases);
    }

    public RunCurves(RunRecord run, List<EpochMetrics> epochs) {
        this(run, epochs, List.of());
    }
}
