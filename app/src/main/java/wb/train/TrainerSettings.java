package wb.train;

import wb.model.LrSchedule;

/**
 * The loop-level settings of a run (the network already carries its optimizer).
 *
 * @param patience           early stopping: epochs without a lower validation loss before stopping (0 = off)
 * @param trainEvalSample    training examples evaluated at each epoch end for the train accuracy
 * @param loaderThreads      threads decoding and augmenting batches
 */
public record TrainerSettings(int epochs, int batchSize, double learningRate, LrSchedule schedule, int patience,
                              long seed, int trainEvalSample, int loaderThreads) {
    public TrainerSettings {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, not " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, not " + batchSize);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, not " + learningRate);
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0");
        if (loaderThreads < 1) throw new IllegalArgumentException("loader threads must be >= 1");
    }
}
