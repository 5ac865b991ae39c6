package wb.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Called by the trainer on the training thread after each epoch's metrics, with the network, so the
 * session can write checkpoints and keep the best model. Not an observer: observers never see engine
 * objects.
 */
@FunctionalInterface
public interface EpochHook {
    void afterEpoch(ComputationGraph net, EpochMetrics metrics, TrainerState state) throws java.io.IOException;
}
