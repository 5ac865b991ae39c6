package wb.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The workbench's own architectures run channels-last (NHWC), where oneDNN's convolutions need no layout copies. They
 * must compute what the same networks compute channels-first, DL4J's layout, which DL4J's own layers get right.
 */
class ChannelsLastTest {

    static ComputationGraphConfiguration configure(String model, ModelRequest req, boolean channelsLast) {
        return withLayout(channelsLast,
                () -> Networks.configure(ModelZoo.standard().get(model), req, Networks.updater(Optimizer.NESTEROV, 0.02, 0.9)));
    }

    /** Runs {@code s} with the workbench's architectures configured channels-last or channels-first. */
    static <T> T withLayout(boolean channelsLast, java.util.function.Supplier<T> s) {
        String old = System.getProperty("wb.channelsLast");
        System.setProperty("wb.channelsLast", String.valueOf(channelsLast));
        try {
            return s.get();
        } finally {
            if (old == null) System.clearProperty("wb.channelsLast");
            else System.setProperty("wb.channelsLast", old);
        }
    }

    /**
     * The channels-last network's parameters for a channels-first one: the same, except that the dense layer after
     * the flattening reads its inputs in (h, w, c) instead of (c, h, w) order.
     */
    static void copyToChannelsFirst(ComputationGraph nhwc, ComputationGraph nchw) {
        for (Map.Entry<String, INDArray> e : nhwc.paramTable().entrySet()) {
            nchw.getParam(e.getKey()).assign(toChannelsFirst(nhwc, e.getKey(), e.getValue()));
        }
    }

    /** A parameter (or its gradient) of the channels-last network, in the channels-first network's order. */
    static INDArray toChannelsFirst(ComputationGraph nhwc, String key, INDArray values) {
        String layer = key.substring(0, key.indexOf('_'));
        if (key.endsWith("_W") && nhwc.getConfiguration().getVertices().get(layer) instanceof LayerVertex lv
                && lv.getPreProcessor() instanceof CnnToFeedForwardPreProcessor p) {
            assertEquals(CNN2DFormat.NHWC, p.getFormat());
            long h = p.getInputHeight(), w = p.getInputWidth(), c = p.getNumChannels(), out = values.size(1);
            return values.reshape('c', h, w, c, out).permute(2, 0, 1, 3).dup('c').reshape('c', h * w * c, out);
        }
        return values;
    }

    private static void assertSameGradients(String model, int channels, int size, boolean bn) {
        ModelRequest req = new ModelRequest(new InputShape(channels, size, size), 5, 3, 0, 0, bn);
        ComputationGraph nchw = new ComputationGraph(configure(model, req, false));
        nchw.init();
        ComputationGraph nhwc = Networks.build(ModelZoo.standard().get(model), req, Networks.updater(Optimizer.NESTEROV, 0.02, 0.9));
        assertTrue(ForwardReuse.hasChannelsLastConvolution(nhwc.getConfiguration()), model + " is built channels-last");
        assertEquals("MKLDNNConvHelper", Networks.convolutionHelper(nhwc));
        copyToChannelsFirst(nhwc, nchw);
        Nd4j.getRandom().setSeed(17);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, channels, size, size);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 5);
        for (int i = 0; i < 6; i++) y.putScalar(i, i % 5, 1f);
        assertEquals(nchw.outputSingle(x).getDouble(0, 0), nhwc.outputSingle(x).getDouble(0, 0), 1e-5, model + ": the same prediction");
        for (ComputationGraph g : new ComputationGraph[] {nchw, nhwc}) {
            g.setInputs(x);
            g.setLabels(y);
            g.computeGradientAndScore();
        }
        assertEquals(nchw.score(), nhwc.score(), 1e-5, model);
        for (Map.Entry<String, INDArray> e : nchw.gradient().gradientForVariable().entrySet()) {
            INDArray ref = e.getValue();
            INDArray ours = toChannelsFirst(nhwc, e.getKey(), nhwc.gradient().gradientForVariable().get(e.getKey()));
            double diff = ref.sub(ours).amaxNumber().doubleValue();
            assertTrue(diff <= 1e-4 * Math.max(1, ref.amaxNumber().doubleValue()),
                    model + " (bn " + bn + ") " + e.getKey() + ": gradients differ by " + diff + " (largest " + ref.amaxNumber() + ")");
        }
    }

    @Test
    void fmnistCnnGivesTheChannelsFirstGradients() {
        assertSameGradients("fmnist-cnn", 1, 28, false);
        assertSameGradients("fmnist-cnn", 1, 28, true);
    }

    @Test
    void leNetsValidPaddingGivesTheChannelsFirstGradients() {
        assertSameGradients("lenet", 1, 28, false);
    }

    @Test
    void rgbNetworksGiveTheChannelsFirstGradients() {
        assertSameGradients("minivggnet", 3, 16, true);
        assertSameGradients("shallownet", 3, 12, false);
    }

    @Test
    void anyGraphWithChannelsLastConvolutionsGetsTheRepairedLayers() {
        // As FineTuning and ModelBundle.load build them: no reuse of outputs, only the channels-last repair.
        // Without batch norm the convolutions apply ReLU, whose derivative DL4J gets wrong channels-last.
        ModelRequest req = new ModelRequest(new InputShape(1, 28, 28), 5, 3, 0, 0, false);
        ComputationGraphConfiguration conf = configure("fmnist-cnn", req, true);
        ComputationGraph repaired = ForwardReuse.build(conf.clone(), false);
        assertEquals(0, ForwardReuse.count(repaired), "no layer reuses its output");
        assertEquals(2, java.util.Arrays.stream(repaired.getLayers()).filter(l -> l instanceof ForwardReuse.Conv).count());
        ComputationGraph dl4j = new ComputationGraph(conf.clone());
        dl4j.init();
        ComputationGraph reference = new ComputationGraph(conf.clone());
        reference.init();
        ForwardReuseTest.withoutConvolutionHelpers(reference);
        dl4j.setParams(repaired.params().dup());
        reference.setParams(repaired.params().dup());
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 5);
        for (int i = 0; i < 4; i++) y.putScalar(i, i, 1f);
        for (ComputationGraph g : new ComputationGraph[] {repaired, dl4j, reference}) {
            g.setInputs(x);
            g.setLabels(y);
            g.computeGradientAndScore();
        }
        INDArray ref = reference.gradient().gradient();
        double ours = ref.sub(repaired.gradient().gradient()).amaxNumber().doubleValue();
        double theirs = ref.sub(dl4j.gradient().gradient()).amaxNumber().doubleValue();
        assertTrue(ours < 1e-3, "the repaired layers' gradients differ from DL4J's im2col path by " + ours);
        assertTrue(theirs > 1e-2, "DL4J M2.1's oneDNN helper is still wrong channels-last (" + theirs
                + "); if a DL4J upgrade fixed it, the repair could go");
    }
}
