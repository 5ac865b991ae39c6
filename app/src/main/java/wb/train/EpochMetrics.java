package wb.train;

/**
 * The end of an epoch. Train accuracy is measured on a fixed sample of the training set in inference
 * mode (no dropout or augmentation), so it is comparable with the validation accuracy. Validation
 * values are NaN when there is no validation set.
 */
public record EpochMetrics(int epoch, int epochs, double trainLoss, double trainAccuracy, double validLoss,
                           double validAccuracy, double learningRate, double seconds, double imagesPerSecond,
                           boolean improved) { }
