package wb.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import wb.common.FreeThreads;
import wb.model.Dl4jRuntime;
import wb.model.InputShape;
import wb.model.ModelRequest;
import wb.model.ModelZoo;
import wb.model.Networks;
import wb.model.Optimizer;

/** Two half-batches on two cores must train as the whole batch does on one network. */
class DataParallelTest {
    static {
        FreeThreads.init();
        Dl4jRuntime.init();
    }

    private static ComputationGraph fmnist(boolean bn, Optimizer opt) {
        return Networks.build(ModelZoo.standard().get("fmnist-cnn"), new ModelRequest(new InputShape(1, 28, 28), 10, 7, 0, 0, bn),
                Networks.updater(opt, 1e-3, 0.9));
    }

    private static DataSet batch(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) y.putScalar(i, (i * 7 + seed) % 10, 1f);
        return new DataSet(x, y);
    }

    /** |a - b| / |a| in the Euclidean norm. */
    private static double relDiff(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / Math.max(1e-12, a.norm2Number().doubleValue());
    }

    @Test
    void twoHalvesTrainAsTheWholeBatch() {
        assumeTwoCores();
        for (Optimizer opt : List.of(Optimizer.SGD, Optimizer.NESTEROV, Optimizer.ADAM)) {
            ComputationGraph whole = fmnist(false, opt);
            ComputationGraph split = fmnist(false, opt);
            split.setParams(whole.params().dup());
            DataParallel dp = DataParallel.forNetwork(split, 64, 1);
            assertNotNull(dp, "FMNIST-CNN at batch 64 on two cores is split");
            try (dp) {
                INDArray start = whole.params().dup();
                for (int step = 0; step < 3; step++) {
                    DataSet b = batch(64, step);
                    whole.fit(b);
                    double loss = dp.fit(b);
                    assertEquals(whole.score(), loss, 1e-4 * Math.abs(whole.score()), "loss of step " + step + " with " + opt);
                    assertEquals(loss, split.score(), 0.0, "the network's score is the batch's loss");
                }
                double tolerance = 1e-4; // float rounding: measured 2-4e-6
                double d = relDiff(whole.params().sub(start), split.params().sub(start));
                assertTrue(d < tolerance, "parameter changes after three steps with " + opt + ": relative difference " + d);
                assertEquals(whole.getIterationCount(), split.getIterationCount());
                if (opt != Optimizer.SGD) {
                    double st = relDiff(whole.getUpdater().getStateViewArray(), split.getUpdater().getStateViewArray());
                    assertTrue(st < 1e-4, "optimizer state: relative difference " + st);
                }
            }
        }
    }

    @Test
    void batchNormRunningAveragesTakeTheMeanOfTheHalves() {
        assumeTwoCores();
        ComputationGraph net = fmnist(true, Optimizer.ADAM);
        String bn = java.util.Arrays.stream(net.getLayers()).map(l -> l.getConfig().getLayerName())
                .filter(n -> net.getLayer(n).conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization)
                .findFirst().orElseThrow();
        INDArray mean0 = net.getLayer(bn).getParam("mean").dup();
        DataSet b = batch(64, 3);
        // What each half alone would make of the running mean, on copies of the network
        double[] halves = new double[2];
        for (int h = 0; h < 2; h++) {
            ComputationGraph c = fmnist(true, Optimizer.ADAM);
            c.setParams(net.params().dup());
            c.fit(new DataSet(rowsOf(b.getFeatures(), h * 32, h * 32 + 32), rowsOf(b.getLabels(), h * 32, h * 32 + 32)));
            halves[h] = c.getLayer(bn).getParam("mean").sub(mean0).sumNumber().doubleValue();
        }
        try (DataParallel dp = DataParallel.forNetwork(net, 64, 1)) {
            dp.fit(b);
        }
        double moved = net.getLayer(bn).getParam("mean").sub(mean0).sumNumber().doubleValue();
        assertNotEquals(0.0, moved, "the running mean moved");
        assertEquals((halves[0] + halves[1]) / 2, moved, 1e-3 * Math.abs(moved), "the mean of the two halves' updates");
    }

    @Test
    void smallBatchesAndOneInputNetworksWithoutConvolutionsAreNotSplit() {
        assertNull(DataParallel.forNetwork(fmnist(false, Optimizer.ADAM), 32, 1), "16 images per half are not worth it");
        System.setProperty("wb.dataParallel", "false");
        try {
            assertNull(DataParallel.forNetwork(fmnist(false, Optimizer.ADAM), 64, 1), "switched off");
        } finally {
            System.clearProperty("wb.dataParallel");
        }
    }

    @Test
    void cpuListsParse() {
        assertEquals(List.of(0, 1, 2, 5), DataParallel.Pinning.parseCpuList("0-2,5"));
        assertEquals(List.of(3), DataParallel.Pinning.parseCpuList("3\n"));
    }

    private static INDArray rowsOf(INDArray a, int from, int to) {
        return a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).dup();
    }

    private static void assumeTwoCores() {
        org.junit.jupiter.api.Assumptions.assumeTrue(FreeThreads.cores() >= 2, "needs two cores");
    }
}
