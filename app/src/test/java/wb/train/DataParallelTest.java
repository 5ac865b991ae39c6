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
        return fmnist(bn, opt, 0);
    }

    private static ComputationGraph fmnist(boolean bn, Optimizer opt, double l2) {
        return Networks.build(ModelZoo.standard().get("fmnist-cnn"), new ModelRequest(new InputShape(1, 28, 28), 10, 7, l2, 0, bn),
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
    void twoHalvesTrainAsTheWholeBatch() throws Exception {
        assumeTwoCores();
        List<Integer> cores = DataParallel.Pinning.allowedCpus("thread-self");
        // Adam without L2 takes the fused update; the others DL4J's updater block by block
        for (Object[] c : new Object[][] {{Optimizer.SGD, 0.0}, {Optimizer.NESTEROV, 5e-4}, {Optimizer.ADAM, 0.0}, {Optimizer.ADAM, 1e-3}}) {
            Optimizer opt = (Optimizer) c[0];
            double l2 = (Double) c[1];
            ComputationGraph whole = fmnist(false, opt, l2);
            ComputationGraph split = fmnist(false, opt, l2);
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
                // Float rounding: measured 2-4e-6. Adam divides each gradient by its own running size, so a weight whose
                // gradient is near zero moves by about the learning rate whichever way the halves' sum rounds it: with
                // L2 (DL4J's updater, block by block) measured up to 2.6e-4 in one run of many. A lost or unsummed half
                // moves the weights in another direction (a difference of the change's own size); a wrong scale, which
                // Adam's steps do not show, shows in the optimizer state below.
                double tolerance = opt == Optimizer.ADAM ? 1e-2 : 1e-4;
                double d = relDiff(whole.params().sub(start), split.params().sub(start));
                assertTrue(d < tolerance, "parameter changes after three steps with " + opt + ", L2 " + l2 + ": relative difference " + d);
                assertEquals(whole.getIterationCount(), split.getIterationCount());
                assertEquals(opt == Optimizer.ADAM && l2 == 0, dp.fusedBlocks > 0, "the fused update is used for Adam without L2 only");
                assertEquals(cores, DataParallel.Pinning.allowedCpus("thread-self"), "the calling thread's cores are left as they were");
                if (opt != Optimizer.SGD) {
                    double st = relDiff(whole.getUpdater().getStateViewArray(), split.getUpdater().getStateViewArray());
                    // Usually 2-10e-7. Adam's state follows its weights: a weight moved the other way (above) changes its
                    // next gradients, and the moments with them; a clean-clone test run measured 2.1e-4 once (its message
                    // did not name the optimizer; Adam's is the one that can). A half counted twice or lost changes the
                    // gradient, and so the moments, by about half their size.
                    double stateTolerance = opt == Optimizer.ADAM ? 1e-3 : 1e-4;
                    assertTrue(st < stateTolerance, "optimizer state with " + opt + ", L2 " + l2 + ": relative difference " + st);
                }
            }
        }
    }

    /** A graph with a skip connection and batch norm, not one of the workbench's sequential architectures. */
    private static ComputationGraph residual() {
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(3)
                .updater(new org.nd4j.linalg.learning.config.Sgd(0.05)).graphBuilder()
                .addInputs("in")
                .setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(12, 12, 3))
                .addLayer("c1", new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).nOut(8)
                        .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build(), "in")
                .addLayer("c2", new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).nOut(8)
                        .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build(), "c1")
                .addVertex("add", new org.deeplearning4j.nn.conf.graph.ElementWiseVertex(
                        org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Add), "c1", "c2")
                .addLayer("out", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder()
                        .lossFunction(org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).nOut(10).build(), "add")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void aGraphWithASkipConnectionTrainsAsTheWholeBatch() {
        assumeTwoCores();
        ComputationGraph whole = residual(), split = residual();
        split.setParams(whole.params().dup());
        INDArray start = whole.params().dup();
        try (DataParallel dp = DataParallel.forNetwork(split, 64, 1)) {
            assertNotNull(dp);
            for (int step = 0; step < 3; step++) {
                Nd4j.getRandom().setSeed(step);
                DataSet b = new DataSet(Nd4j.rand(DataType.FLOAT, 64, 3, 12, 12), batch(64, step).getLabels());
                whole.fit(b);
                assertEquals(whole.score(), dp.fit(b), 1e-4 * whole.score());
            }
        }
        double d = relDiff(whole.params().sub(start), split.params().sub(start));
        assertTrue(d < 1e-4, "relative difference " + d);
    }

    @Test
    void batchNormRunningAveragesTakeTheMeanOfTheHalves() {
        assumeTwoCores();
        for (boolean fused : new boolean[] {true, false}) { // the fused update's path and DL4J's updater's
            if (!fused) System.setProperty("wb.fusedUpdate", "false");
            try {
                runningMeanOfHalves();
            } finally {
                System.clearProperty("wb.fusedUpdate");
            }
        }
    }

    private static void runningMeanOfHalves() {
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
    void aWorkerLeavesTheCoreItsCallerIsBoundTo() throws Exception {
        assumeTwoCores();
        String me = DataParallel.Pinning.threadId();
        List<Integer> all = DataParallel.Pinning.allowedCpus("thread-self");
        DataParallel.Pinning.taskset(Integer.toString(all.get(0)), me); // as OpenMP binds the thread that runs a network
        try (DataParallel dp = DataParallel.forNetwork(fmnist(false, Optimizer.ADAM), 64, 1)) {
            dp.fit(batch(64, 1));
            assertEquals(List.of(all.get(0)), DataParallel.Pinning.allowedCpus("thread-self"));
            List<Integer> worker = dp.workerCpus();
            assertEquals(1, worker.size(), "the worker is bound to one core: " + worker);
            assertNotEquals(all.get(0), worker.get(0), "and not to its caller's");
        } finally {
            DataParallel.Pinning.taskset(all.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")), me);
        }
    }

    @Test
    void theNativeLibrariesKeepTheirThreadsOutsideTrainingSteps() {
        assumeTwoCores();
        var env = Nd4j.getEnvironment();
        int threads = env.maxMasterThreads(), blas = Nd4j.factory().blas().getMaxThreads();
        try (DataParallel dp = DataParallel.forNetwork(fmnist(false, Optimizer.ADAM), 64, 1)) {
            assertEquals(threads, env.maxMasterThreads(), "a step not yet taken changes nothing (a run stopped at once)");
            assertEquals(blas, Nd4j.factory().blas().getMaxThreads());
            dp.fit(batch(64, 2));
            assertEquals(1, env.maxMasterThreads(), "one thread each during the steps");
            assertEquals(1, Nd4j.factory().blas().getMaxThreads());
            dp.pause();
            assertEquals(threads, env.maxMasterThreads(), "all of them again for the evaluation");
            assertEquals(blas, Nd4j.factory().blas().getMaxThreads());
        }
        assertEquals(threads, env.maxMasterThreads());
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
