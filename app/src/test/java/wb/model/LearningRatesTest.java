package wb.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.function.BiConsumer;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Changing the learning rate in place keeps DL4J's updater (its blocks and their state) and makes every block's
 * updater use the new rate, as DL4J's {@code setLearningRate} does by rebuilding it: for the default recipe's Nesterov
 * momentum with batch norm and L2, and for Adam on the reusing layers (whose {@link FastAdam} updaters hold copies of
 * the configuration, so setting the layers' configurations alone would leave them at the old rate).
 */
class LearningRatesTest {

    @Test
    void nesterovWithBatchNorm() {
        check(Optimizer.MOMENTUM, true, false);
    }

    @Test
    void fastAdam() {
        check(Optimizer.ADAM, false, true);
    }

    private static void check(Optimizer optimizer, boolean batchNorm, boolean expectFastAdam) {
        ModelSpec fmnist = ModelZoo.standard().get("fmnist-cnn");
        ModelRequest req = new ModelRequest(new InputShape(1, 28, 28), 10, 5, 5e-4, 0, batchNorm);
        ComputationGraph ref = Networks.build(fmnist, req, Networks.updater(optimizer, 0.01, 0.9));
        ComputationGraph ours = Networks.build(fmnist, req, Networks.updater(optimizer, 0.01, 0.9));
        ours.setParams(ref.params().dup());
        ref.fit(batch(0)); // the updater blocks (and FastAdam's copies) exist before the rate changes
        ours.fit(batch(0));
        ours.setParams(ref.params().dup());
        ours.getUpdater().getStateViewArray().assign(ref.getUpdater().getStateViewArray());

        List<UpdaterBlock> blocks = List.copyOf(ours.getUpdater().getUpdaterBlocks());
        LearningRates.set(ours, 0.002);
        ref.setLearningRate(0.002);
        assertEquals(blocks, List.copyOf(ours.getUpdater().getUpdaterBlocks()), "the same updater blocks, not rebuilt");
        for (int i = 0; i < blocks.size(); i++) {
            assertSame(blocks.get(i), ours.getUpdater().getUpdaterBlocks().get(i), "block " + i + " kept");
            var config = blocks.get(i).getGradientUpdater().getConfig();
            if (config.hasLearningRate()) assertEquals(0.002, config.getLearningRate(0, 0), 0, "the rate block " + i + "'s updater reads");
        }
        for (var layer : ours.getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer bl && bl.getIUpdater().hasLearningRate()) {
                assertEquals(0.002, bl.getIUpdater().getLearningRate(0, 0), 0, layer.conf().getLayer().getLayerName());
            }
        }
        boolean fastAdam = false;
        for (var b : blocks) fastAdam |= b.getGradientUpdater() instanceof FastAdam.Updater;
        assertEquals(expectFastAdam, fastAdam, "FastAdam in use");

        // One step each from the same weights and state: the same update as after DL4J's rebuild. (A rate left at 0.01
        // in any block would make that block's update 5x as large.)
        INDArray start = ref.params().dup();
        ref.fit(batch(1));
        ours.fit(batch(1));
        INDArray dr = ref.params().sub(start), dours = ours.params().sub(start);
        double rel = dr.sub(dours).norm2Number().doubleValue() / dr.norm2Number().doubleValue();
        assertTrue(rel < 1e-3, "weight changes in place vs rebuilt: relative difference " + rel);
        INDArray sr = ref.getUpdater().getStateViewArray(), so = ours.getUpdater().getStateViewArray();
        assertTrue(sr.sub(so).norm2Number().doubleValue() <= 1e-3 * sr.norm2Number().doubleValue(), "optimizer state");
    }

    private static DataSet batch(int step) {
        Nd4j.getRandom().setSeed(step);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 10);
        for (int i = 0; i < 16; i++) y.putScalar(i, (i + step) % 10, 1f);
        return new DataSet(x, y);
    }
}
