package wb.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import wb.common.UserException;

/**
 * Network surgery for transfer learning: cut a pretrained graph at a feature layer and put a new classifier
 * head on it ({@link HeadSpec}), freeze everything up to a layer, later move that freeze point to train more
 * layers while keeping every learned weight, extract the body for feature caching, and put a head trained on
 * cached features back on its body.
 *
 * <p>"Up to a layer" follows the layer table ({@link Networks#layers}): layers in topological order, so a
 * freeze point is a prefix of that table. A prefix of a topological order always contains every ancestor of
 * its layers, so it is a valid frozen body for any graph, residual ones included. Frozen layers are wrapped in
 * DL4J's {@link FrozenLayer} (what {@code TransferLearning.GraphBuilder.setFeatureExtractor} does): no updates,
 * and they always run in inference mode, so batch norm uses its learned statistics and dropout is off.
 * DL4J cannot unfreeze a frozen layer in place, so every change rebuilds the graph and copies the weights
 * (parameters and batch-norm statistics) by layer name.
 */
public final class FineTuning {

    static {
        Dl4jRuntime.init();
    }
    private FineTuning() { }

    /** Name of the head's hidden dense layer, batch norm and softmax output (with {@link #HEAD_PREFIX}). */
    public static final String HEAD_PREFIX = "head_";
    public static final String DENSE = "dense";
    public static final String BN = "bn";
    public static final String OUTPUT = "output";
    /** Input name of a head-only network trained on cached features. */
    public static final String FEATURES_INPUT = "features";

    static InputType inputType(InputShape input) {
        return InputType.convolutional(input.height(), input.width(), input.channels());
    }

    /** All vertex names except the network inputs, in topological order (the order of the layer table). */
    public static List<String> topologicalOrder(ComputationGraph net) {
        int[] order = net.topologicalSortOrder();
        List<String> inputs = net.getConfiguration().getNetworkInputs();
        List<String> names = new ArrayList<>();
        for (int i : order) {
            String n = net.getVertices()[i].getVertexName();
            if (!inputs.contains(n)) names.add(n);
        }
        return names;
    }

    /** Names of the frozen layers, in topological order. */
    public static List<String> frozenLayers(ComputationGraph net) {
        List<String> out = new ArrayList<>();
        for (String n : topologicalOrder(net)) {
            if (net.getConfiguration().getVertices().get(n) instanceof LayerVertex lv && isFrozen(lv.getLayerConf().getLayer())) out.add(n);
        }
        return out;
    }

    /** The layers (not other vertices) up to and including {@code layer} in topological order: what freezing through it freezes. */
    public static List<String> layersThrough(ComputationGraph net, String layer) {
        List<String> out = new ArrayList<>();
        if (layer == null) return out;
        requireVertex(net, layer);
        for (String n : topologicalOrder(net)) {
            if (net.getConfiguration().getVertices().get(n) instanceof LayerVertex) out.add(n);
            if (n.equals(layer)) break;
        }
        return out;
    }

    /** Number of parameters that training updates (those of layers that are not frozen). */
    public static long trainableParameters(ComputationGraph net) {
        long n = 0;
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            // The frozen wrapper reports its inner layer's configuration, so ask the implementation.
            if (!(l instanceof org.deeplearning4j.nn.layers.FrozenLayer || l instanceof org.deeplearning4j.nn.layers.FrozenLayerWithBackprop)) {
                n += l.numParams();
            }
        }
        return n;
    }

    /** Number of input channels of the layers fed by the network input (to size images for a loaded file). */
    public static int inputChannels(ComputationGraph net) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        String input = conf.getNetworkInputs().get(0);
        for (String n : topologicalOrder(net)) {
            if (conf.getVertexInputs().get(n).contains(input) && conf.getVertices().get(n) instanceof LayerVertex lv
                    && unwrap(lv.getLayerConf().getLayer()) instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff && ff.getNIn() > 0) {
                return (int) ff.getNIn();
            }
        }
        throw new UserException("cannot tell how many channels the network takes: its first layer is not a convolution or dense layer");
    }

    /**
     * The layer a new head goes on by default: walking back from the output over the original classifier
     * (output/loss, dense, dropout, activation, global pooling, batch norm on vectors, and a 1x1 convolution
     * with one filter per class as in SqueezeNet and Darknet), the first layer that is not part of it. For
     * VGG16 this is the last pooling layer (the computer-vision book's cut), for ResNet50 the average pool.
     */
    public static String defaultFeatureLayer(ComputationGraph net, InputShape input) {
        return defaultFeatureLayer(net.getConfiguration(), input);
    }

    /** {@link #defaultFeatureLayer(ComputationGraph, InputShape)} from a configuration, without allocating weights. */
    public static String defaultFeatureLayer(ComputationGraphConfiguration conf, InputShape input) {
        if (conf.getNetworkOutputs().size() != 1) throw new UserException("the network has several outputs; name the feature layer explicitly");
        Map<String, InputType> types = conf.getLayerActivationTypes(inputType(input));
        String v = conf.getNetworkOutputs().get(0);
        long classes = -1;
        boolean classifierConv = false;
        while (true) {
            List<String> ins = conf.getVertexInputs().get(v);
            if (!(conf.getVertices().get(v) instanceof LayerVertex lv) || ins == null || ins.size() != 1) break;
            Layer l = unwrap(lv.getLayerConf().getLayer());
            InputType t = types.get(v);
            if (classes < 0 && t instanceof InputType.InputTypeFeedForward f && f.getSize() > 0) classes = f.getSize();
            boolean conv1x1 = l instanceof ConvolutionLayer c && c.getKernelSize().length == 2 && c.getKernelSize()[0] == 1
                    && c.getKernelSize()[1] == 1 && c.getNOut() == classes;
            // Below a classifier convolution only its input dropout belongs to the classifier (SqueezeNet's drop9);
            // the activation under it (Darknet's) is the body's.
            boolean classifier = classifierConv ? l instanceof DropoutLayer
                    : l instanceof BaseOutputLayer || l instanceof LossLayer || l instanceof DenseLayer || l instanceof DropoutLayer
                    || l instanceof ActivationLayer || l instanceof GlobalPoolingLayer || conv1x1
                    || (l instanceof BatchNormalization && t instanceof InputType.InputTypeFeedForward);
            classifierConv |= conv1x1;
            if (!classifier || conf.getNetworkInputs().contains(ins.get(0))) break;
            v = ins.get(0);
        }
        if (v.equals(conf.getNetworkOutputs().get(0))) {
            throw new UserException("cannot find the classifier at the end of the network (its output is " + v + "); name the feature layer explicitly");
        }
        return v;
    }

    /**
     * The shape of one example's activations at {@code layer} in the order they are flattened into features:
     * channels, height, width (e.g. {512, 7, 7}) for images, whatever the layer's data format, or {4096}.
     */
    public static int[] outputShape(ComputationGraph net, InputShape input, String layer) {
        requireVertex(net, layer);
        InputType t = net.getConfiguration().getLayerActivationTypes(inputType(input)).get(layer);
        if (t instanceof InputType.InputTypeConvolutional c) {
            return new int[] {(int) c.getChannels(), (int) c.getHeight(), (int) c.getWidth()};
        }
        if (t instanceof InputType.InputTypeFeedForward f) return new int[] {(int) f.getSize()};
        throw new UserException("layer " + layer + " produces " + t + ", which cannot be used as image features");
    }

    /**
     * Replaces the classifier: keeps {@code featureLayer} and everything it depends on, puts a new head on it
     * for {@code numClasses}, and freezes every layer up to and including {@code freezeTo} (null: nothing frozen;
     * normally {@code featureLayer}, i.e. the whole body). Weights of the kept layers are copied; the head is
     * initialised from {@code seed}. Trainable layers get {@code updater}.
     */
    public static ComputationGraph withNewHead(ComputationGraph pretrained, InputShape input, String featureLayer, int numClasses,
                                               HeadSpec head, String freezeTo, IUpdater updater, long seed) {
        if (numClasses < 2) throw new IllegalArgumentException("a classifier needs at least 2 classes, not " + numClasses);
        requireVertex(pretrained, featureLayer);
        List<String> order = topologicalOrder(pretrained);
        Set<String> keep = ancestorsAndSelf(pretrained, featureLayer);
        Set<String> frozen = new HashSet<>();
        if (freezeTo != null) {
            requireVertex(pretrained, freezeTo);
            if (!keep.contains(freezeTo)) {
                throw new UserException("cannot freeze up to " + freezeTo + ": it is not part of the body below the feature layer " + featureLayer
                        + " (the new head is always trained)");
            }
            frozen.addAll(order.subList(0, order.indexOf(freezeTo) + 1));
        }
        String prefix = headPrefix(keep);
        ComputationGraph net = rebuild(pretrained, input, keep, frozen, updater, seed,
                gb -> addHead(gb, prefix, featureLayer, numClasses, head, updater), prefix + OUTPUT);
        checkAccepts(net, input);
        return net;
    }

    /**
     * Moves the freeze point, keeping all weights: layers up to and including {@code layer} are frozen, all
     * later ones trainable ({@code layer == null} unfreezes everything). Moving it earlier is the fine-tuning
     * phase of the two-phase recipe; the updater (usually with a lower learning rate) starts afresh.
     */
    public static ComputationGraph freezeThrough(ComputationGraph net, InputShape input, String layer, IUpdater updater) {
        List<String> order = topologicalOrder(net);
        Set<String> frozen = new HashSet<>();
        if (layer != null) {
            requireVertex(net, layer);
            frozen.addAll(order.subList(0, order.indexOf(layer) + 1));
        }
        return rebuild(net, input, new LinkedHashSet<>(order), frozen, updater, seedOf(net), gb -> { },
                net.getConfiguration().getNetworkOutputs().toArray(new String[0]));
    }

    /** Makes {@code layer} and every layer after it trainable; the layers before it stay (or become) frozen. */
    public static ComputationGraph unfreezeFrom(ComputationGraph net, InputShape input, String layer, IUpdater updater) {
        requireVertex(net, layer);
        List<String> order = topologicalOrder(net);
        int i = order.indexOf(layer);
        return freezeThrough(net, input, i == 0 ? null : order.get(i - 1), updater);
    }

    /** The layer just before {@code layer} in topological order (the freeze point that makes {@code layer} trainable), or null. */
    public static String layerBefore(ComputationGraph net, String layer) {
        requireVertex(net, layer);
        List<String> order = topologicalOrder(net);
        int i = order.indexOf(layer);
        return i == 0 ? null : order.get(i - 1);
    }

    /** Name of the vertex that flattens image-shaped features in a {@link #body}. */
    public static final String FLATTEN = "features_flat";

    /**
     * The feature extractor: {@code featureLayer} and everything it depends on, all frozen (inference mode).
     * Its output is one feature vector per image: the feature layer's activations flattened by the same DL4J
     * pre-processor a dense head applies to them (channels, then rows, then columns, whatever the layer's
     * data format), so a head trained on these vectors sees exactly what it will see on the body.
     */
    public static ComputationGraph body(ComputationGraph net, InputShape input, String featureLayer) {
        requireVertex(net, featureLayer);
        Set<String> keep = ancestorsAndSelf(net, featureLayer);
        InputType t = net.getConfiguration().getLayerActivationTypes(inputType(input)).get(featureLayer);
        ComputationGraph body;
        if (t instanceof InputType.InputTypeConvolutional c) {
            body = rebuild(net, input, keep, keep, null, seedOf(net), gb -> gb.addVertex(FLATTEN,
                    new org.deeplearning4j.nn.conf.graph.PreprocessorVertex(new org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor(
                            c.getHeight(), c.getWidth(), c.getChannels(), c.getFormat())), featureLayer), FLATTEN);
        } else {
            body = rebuild(net, input, keep, keep, null, seedOf(net), gb -> { }, featureLayer);
        }
        checkAccepts(body, input);
        return body;
    }

    /**
     * A head alone, taking a feature vector of {@code featureSize} (the flattened activations of the feature
     * layer, in the order DL4J flattens them): trained on cached features, then put back with {@link #assemble}.
     */
    public static ComputationGraph headNetwork(int featureSize, int numClasses, HeadSpec head, IUpdater updater, long seed) {
        if (featureSize < 1) throw new IllegalArgumentException("feature size must be >= 1");
        GraphBuilder gb = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).updater(updater)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder().addInputs(FEATURES_INPUT).setInputTypes(InputType.feedForward(featureSize));
        addHead(gb, HEAD_PREFIX, FEATURES_INPUT, numClasses, head, updater);
        ComputationGraph net = new ComputationGraph(gb.setOutputs(HEAD_PREFIX + OUTPUT).build());
        net.init();
        return net;
    }

    /**
     * Puts a head trained on cached features back on its body: the pretrained network cut at
     * {@code featureLayer} with a new head of the same design, whose weights are then copied from
     * {@code trainedHead}. The body is frozen. The result predicts on images exactly as the head did on the
     * body's features.
     */
    public static ComputationGraph assemble(ComputationGraph pretrained, InputShape input, String featureLayer, ComputationGraph trainedHead,
                                            HeadSpec head, IUpdater updater, long seed) {
        String headOut = trainedHead.getConfiguration().getNetworkOutputs().get(0);
        int classes = (int) trainedHead.layerSize(headOut);
        ComputationGraph net = withNewHead(pretrained, input, featureLayer, classes, head, featureLayer, updater, seed);
        String prefix = net.getConfiguration().getNetworkOutputs().get(0);
        prefix = prefix.substring(0, prefix.length() - OUTPUT.length());
        for (String role : List.of(DENSE, BN, OUTPUT)) {
            org.deeplearning4j.nn.graph.vertex.GraphVertex from = trainedHead.getVertex(HEAD_PREFIX + role);
            org.deeplearning4j.nn.graph.vertex.GraphVertex to = net.getVertex(prefix + role);
            if ((from == null) != (to == null)) throw new IllegalArgumentException("the trained head and the head spec differ at " + role);
            if (from == null) continue;
            copyLayer(from.getLayer(), to.getLayer(), role);
        }
        return net;
    }

    /**
     * Changes the dropout on the input of {@code layer} to {@code newDropProbability} and returns the factor
     * (1 - pOld) / (1 - pNew) by which that layer's weights were multiplied when {@code rescaleWeights}.
     *
     * <p>fast.ai lesson 3 rescales the layer after a dropout whose rate changes so that it sees inputs of the
     * same size as when it was trained. That is exact for <em>standard</em> dropout, which scales activations
     * by the retain probability 1 - p at test time: the next layer was fitted to inputs of (1 - pOld) times
     * the activations and will now see (1 - pNew) times them. DL4J (like Keras, PyTorch and Caffe) uses
     * <em>inverted</em> dropout, which divides kept activations by 1 - p during training and does nothing at
     * test time, so expected inputs do not depend on p and weights trained here need no rescaling: pass
     * {@code rescaleWeights = false}. Rescale only weights that came from standard-dropout training. Biases
     * are never scaled (they do not multiply the dropped activations). DL4J attaches dropout to the layer that
     * <em>receives</em> the dropped activations, so "dropout after dense layer A" is set on the layer after A.
     */
    public static double changeDropout(ComputationGraph net, String layer, double newDropProbability, boolean rescaleWeights) {
        if (newDropProbability < 0 || newDropProbability >= 1) throw new IllegalArgumentException("dropout must be in [0, 1), not " + newDropProbability);
        requireVertex(net, layer);
        org.deeplearning4j.nn.api.Layer impl = net.getLayer(layer);
        Layer conf = impl.conf().getLayer();
        if (net.getConfiguration().getVertices().get(layer) instanceof LayerVertex v && isFrozen(v.getLayerConf().getLayer())) throw new IllegalArgumentException(layer + " is frozen: frozen layers run without dropout");
        IDropout current = conf.getIDropout();
        double pOld;
        if (current == null) pOld = 0;
        else if (current instanceof Dropout d && d.getPSchedule() == null) pOld = 1 - d.getP();
        else throw new IllegalArgumentException(layer + " uses " + current.getClass().getSimpleName() + ", not plain dropout");
        IDropout next = newDropProbability > 0 ? new Dropout(1 - newDropProbability) : null;
        conf.setIDropout(next);
        if (net.getConfiguration().getVertices().get(layer) instanceof LayerVertex lv && lv.getLayerConf().getLayer() != conf) {
            lv.getLayerConf().getLayer().setIDropout(next == null ? null : next.clone());
        }
        double factor = (1 - pOld) / (1 - newDropProbability);
        if (rescaleWeights) {
            INDArray w = impl.paramTable().get("W");
            if (w == null) throw new IllegalArgumentException(layer + " has no weights to rescale");
            w.muli(factor);
            return factor;
        }
        return 1.0;
    }

    /** Copies parameters (and batch-norm statistics) from {@code from} to {@code to} for every layer both have with the same name and shapes. */
    public static int copyParams(ComputationGraph from, ComputationGraph to) {
        int copied = 0;
        for (org.deeplearning4j.nn.api.Layer l : to.getLayers()) {
            String name = l.conf().getLayer().getLayerName();
            org.deeplearning4j.nn.graph.vertex.GraphVertex v = from.getVertex(name);
            if (v == null || !v.hasLayer() || v.getLayer().numParams() != l.numParams() || l.numParams() == 0) continue;
            copyLayer(v.getLayer(), l, name);
            copied++;
        }
        return copied;
    }

    private static void copyLayer(org.deeplearning4j.nn.api.Layer from, org.deeplearning4j.nn.api.Layer to, String what) {
        Map<String, INDArray> src = from.paramTable();
        Map<String, INDArray> dst = to.paramTable();
        if (!src.keySet().equals(dst.keySet())) throw new IllegalArgumentException("parameters of " + what + " differ: " + src.keySet() + " vs " + dst.keySet());
        for (Map.Entry<String, INDArray> e : src.entrySet()) {
            INDArray d = dst.get(e.getKey());
            if (!java.util.Arrays.equals(d.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " of " + what + " has shape " + java.util.Arrays.toString(e.getValue().shape())
                        + " but " + java.util.Arrays.toString(d.shape()) + " is needed (the head was trained on features of another size)");
            }
            d.assign(e.getValue());
        }
    }

    static boolean isFrozen(Layer l) {
        return l instanceof FrozenLayer || l instanceof FrozenLayerWithBackprop;
    }

    static Layer unwrap(Layer l) {
        if (l instanceof FrozenLayer f) return unwrap(f.getLayer());
        if (l instanceof FrozenLayerWithBackprop f) return unwrap(f.getUnderlying());
        return l;
    }

    private static long seedOf(ComputationGraph net) {
        NeuralNetConfiguration d = net.getConfiguration().getDefaultConfiguration();
        return d == null ? 0 : d.getSeed();
    }

    private static void requireVertex(ComputationGraph net, String name) {
        if (name == null || !net.getConfiguration().getVertices().containsKey(name)) {
            List<String> order = topologicalOrder(net);
            String some = order.size() <= 12 ? String.join(", ", order)
                    : String.join(", ", order.subList(0, 4)) + ", ..., " + String.join(", ", order.subList(order.size() - 6, order.size()));
            throw new UserException("the network has no layer named '" + name + "'; its layers are: " + some
                    + " (the 'models --layers' table lists them all)");
        }
    }

    private static Set<String> ancestorsAndSelf(ComputationGraph net, String vertex) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        Set<String> out = new LinkedHashSet<>();
        java.util.ArrayDeque<String> toVisit = new java.util.ArrayDeque<>(List.of(vertex));
        while (!toVisit.isEmpty()) {
            String v = toVisit.pop();
            if (conf.getNetworkInputs().contains(v) || !out.add(v)) continue;
            toVisit.addAll(conf.getVertexInputs().getOrDefault(v, List.of()));
        }
        return out;
    }

    private static String headPrefix(Set<String> kept) {
        for (int i = 1; ; i++) {
            String p = i == 1 ? HEAD_PREFIX : "head" + i + "_";
            if (!kept.contains(p + DENSE) && !kept.contains(p + BN) && !kept.contains(p + OUTPUT)) return p;
        }
    }

    private static void addHead(GraphBuilder gb, String prefix, String input, int numClasses, HeadSpec head, IUpdater updater) {
        String prev = input;
        if (head.units() > 0) {
            DenseLayer.Builder d = new DenseLayer.Builder().nOut(head.units()).weightInit(WeightInit.RELU)
                    .activation(head.batchNorm() ? Activation.IDENTITY : Activation.RELU);
            if (head.l2() > 0) d.l2(head.l2());
            if (updater != null) d.updater(updater.clone());
            gb.addLayer(prefix + DENSE, d.build(), prev);
            prev = prefix + DENSE;
            if (head.batchNorm()) {
                BatchNormalization.Builder b = new BatchNormalization.Builder().activation(Activation.RELU);
                if (updater != null) b.updater(updater.clone());
                gb.addLayer(prefix + BN, b.build(), prev);
                prev = prefix + BN;
            }
        }
        OutputLayer.Builder o = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(numClasses)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER);
        // DL4J's dropOut() takes the retain probability and applies to this layer's input.
        if (head.dropout() > 0) o.dropOut(1 - head.dropout());
        if (head.l2() > 0) o.l2(head.l2());
        if (updater != null) o.updater(updater.clone());
        gb.addLayer(prefix + OUTPUT, o.build(), prev);
    }

    /**
     * Builds a new graph from {@code src}'s vertices in {@code keep} (layer configurations cloned, frozen ones
     * wrapped, trainable ones given {@code updater}), lets {@code extra} add layers, and copies every kept
     * layer's weights. Channels-last layers fed by the input (Keras imports) get a {@link ChannelsLastInput}.
     */
    private static ComputationGraph rebuild(ComputationGraph src, InputShape input, Set<String> keep, Set<String> frozen, IUpdater updater,
                                            long seed, java.util.function.Consumer<GraphBuilder> extra, String... outputs) {
        ComputationGraphConfiguration conf = src.getConfiguration();
        NeuralNetConfiguration.Builder nb = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (updater != null) nb.updater(updater.clone());
        GraphBuilder gb = nb.graphBuilder();
        List<String> inputs = conf.getNetworkInputs();
        gb.addInputs(inputs.toArray(new String[0]));
        InputType[] types = new InputType[inputs.size()];
        java.util.Arrays.fill(types, inputType(input));
        gb.setInputTypes(types);
        for (String name : topologicalOrder(src)) {
            if (!keep.contains(name)) continue;
            GraphVertex v = conf.getVertices().get(name);
            String[] in = conf.getVertexInputs().get(name).toArray(new String[0]);
            if (v instanceof LayerVertex lv) {
                Layer layer = unwrap(lv.getLayerConf().getLayer()).clone();
                InputPreProcessor pp = lv.getPreProcessor() == null ? null : lv.getPreProcessor().clone();
                if (pp == null && channelsLast(layer) && java.util.Arrays.stream(in).anyMatch(inputs::contains)) pp = new ChannelsLastInput();
                if (frozen.contains(name)) layer = new FrozenLayer(layer);
                else if (layer instanceof BaseLayer bl && updater != null) bl.setIUpdater(updater.clone());
                gb.addLayer(name, layer, pp, in);
            } else {
                gb.addVertex(name, v.clone(), in);
            }
        }
        extra.accept(gb);
        gb.setOutputs(outputs);
        ComputationGraph net;
        try {
            ComputationGraphConfiguration built = gb.build();
            if (ForwardReuse.hasChannelsLastConvolution(built)) {
                net = ForwardReuse.build(built, false); // DL4J's channels-last convolutions train with wrong gradients
            } else {
                net = new ComputationGraph(built);
                net.init();
            }
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            throw new UserException("the pretrained network does not accept " + input + " input (" + (m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m)
                    + "): set the input size (--size) to the one its weights were trained with", e);
        }
        copyParams(src, net);
        return net;
    }

    private static boolean channelsLast(Layer l) {
        if (l instanceof ConvolutionLayer c) return c.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        if (l instanceof SubsamplingLayer s) return s.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        return false;
    }

    /** Runs one blank image through the network so that a size mismatch is reported now, in words. */
    private static void checkAccepts(ComputationGraph net, InputShape input) {
        try {
            net.outputSingle(false, Nd4j.zeros(DataType.FLOAT, 1, input.channels(), input.height(), input.width()));
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            int nl = m.indexOf('\n');
            throw new UserException("the pretrained network does not accept " + input + " input (" + (nl < 0 ? m : m.substring(0, nl))
                    + "): set the input size (--size) to the one its weights were trained with", e);
        }
    }
}
