package wb.ui.train;

import java.nio.file.Path;
import java.util.List;

import wb.dataset.Dataset;
import wb.train.EpochMetrics;
import wb.train.TrainConfig;
import wb.train.WatchFrame;

/**
 * One training run to perform.
 *
 * @param dataset        the usable part of the verified dataset
 * @param channels       the channel count verification found (1 = all grey)
 * @param resume         continue the run in {@code runDir} from its checkpoint
 * @param previousEpochs the epochs a continued run already has (shown on the charts before the new ones)
 * @param previousPhases its training phases so far (phases.csv)
 * @param previousWatch  its watched-image frames so far (watch.csv)
 */
public record TrainingJob(String runName, Path runDir, Dataset dataset, int channels, TrainConfig config, boolean resume,
                          List<EpochMetrics> previousEpochs, List<TrainingSnapshot.PhaseMark> previousPhases, List<WatchFrame> previousWatch) {
    public TrainingJob {
        previousEpochs = List.copyOf(previousEpochs);
        previousPhases = List.copyOf(previousPhases);
        previousWatch = List.copyOf(previousWatch);
    }

    /** A new run. */
    public TrainingJob(String runName, Path runDir, Dataset dataset, int channels, TrainConfig config) {
        this(runName, runDir, dataset, channels, config, false, List.of(), List.of(), List.of());
    }
}
