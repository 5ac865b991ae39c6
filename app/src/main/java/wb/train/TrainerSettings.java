package wb.train;

import wb.model.LrSchedule;

/**
 * The loop-level settings of a run (the network already carries its optimizer).
 *
 * @param patience           early stopping: epochs without a lower validation loss before stopping (0 = off)
 * @param trainEvalSample    training examples evaluated at each epoch end for the train accuracy
 * @param loaderThreads      threads decoding and augmenting batches
 * @param labelSmoothing     smoothing of the training targets (0 = one-hot); evaluation always uses one-hot labels
 */
public record TrainerSettings(int epochs, int batchSize, double learningRate, LrSchedule schedule, int patience,
                              long seed, int trainEvalSample, int loaderThreads, double labelSmoothing) {

    /** Settings with one-hot training targets. */
    public TrainerSettings(int epochs, int batchSize, double learningRate, LrSchedule schedule, int patience,
                           long seed, int trainEvalSample, int loaderThreads) {
        this(epochs, batchSize, learningRate, schedule, patience, seed, trainEvalSample, loaderThreads, 0);
    }

    public TrainerSettings {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) throw new IllegalArgumentException("label smoothing must be in [0, 1)");
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, not " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, not " + batchSize);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, not " + learningRate);
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0");
        if (loaderThreads < 1) throw new IllegalArgumentException("loader threads must be >= 1");
    }
}
