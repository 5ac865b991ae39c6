package wb.model;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reusing layers must give DL4J's own gradients and training steps, and save as plain DL4J networks. Batch norm
 * stays DL4J's here (FastBatchNormTest covers the workbench's): its batch statistics, computed in another order,
 * differ in the last bits, enough to flip a ReLU on a value near zero and move a gradient by more than rounding.
 */
class ForwardReuseTest {
    @org.junit.jupiter.api.BeforeAll
    static void dl4jsBatchNorm() {
        System.setProperty("wb.fastBatchNorm", "false");
    }

    @org.junit.jupiter.api.AfterAll
    static void restore() {
        System.clearProperty("wb.fastBatchNorm");
    }

    private static final ModelSpec FMNIST = ModelZoo.standard().get("fmnist-cnn");

    private static ComputationGraphConfiguration conf(boolean batchNorm, double dropout) {
        return Networks.configure(FMNIST, new ModelRequest(new InputShape(1, 28, 28), 10, 7, 5e-4, dropout, batchNorm),
                Networks.updater(Optimizer.NESTEROV, 0.02, 0.9));
    }

    /**
     * DL4J's own layers as the reference, with its convolutions on their built-in (im2col) path: the networks are
     * channels-last, where DL4J's oneDNN helper computes wrong gradients (ChannelsLastTest).
     */
    private static ComputationGraph plain(ComputationGraphConfiguration c) {
        ComputationGraph g = new ComputationGraph(c);
        g.init();
        return withoutConvolutionHelpers(g);
    }

    static ComputationGraph withoutConvolutionHelpers(ComputationGraph g) {
        try {
            java.lang.reflect.Field helper = org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class.getDeclaredField("helper");
            helper.setAccessible(true);
            for (org.deeplearning4j.nn.api.Layer l : g.getLayers()) {
                if (l instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) helper.set(l, null);
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return g;
    }

    private static DataSet batch(long seed, int n) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) y.putScalar(i, (i * 7 + 3) % 10, 1f);
        return new DataSet(x, y);
    }

    private static INDArray gradient(ComputationGraph g, DataSet d) {
        g.setInputs(d.getFeatures());
        g.setLabels(d.getLabels());
        g.computeGradientAndScore();
        return g.gradient().gradient().dup();
    }

    @Test
    void gradientsEqualDl4jsOwnLayers() {
        for (boolean bn : new boolean[] {false, true}) {
            ComputationGraph ref = plain(conf(bn, 0));
            ComputationGraph fast = ForwardReuse.build(conf(bn, 0));
            assertEquals(bn ? 5 : 3, ForwardReuse.count(fast),
                    "two convolutions, the dense layer and with batch norm the ReLU layers after it reuse their output (bn " + bn + ")");
            assertEquals(0, ForwardReuse.count(ref));
            assertEquals("MKLDNNConvHelper", Networks.convolutionHelper(fast), "the reuse applies where oneDNN runs the backward convolution");
            fast.setParams(ref.params().dup());
            DataSet d = batch(11, 16);
            INDArray gr = gradient(ref, d);
            INDArray gf = gradient(fast, d);
            assertEquals(ref.score(), fast.score(), 1e-6, "bn " + bn);
            assertEquals(1, ForwardReuse.weightOnlySteps(fast), "the first convolution skipped the gradient for the images");
            assertTrue(gr.sumNumber().doubleValue() != 0);
            double maxDiff = gr.sub(gf).amaxNumber().doubleValue();
            assertTrue(maxDiff <= 1e-5 * Math.max(1, gr.amaxNumber().doubleValue()), "bn " + bn + ": gradients differ by " + maxDiff);
        }
    }

    @Test
    void trainingStepsWithDropoutMatch() {
        ComputationGraph ref = plain(conf(false, 0.4));
        ComputationGraph fast = ForwardReuse.build(conf(false, 0.4));
        fast.setParams(ref.params().dup());
        for (int step = 0; step < 4; step++) {
            DataSet d = batch(100 + step, 16);
            Nd4j.getRandom().setSeed(500 + step); // the same dropout masks for both
            ref.fit(d);
            Nd4j.getRandom().setSeed(500 + step);
            fast.fit(d);
            assertEquals(ref.score(), fast.score(), 1e-5, "the reported loss of step " + step);
        }
        double maxDiff = ref.params().sub(fast.params()).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-5, "parameters differ by " + maxDiff + " after four steps");
        assertEquals(4, ForwardReuse.weightOnlySteps(fast));
        // Inference between training steps must not leave a stale output behind for the next backward pass.
        DataSet d = batch(200, 8);
        assertEquals(ref.outputSingle(d.getFeatures()).sumNumber().doubleValue(), fast.outputSingle(d.getFeatures()).sumNumber().doubleValue(), 1e-4);
        Nd4j.getRandom().setSeed(9);
        ref.fit(d);
        Nd4j.getRandom().setSeed(9);
        fast.fit(d);
        assertTrue(ref.params().sub(fast.params()).amaxNumber().doubleValue() < 1e-5);
    }

    @Test
    void miniVggWithDropoutBeforeItsDenseLayerTrainsAsDl4jDoes() {
        ModelSpec vgg = ModelZoo.standard().get("minivggnet");
        for (boolean bn : new boolean[] {false, true}) {
            ModelRequest req = new ModelRequest(new InputShape(3, 16, 16), 4, 3, 1e-4, 0.5, bn);
            // SGD, not Adam: Adam turns rounding noise in a zero gradient (a convolution's bias before batch norm) into
            // whole steps of its learning rate, and the two paths sum in different orders.
            ComputationGraph ref = plain(Networks.configure(vgg, req, Networks.updater(Optimizer.NESTEROV, 0.01, 0.9)));
            ComputationGraph fast = ForwardReuse.build(Networks.configure(vgg, req, Networks.updater(Optimizer.NESTEROV, 0.01, 0.9)));
            int reusing = bn ? 10 : 5;
            assertEquals(reusing, ForwardReuse.count(fast), "four convolutions and the dense layer, and with batch norm the ReLU after each");
            fast.setParams(ref.params().dup());
            for (int step = 0; step < 3; step++) {
                Nd4j.getRandom().setSeed(40 + step);
                INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 16, 16);
                INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 4);
                for (int i = 0; i < 8; i++) y.putScalar(i, (i + step) % 4, 1f);
                DataSet d = new DataSet(x, y);
                Nd4j.getRandom().setSeed(900 + step);
                ref.fit(d);
                Nd4j.getRandom().setSeed(900 + step);
                fast.fit(d);
            }
            double maxDiff = ref.params().sub(fast.params()).amaxNumber().doubleValue();
            assertTrue(maxDiff < 1e-5, "bn " + bn + ": parameters differ by " + maxDiff);
            assertEquals(3, ForwardReuse.weightOnlySteps(fast), "the RGB first layer took the weight-gradient-only path");
            assertEquals(reusing * 3, ForwardReuse.reusedBackwardPasses(fast), "every reusing layer, the dense one behind its dropout too, in each step");
        }
    }

    @Test
    void leNetsValidPaddingFirstLayerGivesDl4jsGradients() {
        ModelSpec lenet = ModelZoo.standard().get("lenet");
        ModelRequest req = new ModelRequest(new InputShape(1, 28, 28), 10, 9, 0, 0, false);
        ComputationGraph ref = plain(Networks.configure(lenet, req, Networks.updater(Optimizer.SGD, 0.1, 0.9)));
        ComputationGraph fast = ForwardReuse.build(Networks.configure(lenet, req, Networks.updater(Optimizer.SGD, 0.1, 0.9)));
        fast.setParams(ref.params().dup());
        DataSet d = batch(5, 12);
        INDArray gr = gradient(ref, d), gf = gradient(fast, d);
        assertEquals(1, ForwardReuse.weightOnlySteps(fast));
        double maxDiff = gr.sub(gf).amaxNumber().doubleValue();
        assertTrue(maxDiff <= 1e-5 * Math.max(1, gr.amaxNumber().doubleValue()), "gradients differ by " + maxDiff);
    }

    @Test
    void savedNetworkUsesOnlyDl4jClassesAndLoadsBack(@TempDir Path dir) throws Exception {
        ComputationGraph fast = Networks.build(FMNIST, new ModelRequest(new InputShape(1, 28, 28), 10, 7, 0, 0.4, false),
                Networks.updater(Optimizer.ADAM, 1e-3, 0.9));
        assertEquals(3, ForwardReuse.count(fast), "sequential architectures are built with the reusing layers");
        String json = fast.getConfiguration().toJson();
        assertFalse(json.contains("ForwardReuse"), "the saved configuration names only DL4J's classes");
        File f = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(fast, f, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(f, true);
        DataSet d = batch(3, 4);
        assertEquals(fast.outputSingle(d.getFeatures()).getFloat(0, 0), back.outputSingle(d.getFeatures()).getFloat(0, 0), 1e-6);
    }

    @Test
    void aSavedCheckpointResumesWithTheReusingLayers(@TempDir Path dir) throws Exception {
        ComputationGraph first = Networks.build(FMNIST, new ModelRequest(new InputShape(1, 28, 28), 10, 7, 0, 0, false),
                Networks.updater(Optimizer.ADAM, 1e-3, 0.9));
        for (int step = 0; step < 2; step++) first.fit(batch(60 + step, 8));
        File f = dir.resolve("ck.zip").toFile();
        ModelSerializer.writeModel(first, f, true);
        ComputationGraph loaded = withoutConvolutionHelpers(ModelSerializer.restoreComputationGraph(f, true));
        assertEquals(0, ForwardReuse.count(loaded), "DL4J loads its own layers");
        ComputationGraph resumed = ForwardReuse.rebuild(ModelSerializer.restoreComputationGraph(f, true));
        assertEquals(3, ForwardReuse.count(resumed));
        assertEquals(loaded.getIterationCount(), resumed.getIterationCount());
        assertEquals(loaded.getUpdater().getStateViewArray(), resumed.getUpdater().getStateViewArray());
        DataSet d = batch(70, 8);
        loaded.fit(d);
        resumed.fit(d);
        double diff = loaded.params().sub(resumed.params()).amaxNumber().doubleValue();
        assertTrue(diff < 1e-5, "the next step continues identically (Adam's moments and step count carried over): " + diff);
    }

    @Test
    void onlyReluAndIdentityQualify() {
        assertTrue(ForwardReuse.derivativeFromOutput(new org.nd4j.linalg.activations.impl.ActivationReLU()));
        assertTrue(ForwardReuse.derivativeFromOutput(new org.nd4j.linalg.activations.impl.ActivationIdentity()));
        assertFalse(ForwardReuse.derivativeFromOutput(new org.nd4j.linalg.activations.impl.ActivationReLU(6.0, 0.0, 0.0)));
        assertFalse(ForwardReuse.derivativeFromOutput(new org.nd4j.linalg.activations.impl.ActivationSigmoid()));
        assertFalse(ForwardReuse.derivativeFromOutput(new org.nd4j.linalg.activations.impl.ActivationTanH()));
    }
}
