package wb.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Changes a network's learning rate between steps, cheaply. DL4J's {@code ComputationGraph.setLearningRate} sets the
 * rate in every layer's updater configuration and then rebuilds the whole updater: it makes new updater blocks and
 * compares them with the old ones, parameter view by parameter view, by value (an element-wise comparison of every
 * weight and gradient array), then copies the optimizer state across. Called for a learning-rate schedule, that was
 * 7-14% of the training thread's time (docs/benchmarks.md). The blocks do not change when every layer gets the same rate:
 * they group parameters whose configurations are equal, and all rates move together. So this sets the same
 * configurations and then the configuration each existing block's updater reads at every step (for {@link FastAdam},
 * a copy made when the blocks were built), and keeps the blocks and their state.
 */
public final class LearningRates {
    private LearningRates() { }

    /** Every trainable layer's learning rate, as {@code ComputationGraph.setLearningRate(rate)} sets it. */
    public static void set(ComputationGraph net, double rate) {
        for (Layer layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer bl) {
                setRate(bl.getIUpdater(), rate); // as DL4J's NetworkUtils: the weights' updater, not a separate bias updater
            }
        }
        for (UpdaterBlock block : net.getUpdater().getUpdaterBlocks()) {
            GradientUpdater<?> u = block.getGradientUpdater(); // null until first used: then made from the configuration set above
            if (u != null && usesLayerUpdater(block)) setRate(u.getConfig(), rate);
        }
    }

    private static void setRate(IUpdater u, double rate) {
        if (u != null && u.hasLearningRate()) u.setLrAndSchedule(rate, null);
    }

    /** False for a block of bias parameters with their own updater configuration, which DL4J leaves unchanged too. */
    private static boolean usesLayerUpdater(UpdaterBlock block) {
        UpdaterBlock.ParamState first = block.getLayersAndVariablesInBlock().get(0);
        if (!(first.getLayer().getConfig() instanceof BaseLayer bl)) return true; // wrappers (FastAdam) delegate to BaseLayer
        return bl.getBiasUpdater() == null || bl.getUpdaterByParam(first.getParamName()) != bl.getBiasUpdater();
    }
}
