package wb.ui.train;

import java.nio.file.Path;

import wb.dataset.Dataset;
import wb.train.TrainConfig;

/**
 * One training run to perform.
 *
 * @param dataset  the usable part of the verified dataset
 * @param channels the channel count verification found (1 = all grey)
 */
public record TrainingJob(String runName, Path runDir, Dataset dataset, int channels, TrainConfig config) { }
