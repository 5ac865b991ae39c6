package wb.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/** Builds and describes DL4J networks from zoo specs; the place where DL4J's fast paths are set up. */
public final class Networks {
    private Networks() { }

    static {
        Dl4jRuntime.init();
    }

    /** Makes the DL4J updater for an optimizer and a starting learning rate. */
    public static IUpdater updater(Optimizer optimizer, double learningRate, double momentum) {
        return switch (optimizer) {
            case SGD -> new Sgd(learningRate);
            case MOMENTUM -> new Nesterovs(learningRate, momentum); // DL4J has no plain-momentum updater; Nesterov is the usual substitute
            case NESTEROV -> new Nesterovs(learningRate, momentum);
            case ADAM -> new Adam(learningRate);
            case RMSPROP -> new RmsProp(learningRate);
        };
    }

    /** The architecture's configuration with the trainer's updater and L2 applied to every trainable layer. */
    public static ComputationGraphConfiguration configure(ModelSpec spec, ModelRequest request, IUpdater updater) {
        ComputationGraphConfiguration conf = spec.configure(request);
        List<Regularization> l2 = request.l2() > 0 ? List.of(new L2Regularization(request.l2())) : List.of();
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer bl) {
                bl.setIUpdater(updater.clone());
                // Weights only: decaying biases and batch-norm scales hurts and is not what Keras/PyTorch users expect.
                if (!(bl instanceof BatchNormalization)) bl.setRegularization(new ArrayList<>(l2));
            }
        }
        conf.setTrainingWorkspaceMode(WorkspaceMode.ENABLED);
        conf.setInferenceWorkspaceMode(WorkspaceMode.ENABLED);
        return conf;
    }

    /** Builds and initialises a network (with {@link ForwardReuse}'s faster layers where the architecture is sequential). */
    public static ComputationGraph build(ModelSpec spec, ModelRequest request, IUpdater updater) {
        ComputationGraphConfiguration conf = configure(spec, request, updater);
        if (spec.sequential() && ForwardReuse.enabled()) return ForwardReuse.build(conf);
        if (ForwardReuse.hasChannelsLastConvolution(conf)) return ForwardReuse.build(conf, false);
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Parameter count computed from the configuration, without allocating the weights. */
    public static long parameterCount(ComputationGraphConfiguration conf) {
        long total = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv) {
                Layer l = lv.getLayerConf().getLayer();
                total += l.initializer().numParams(lv.getLayerConf());
            }
        }
        return total;
    }

    /** The layer table in topological order: name, type, output shape, parameters, frozen. */
    public static List<LayerInfo> layers(ComputationGraphConfiguration conf, InputShape input) {
        Map<String, InputType> shapes = conf.getLayerActivationTypes(
                InputType.convolutional(input.height(), input.width(), input.channels()));
        List<LayerInfo> out = new ArrayList<>();
        // getLayerActivationTypes walks the graph in topological order and returns a map in that order.
        for (String name : shapes.keySet()) {
            GraphVertex v = conf.getVertices().get(name);
            if (v == null) continue; // network input
            long params = 0;
            String type;
            boolean frozen = false;
            if (v instanceof LayerVertex lv) {
                Layer l = lv.getLayerConf().getLayer();
                params = l.initializer().numParams(lv.getLayerConf());
                frozen = l instanceof FrozenLayer || l instanceof FrozenLayerWithBackprop;
                Layer inner = l instanceof FrozenLayer f ? f.getLayer() : l instanceof FrozenLayerWithBackprop fb ? fb.getUnderlying() : l;
                type = inner.getClass().getSimpleName().replace("Layer", "");
                if (type.isEmpty()) type = inner.getClass().getSimpleName();
            } else {
                type = v.getClass().getSimpleName().replace("Vertex", "");
            }
            InputType t = shapes.get(name);
            String shape = t == null ? "" : describe(t);
            // DL4J infers size 0 for layers that keep their input's size after global pooling (SqueezeNet's
            // softmax and loss layers); such layers have the previous layer's shape.
            if (shape.equals("0") && !out.isEmpty()) shape = out.get(out.size() - 1).outputShape();
            out.add(new LayerInfo(name, type, shape, params, frozen));
        }
        return out;
    }

    /** The layer table and parameter count of an architecture for a request, without allocating weights. */
    public static List<LayerInfo> layerTable(ModelSpec spec, ModelRequest request) {
        return layers(configure(spec, request, new Adam(1e-3)), request.input());
    }

    private static String describe(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) return c.getChannels() + "x" + c.getHeight() + "x" + c.getWidth();
        if (t instanceof InputType.InputTypeFeedForward f) return String.valueOf(f.getSize());
        return t.toString();
    }

    /**
     * The helper class DL4J uses for the first convolution layer (e.g. "MKLDNNConvHelper"), or "none".
     * The oneDNN helper is 4-5x faster than DL4J's own im2col path on CPUs; tests assert it is active.
     */
    public static String convolutionHelper(ComputationGraph net) {
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            // Frozen layers (transfer learning) wrap the real layer, which keeps its helper.
            while (l instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer w) l = w.getUnderlying();
            if (l instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer c) {
                return c.getHelper() == null ? "none" : c.getHelper().getClass().getSimpleName();
            }
        }
        return "none";
    }
}
