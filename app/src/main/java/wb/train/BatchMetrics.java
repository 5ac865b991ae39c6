package wb.train;

/**
 * One optimisation step.
 *
 * @param epoch          1-based epoch
 * @param iteration      0-based step count over the whole run
 * @param loss           this batch's training loss
 * @param smoothedLoss   exponentially smoothed loss with bias correction (fastai's SmoothenValue, beta 0.98)
 * @param imagesPerSecond recent training throughput
 * @param etaSeconds     estimated time to the end of the run
 * @param queuedBatches  batches prefetched and waiting (0 means the trainer waited on the loader)
 */
public record BatchMetrics(int epoch, long iteration, int batch, int batchesPerEpoch, double loss, double smoothedLoss,
                           double learningRate, double imagesPerSecond, double etaSeconds, int queuedBatches) { }
