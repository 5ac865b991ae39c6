package wb.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import wb.common.UserException;
import wb.imaging.ResizePolicy;

class FineTuningTest {

    static final InputShape GREY28 = new InputShape(1, 28, 28);

    static ComputationGraph lenet(int classes, long seed) {
        return Networks.build(ModelZoo.standard().get("lenet"), new ModelRequest(GREY28, classes, seed, 0, 0, false), new Adam(1e-3));
    }

    static INDArray images(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, 1, 28, 28);
    }

    static DataSet batch(int n, int classes, long seed) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) y.putScalar(i, i % classes, 1f);
        return new DataSet(images(n, seed), y);
    }

    @Test
    void newHeadReplacesTheClassifierFreezesTheBodyAndKeepsItsWeights() {
        ComputationGraph pre = lenet(5, 1);
        assertEquals("pool4", FineTuning.defaultFeatureLayer(pre, GREY28));
        ComputationGraph net = FineTuning.withNewHead(pre, GREY28, "pool4", 3, HeadSpec.defaults(), "pool4", new Adam(1e-3), 9);

        assertEquals(List.of("conv1", "pool2", "conv3", "pool4"), FineTuning.frozenLayers(net));
        assertEquals(List.of("conv1", "pool2", "conv3", "pool4", "head_dense", "head_output"), FineTuning.topologicalOrder(net));
        // lenet: pool4 is 50x4x4 = 800 features -> dense 256 -> softmax 3
        assertArrayEquals(new long[] {800, 256}, net.getLayer("head_dense").getParam("W").shape());
        assertArrayEquals(new long[] {256, 3}, net.getLayer("head_output").getParam("W").shape());
        assertEquals(0.5, 1 - ((org.deeplearning4j.nn.conf.dropout.Dropout) net.getLayer("head_output").conf().getLayer().getIDropout()).getP(), 1e-12);
        assertEquals(pre.getLayer("conv3").getParam("W"), net.getLayer("conv3").getParam("W"), "body weights are copied");
        assertEquals(800 * 256 + 256 + 256 * 3 + 3, FineTuning.trainableParameters(net));

        // The layer table the GUI shows marks exactly the frozen layers.
        List<LayerInfo> table = Networks.layers(net.getConfiguration(), GREY28);
        assertEquals(List.of(true, true, true, true, false, false), table.stream().map(LayerInfo::frozen).toList());
        assertEquals("Convolution", table.get(0).type(), "frozen layers show their real type");
        assertEquals("3", table.get(table.size() - 1).outputShape());
        assertEquals(3, net.outputSingle(images(4, 2)).size(1));
    }

    @Test
    void frozenLayersDoNotLearnAndMovingTheFreezePointKeepsEveryWeight() {
        ComputationGraph net = FineTuning.withNewHead(lenet(5, 1), GREY28, "pool4", 3, HeadSpec.defaults(), "pool4", new Adam(1e-2), 9);
        INDArray conv1 = net.getLayer("conv1").getParam("W").dup();
        INDArray head = net.getLayer("head_dense").getParam("W").dup();
        for (int i = 0; i < 3; i++) net.fit(batch(16, 3, 10 + i));
        assertEquals(conv1, net.getLayer("conv1").getParam("W"), "frozen body unchanged");
        assertNotEquals(head, net.getLayer("head_dense").getParam("W"), "head learned");

        INDArray x = images(5, 3);
        INDArray before = net.outputSingle(false, x).dup();
        INDArray params = net.params().dup();
        ComputationGraph tuned = FineTuning.unfreezeFrom(net, GREY28, "conv3", new Adam(1e-3));
        assertEquals(List.of("conv1", "pool2"), FineTuning.frozenLayers(tuned));
        assertEquals(params, tuned.params(), "all learned weights kept");
        assertEquals(before, tuned.outputSingle(false, x), "same predictions after moving the freeze point");
        INDArray conv3 = tuned.getLayer("conv3").getParam("W").dup();
        tuned.fit(batch(16, 3, 20));
        assertNotEquals(conv3, tuned.getLayer("conv3").getParam("W"), "unfrozen layer now learns");
        assertEquals(conv1, tuned.getLayer("conv1").getParam("W"));

        assertEquals(List.of(), FineTuning.frozenLayers(FineTuning.freezeThrough(tuned, GREY28, null, new Adam(1e-3))));
        assertEquals("pool2", FineTuning.layerBefore(tuned, "conv3"));
    }

    @Test
    void bodyFeaturesAndATrainedHeadAssembleIntoTheSamePredictions() {
        ComputationGraph pre = lenet(5, 1);
        HeadSpec head = new HeadSpec(16, 0.5, true, 1e-4);
        ComputationGraph body = FineTuning.body(pre, GREY28, "pool4");
        assertEquals(4, FineTuning.frozenLayers(body).size());
        assertArrayEquals(new int[] {50, 4, 4}, FineTuning.outputShape(pre, GREY28, "pool4"));
        INDArray x = images(6, 4);
        INDArray features = body.outputSingle(false, x).reshape('c', 6, 800);

        ComputationGraph headNet = FineTuning.headNetwork(800, 3, head, new Adam(1e-2), 5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 3);
        for (int i = 0; i < 6; i++) y.putScalar(i, i % 3, 1f);
        for (int i = 0; i < 5; i++) headNet.fit(new DataSet(features, y)); // moves batch-norm statistics away from their initial values
        ComputationGraph full = FineTuning.assemble(pre, GREY28, "pool4", headNet, head, new Adam(1e-3), 5);
        INDArray expected = headNet.outputSingle(false, features);
        INDArray actual = full.outputSingle(false, x);
        assertTrue(expected.equalsWithEps(actual, 1e-5), expected + " vs " + actual);
        assertEquals(List.of("conv1", "pool2", "conv3", "pool4"), FineTuning.frozenLayers(full));

        ComputationGraph wrongSize = FineTuning.headNetwork(10, 3, head, new Adam(1e-2), 5);
        assertThrows(IllegalArgumentException.class, () -> FineTuning.assemble(pre, GREY28, "pool4", wrongSize, head, new Adam(1e-3), 5));
    }

    @Test
    void dropoutChangeRescalesTheReceivingLayerOnlyWhenAsked() {
        ComputationGraph net = FineTuning.withNewHead(lenet(5, 1), GREY28, "pool4", 3, HeadSpec.defaults(), "pool4", new Adam(1e-3), 9);
        INDArray w = net.getLayer("head_output").getParam("W").dup();
        INDArray b = net.getLayer("head_output").getParam("b").dup();
        // 0.5 -> 0: the fast.ai lesson-3 factor (1 - 0.5) / (1 - 0) = 0.5
        assertEquals(0.5, FineTuning.changeDropout(net, "head_output", 0.0, true), 1e-12);
        assertEquals(w.mul(0.5), net.getLayer("head_output").getParam("W"));
        assertEquals(b, net.getLayer("head_output").getParam("b"), "biases are not scaled");
        assertNull(net.getLayer("head_output").conf().getLayer().getIDropout());
        // Under standard dropout the layer saw (1 - pOld) * a when trained and now sees (1 - pNew) * a: W'(1 - pNew) = W(1 - pOld).
        assertTrue(net.getLayer("head_output").getParam("W").mul(1 - 0.0).equalsWithEps(w.mul(1 - 0.5), 1e-6));
        // 0 -> 0.2 without rescaling (inverted dropout, DL4J's own): weights unchanged, dropout set.
        INDArray w2 = net.getLayer("head_output").getParam("W").dup();
        assertEquals(1.0, FineTuning.changeDropout(net, "head_output", 0.2, false), 1e-12);
        assertEquals(w2, net.getLayer("head_output").getParam("W"));
        assertEquals(0.8, ((org.deeplearning4j.nn.conf.dropout.Dropout) net.getLayer("head_output").conf().getLayer().getIDropout()).getP(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> FineTuning.changeDropout(net, "conv3", 0.3, true), "frozen layer");
    }

    @Test
    void defaultFeatureLayersOfTheImageNetArchitectures() {
        record Case(String id, String expected) { }
        for (Case c : List.of(new Case("vgg16", "17"), new Case("resnet50", "avgpool"), new Case("darknet19", "activation_18"),
                new Case("squeezenet", "fire9"), new Case("minivggnet", "pool14"))) {
            ModelSpec s = ModelZoo.standard().get(c.id());
            InputShape in = new InputShape(3, s.defaultInput().height(), s.defaultInput().width());
            var conf = Networks.configure(s, new ModelRequest(in, 10, 1, 0, s.defaultDropout(), true), new Adam(1e-3));
            assertEquals(c.expected(), FineTuning.defaultFeatureLayer(conf, in), c.id());
        }
    }

    @Test
    void unknownLayersAndImpossibleFreezePointsAreClearErrors() {
        ComputationGraph pre = lenet(5, 1);
        UserException e = assertThrows(UserException.class,
                () -> FineTuning.withNewHead(pre, GREY28, "block5_pool", 3, HeadSpec.defaults(), null, new Adam(1e-3), 1));
        assertTrue(e.getMessage().contains("no layer named 'block5_pool'") && e.getMessage().contains("conv1"), e.getMessage());
        UserException after = assertThrows(UserException.class,
                () -> FineTuning.withNewHead(pre, GREY28, "pool2", 3, HeadSpec.defaults(), "dense5", new Adam(1e-3), 1));
        assertTrue(after.getMessage().contains("not part of the body"), after.getMessage());
        UserException size = assertThrows(UserException.class,
                () -> FineTuning.withNewHead(pre, new InputShape(1, 12, 12), "pool4", 3, HeadSpec.defaults(), null, new Adam(1e-3), 1));
        assertTrue(size.getMessage().contains("does not accept 1x12x12"), size.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HeadSpec(0, 0.5, true, 0));
    }

    @Test
    void aSavedFineTunedModelKeepsItsFrozenLayers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        ComputationGraph net = FineTuning.withNewHead(lenet(5, 1), GREY28, "pool4", 2, HeadSpec.defaults(), "conv3", new Adam(1e-3), 9);
        ModelCard card = new ModelCard(ModelCard.FORMAT_VERSION, "lenet", "LeNet", List.of("a", "b"), 1, 28, 28, ResizePolicy.SQUASH.name(),
                new float[] {0f}, new float[] {1f}, java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), "/d", "FASTAI", "sha256:0",
                java.util.Map.of(), 1, net.numParams(), 1, 1, "file: x", ModelCard.currentVersions(), "2026-11-22T00:00:00Z");
        ModelBundle.save(new TrainedModel(net, card), dir, false);
        TrainedModel back = ModelBundle.load(dir, false);
        assertEquals(List.of("conv1", "pool2", "conv3"), FineTuning.frozenLayers(back.network()));
        assertTrue(((org.deeplearning4j.nn.conf.graph.LayerVertex) back.network().getConfiguration().getVertices().get("conv1"))
                .getLayerConf().getLayer() instanceof FrozenLayer);
        assertEquals("file: x", back.card().initialisedFrom());
        INDArray x = images(3, 7);
        assertEquals(net.outputSingle(false, x), back.network().outputSingle(false, x));
    }
}
