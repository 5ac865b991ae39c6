package wb.ui.train;

import java.util.List;

import wb.train.EpochMetrics;

/** A finished run's epoch curves, reloaded from its metrics.csv. */
public record RunCurves(RunRecord run, List<EpochMetrics> epochs) {
    public RunCurves {
        epochs = List.copyOf(epochs);
    }
}
