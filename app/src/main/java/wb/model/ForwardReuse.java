package wb.model;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Lets convolution and dense layers reuse their forward output in their backward pass.
 *
 * <p>DL4J 1.0.0-M2.1 computes a layer's pre-activation twice per training step: once in the forward pass and once
 * more in {@code backpropGradient}, to differentiate the activation function. For a convolution that is a second
 * convolution; for a dense layer a second matrix product. The op profile of one FMNIST-CNN step (docs/benchmarks.md)
 * showed four convolution calls for two convolution layers: about a tenth of the step.
 *
 * <p>For ReLU and the identity the derivative can be computed from the layer's output instead of its input (ReLU's
 * output is positive exactly where its input is, and the identity's derivative needs neither). These layers keep
 * the output of their last training forward pass and hand it to the backward pass of the same input. The values
 * are the same whether the derivative reads the output or the recomputed pre-activation, so gradients are identical
 * (ForwardReuseTest checks it against DL4J's own layers). A consumer that rewrote the output in place before the
 * backward pass would break this for other activations; inverted dropout, the only in-place consumer in a
 * sequential network, keeps ReLU's sign pattern, and DL4J backpropagates through the consumers first.
 *
 * <p>{@link #build} instantiates the network with these layers and then puts DL4J's own layer configurations back
 * into the graph's configuration, so saved models contain only standard DL4J classes and load anywhere.
 */
public final class ForwardReuse {
    private ForwardReuse() { }

    /** Off with {@code -Dwb.forwardReuse=false} (WB_JAVA_OPTS), to compare with DL4J's own layers. */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty("wb.forwardReuse"));
    }

    /**
     * Builds and initialises a graph whose ReLU and identity convolution and dense layers reuse their forward
     * output. Meant for sequential networks (each layer's output feeds the next layer only), such as
     * {@link CustomNets}.
     */
    public static ComputationGraph build(ComputationGraphConfiguration conf) {
        return build(conf, true);
    }

    /**
     * Builds and initialises a graph. With {@code reuse} (sequential networks only), ReLU and identity convolution and
     * dense layers reuse their forward output; without it (any graph), only channels-last convolutions are replaced,
     * by layers whose backward pass is right where DL4J's is not (see {@code Conv.channelsLastHelped}).
     */
    public static ComputationGraph build(ComputationGraphConfiguration conf, boolean reuse) {
        return build(conf, reuse, null);
    }

    /** As above, on the given parameters (a view of them, not a copy) where {@code params} is not null. */
    private static ComputationGraph build(ComputationGraphConfiguration conf, boolean reuse, INDArray params) {
        Map<NeuralNetConfiguration, Layer> originals = new IdentityHashMap<>();
        for (GraphVertex v : conf.getVertices().values()) {
            if (!(v instanceof LayerVertex lv)) continue;
            Layer l = lv.getLayerConf().getLayer();
            Class<? extends Layer> reusing = reuse ? reusingClass(l) : null;
            boolean repairOnly = reusing == null && channelsLastConvolution(l);
            if (reusing == null && !repairOnly) continue;
            originals.put(lv.getLayerConf(), l);
            Layer copy = copyAs(l, repairOnly ? ConvLayer.class : reusing);
            if (copy instanceof ConvLayer c) {
                c.reuseOutput = !repairOnly;
                c.inputGradientUnused = !repairOnly && readsOnlyNetworkInputs(conf, name(conf, v), lv);
            }
            lv.getLayerConf().setLayer(copy);
        }
        ComputationGraph net = new ComputationGraph(conf);
        try {
            if (params != null) net.init(params, false);
            else net.init();
        } finally {
            // The layer objects keep their (reusing) class; the configuration describes them with DL4J's own
            // classes, which have the same fields, so a saved network needs nothing from this workbench to load.
            originals.forEach(NeuralNetConfiguration::setLayer);
        }
        return net;
    }

    /** True where a graph has a channels-last convolution, whose DL4J implementation must be replaced to train. */
    public static boolean hasChannelsLastConvolution(ComputationGraphConfiguration conf) {
        return conf.getVertices().values().stream()
                .anyMatch(v -> v instanceof LayerVertex lv && channelsLastConvolution(lv.getLayerConf().getLayer()));
    }

    private static boolean channelsLastConvolution(Layer l) {
        return l != null && l.getClass() == ConvolutionLayer.class
                && ((ConvolutionLayer) l).getCnn2dDataFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NHWC;
    }

    /**
     * The same network (parameters, optimizer state, iteration and epoch counts) rebuilt with the reusing layers: for
     * a sequential network loaded from disk, which DL4J builds with its own layers, to continue training it.
     */
    public static ComputationGraph rebuild(ComputationGraph loaded) {
        return rebuild(loaded, true);
    }

    /** As {@link #rebuild(ComputationGraph)}; {@code reuse} as in {@link #build(ComputationGraphConfiguration, boolean)}. */
    public static ComputationGraph rebuild(ComputationGraph loaded, boolean reuse) {
        ComputationGraph net = onSameParameters(loaded, reuse);
        if (loaded.getUpdater(false) != null && loaded.getUpdater().getStateViewArray() != null) {
            net.getUpdater().getStateViewArray().assign(loaded.getUpdater().getStateViewArray());
        }
        return net;
    }

    /**
     * Another graph with the same configuration and layer implementations as {@code net}, on the same parameters (a
     * view, not a copy) and without optimizer state: for computing gradients of part of a batch beside {@code net}.
     */
    public static ComputationGraph replica(ComputationGraph net) {
        boolean reuse = count(net) > 0
                || java.util.Arrays.stream(net.getLayers()).anyMatch(l -> l instanceof FastBatchNorm.Layer);
        return onSameParameters(net, reuse);
    }

    /** A graph built from {@code net}'s configuration and step counts on {@code net}'s parameter array (shared). */
    private static ComputationGraph onSameParameters(ComputationGraph net, boolean reuse) {
        ComputationGraphConfiguration conf = net.getConfiguration().clone();
        conf.setIterationCount(net.getIterationCount());
        conf.setEpochCount(net.getEpochCount());
        return build(conf, reuse, net.params());
    }

    private static String name(ComputationGraphConfiguration conf, GraphVertex v) {
        return conf.getVertices().entrySet().stream().filter(e -> e.getValue() == v).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** A layer fed straight from the network's inputs: nobody needs the gradient with respect to its input. */
    private static boolean readsOnlyNetworkInputs(ComputationGraphConfiguration conf, String name, LayerVertex lv) {
        return (lv.getPreProcessor() == null || lv.getPreProcessor() instanceof ChannelsLastInput) && conf.getNetworkInputs().containsAll(conf.getVertexInputs().get(name));
    }

    /** Backward passes of the graph's first layers that computed only weight gradients (for tests). */
    static long weightOnlySteps(ComputationGraph net) {
        long n = 0;
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            if (l instanceof Conv c) n += c.weightOnlySteps;
        }
        return n;
    }

    /** Backward passes, over all of the graph's layers, that used a kept forward output (for tests). */
    static long reusedBackwardPasses(ComputationGraph net) {
        long n = 0;
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            if (l instanceof Conv c) n += c.kept.uses;
            if (l instanceof Dense d) n += d.kept.uses;
            if (l instanceof Act a) n += a.kept.uses;
        }
        return n;
    }

    /** Number of layers in a graph that reuse their forward output. */
    public static int count(ComputationGraph net) {
        int n = 0;
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            if (l instanceof Conv c && c.reuseOutput || l instanceof Dense || l instanceof Act) n++;
        }
        return n;
    }

    private static Class<? extends Layer> reusingClass(Layer l) {
        Class<? extends Layer> activation = reusingActivation(l);
        if (activation != null) return activation;
        if (l.getClass() == org.deeplearning4j.nn.conf.layers.BatchNormalization.class && FastBatchNorm.enabled()) {
            return FastBatchNorm.Conf.class;
        }
        if (!(l instanceof BaseLayer bl) || !derivativeFromOutput(bl.getActivationFn())) return null;
        if (l.getClass() == ConvolutionLayer.class) return ConvLayer.class;
        if (l.getClass() == DenseLayer.class && !((DenseLayer) l).isHasLayerNorm()) return DenseLayerConf.class;
        return null;
    }

    private static Class<? extends Layer> reusingActivation(Layer l) {
        if (l.getClass() != org.deeplearning4j.nn.conf.layers.ActivationLayer.class || l.getIDropout() != null) return null;
        return ((org.deeplearning4j.nn.conf.layers.ActivationLayer) l).getActivationFn() instanceof ActivationReLU r
                && derivativeFromOutput(r) ? ActLayerConf.class : null;
    }

    /** True where the activation's derivative can be computed from its output: ReLU (no cap or threshold), identity. */
    static boolean derivativeFromOutput(IActivation a) {
        if (a instanceof ActivationIdentity) return true;
        if (a instanceof ActivationReLU r) {
            return r.getMax() == null && zeroOrUnset(r.getThreshold()) && zeroOrUnset(r.getNegativeSlope());
        }
        return false;
    }

    private static boolean zeroOrUnset(Double d) {
        return d == null || d == 0;
    }

    /** A copy of a layer configuration with all its fields, as another (field-compatible) class. */
    private static Layer copyAs(Layer l, Class<? extends Layer> cls) {
        ObjectMapper m = NeuralNetConfiguration.mapper();
        ObjectNode tree = m.valueToTree(l);
        tree.put("@class", cls.getName());
        try {
            return m.treeToValue(tree, Layer.class);
        } catch (org.nd4j.shade.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not copy the configuration of layer " + l.getLayerName(), e);
        }
    }

    /** Wires a layer implementation as DL4J's own configurations' instantiate methods do. */
    static <T extends org.deeplearning4j.nn.api.Layer> T wire(T layer, NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams, ParamInitializer init) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(init.init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /** Configuration of a reusing convolution: DL4J's ConvolutionLayer with another implementation. */
    public static final class ConvLayer extends ConvolutionLayer {
        /** Set by {@link #build} for a first layer; never saved (the configuration is DL4J's own by then). */
        @org.nd4j.shade.jackson.annotation.JsonIgnore
        transient boolean inputGradientUnused;
        /** Set by {@link #build}: false where only the channels-last repair applies. */
        @org.nd4j.shade.jackson.annotation.JsonIgnore
        transient boolean reuseOutput = true;

        public ConvLayer() { super(); }

        @Override
        public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
            return wire(new Conv(conf, dataType, inputGradientUnused, reuseOutput), conf, listeners, index, paramsView, initializeParams, initializer());
        }
    }

    /** Configuration of a reusing ReLU layer: DL4J's ActivationLayer with another implementation. */
    public static final class ActLayerConf extends org.deeplearning4j.nn.conf.layers.ActivationLayer {
        public ActLayerConf() { super(); }

        @Override
        public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
            return wire(new Act(conf, dataType), conf, listeners, index, paramsView, initializeParams, initializer());
        }
    }

    /** Configuration of a reusing dense layer: DL4J's DenseLayer with another implementation. */
    public static final class DenseLayerConf extends DenseLayer {
        public DenseLayerConf() { super(); }

        @Override
        public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
            return wire(new Dense(conf, dataType), conf, listeners, index, paramsView, initializeParams, initializer());
        }
    }

    /**
     * The output of the last training forward pass and the input it was computed from, and, while a backward pass
     * uses it, the layer configuration that backward pass reads (see {@link #conf}).
     */
    private static final class Kept {
        private INDArray input;
        private INDArray output;
        private boolean inUse;
        private Layer fastConf;

        /** After a forward pass: keeps a training pass's output (and forgets it after inference); returns it. */
        INDArray keep(boolean training, INDArray in, INDArray out) {
            input = training ? in : null;
            output = training ? out : null;
            return out;
        }

        /** Backward passes that used the kept output (for tests). */
        private long uses;

        /**
         * Runs a backward pass, which may use the kept output if it was computed from {@code in} (null: it may not);
         * afterwards the kept output is forgotten, so it serves one backward pass at most.
         */
        <T> T backward(INDArray in, java.util.function.Supplier<T> pass) {
            inUse = in != null && in == input && output != null;
            if (inUse) uses++;
            try {
                return pass.get();
            } finally {
                inUse = false;
                input = null;
                output = null;
            }
        }

        /** The kept output for the current backward pass, if it may use it, or null. */
        INDArray take() {
            return inUse ? output : null;
        }

        /**
         * The configuration the layer's code should read: while a backward pass works from the kept output of a ReLU
         * layer, a copy whose activation computes the derivative from that output with two fast element-wise passes
         * (libnd4j's relu_bp op took 2.1 ms for 1.6M values where a ReLU takes 0.23 ms).
         */
        Layer conf(Layer standard) {
            if (!inUse || !(standard instanceof BaseLayer bl) || !(bl.getActivationFn() instanceof ActivationReLU)) return standard;
            if (fastConf == null) {
                BaseLayer copy = (BaseLayer) standard.clone();
                copy.setActivationFn(new ReluFromOutput());
                // clone() copies these too, but they hold state of the current step (dropout's mask, the noise)
                copy.setIDropout(bl.getIDropout());
                copy.setWeightNoise(bl.getWeightNoise());
                copy.setIUpdater(bl.getIUpdater());
                copy.setBiasUpdater(bl.getBiasUpdater());
                fastConf = copy;
            }
            return fastConf;
        }
    }

    /**
     * ReLU for a backward pass that works from the layer's output: the derivative is 1 where the output is positive.
     * Used only inside that backward pass; the network's configuration keeps DL4J's ActivationReLU.
     */
    static final class ReluFromOutput extends org.nd4j.linalg.activations.BaseActivationFunction {
        @Override
        public INDArray getActivation(INDArray in, boolean training) {
            return Nd4j.exec(new org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear(in, 0.0));
        }

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray out, INDArray epsilon) {
            assertShape(out, epsilon);
            // Not in place: the output is still the next layer's input (DL4J computes the score from it afterwards).
            return new Pair<>(derivative(out, epsilon, out.ulike()), null);
        }

        /** dL/dz = dL/da where the ReLU's output is positive, else 0, into {@code dLdz}. */
        static INDArray derivative(INDArray out, INDArray epsilon, INDArray dLdz) {
            Nd4j.exec(new Step(out, dLdz, 0.0));
            return dLdz.muli(epsilon);
        }

        @Override
        public String toString() {
            return "relu";
        }
    }

    /**
     * DL4J's convolution layer, reusing its forward output when oneDNN does the backward convolution. As the first
     * layer of a network it computes only the weight and bias gradients: DL4J's backward op also computes the gradient
     * with respect to the images, which nobody reads (5.3 ms of a 60 ms FMNIST-CNN step for oneDNN's backward-data
     * convolution with one input channel). Its weight gradient is then one forward convolution (see
     * {@code weightGradientsOnly}).
     */
    static final class Conv extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        private final Kept kept = new Kept();
        private final boolean inputGradientUnused;
        /** A row of ones for the bias gradient of a channels-last layer (outside any workspace). */
        private INDArray ones;
        /** Backward passes that skipped the input gradient (for tests). */
        long weightOnlySteps;

        /** Whether the backward pass may use the kept forward output (false: only the channels-last repair applies). */
        private final boolean reuseOutput;

        Conv(NeuralNetConfiguration conf, DataType dataType, boolean inputGradientUnused, boolean reuseOutput) {
            super(conf, dataType);
            this.inputGradientUnused = inputGradientUnused;
            this.reuseOutput = reuseOutput;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            INDArray out = super.activate(training, mgr); // first: it may replace the input with its dropped-out copy
            return reuseOutput ? kept.keep(training, input, out) : out;
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
            INDArray out = forBackprop ? kept.take() : null;
            if (out != null) return new Pair<>(out, null);
            return channelsLastHelped() ? new Pair<>(channelsLastForward(training, mgr), null) : super.preOutput(training, forBackprop, mgr);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
            // Only when the helper does the backward pass: DL4J's own fallback also needs the im2col buffer.
            return kept.backward(helped() && reuseOutput ? input : null, () -> {
                Pair<Gradient, INDArray> g = inputGradientUnused && kept.take() != null ? weightGradientsOnly(epsilon, mgr) : null;
                if (g == null && channelsLastHelped()) g = channelsLastBackward(epsilon, mgr);
                return g != null ? g : super.backpropGradient(epsilon, mgr);
            });
        }

        /**
         * A channels-last (NHWC) layer that oneDNN runs. DL4J M2.1's own backward pass there gets the ReLU derivative
         * wrong (with an identity activation, as before batch norm, its gradients are right): ChannelsLastTest
         * compares with the channels-first network. Its forward pass is right but first copies the input to
         * channels-first, which the helper then does not read. This layer calls libnd4j's convolution ops itself for
         * both.
         */
        private boolean channelsLastHelped() {
            ConvolutionLayer c = super.layerConf();
            return c.getCnn2dDataFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NHWC && helped() && input != null
                    && input.rank() == 4 && input.dataType() == DataType.FLOAT
                    && c.getWeightNoise() == null;
        }

        /** Whether oneDNN runs this layer (DL4J falls back to its own code after a helper failure). */
        private boolean helped() {
            return helper instanceof MKLDNNConvHelper && helperCountFail == 0;
        }

        /** The integer arguments of libnd4j's conv2d and conv2d_bp ops for this channels-last layer. */
        private int[] channelsLastArgs(int oH, int oW) {
            ConvolutionLayer c = super.layerConf();
            int[] k = c.getKernelSize(), st = c.getStride(), dil = c.getDilation();
            boolean same = convolutionMode == org.deeplearning4j.nn.conf.ConvolutionMode.Same;
            int[] pad = same ? ConvolutionUtils.getSameModeTopLeftPadding(new int[] {oH, oW},
                    new int[] {(int) input.size(1), (int) input.size(2)}, k, st, dil) : c.getPadding();
            return new int[] {k[0], k[1], st[0], st[1], pad[0], pad[1], dil[0], dil[1], same ? 1 : 0, 1 /* NHWC */, 1 /* OIHW */};
        }

        private INDArray channelsLastForward(boolean training, LayerWorkspaceMgr mgr) {
            ConvolutionLayer c = super.layerConf();
            if (input.size(3) != c.getNIn()) {
                throw new IllegalStateException("layer " + layerId() + " expects " + c.getNIn() + " channels (last dimension), got "
                        + java.util.Arrays.toString(input.shape()));
            }
            int[] outSize = ConvolutionUtils.getOutputSize(input, c.getKernelSize(), c.getStride(),
                    convolutionMode == org.deeplearning4j.nn.conf.ConvolutionMode.Same ? null : c.getPadding(), convolutionMode,
                    c.getDilation(), org.deeplearning4j.nn.conf.CNN2DFormat.NHWC);
            INDArray w = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, mgr);
            INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                    new long[] {input.size(0), outSize[0], outSize[1], c.getNOut()}, 'c');
            INDArray[] in = hasBias() ? new INDArray[] {input, w, getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, mgr)}
                    : new INDArray[] {input, w};
            Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(in).addOutputs(out)
                    .addIntegerArguments(channelsLastArgs(outSize[0], outSize[1])).build());
            return out;
        }

        private Pair<Gradient, INDArray> channelsLastBackward(INDArray epsilon, LayerWorkspaceMgr mgr) {
            INDArray z = preOutput(true, true, mgr).getFirst(); // the kept output, or the pre-activation recomputed
            INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
            INDArray w = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, mgr);
            INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
            INDArray inputGrad = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
            DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d_bp")
                    .addIntegerArguments(channelsLastArgs((int) delta.size(1), (int) delta.size(2)));
            Gradient g = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
                op.addInputs(input, w, getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, true, mgr), delta)
                        .addOutputs(inputGrad, weightGrad, biasGrad);
                g.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
            } else {
                op.addInputs(input, w, delta).addOutputs(inputGrad, weightGrad);
            }
            Nd4j.exec(op.build());
            g.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
            weightNoiseParams.clear();
            return new Pair<>(g, backpropDropOutIfPresent(inputGrad));
        }

        /**
         * Weight and bias gradients only, and zeros as the gradient with respect to the images (the input vertex
         * discards it; a caller of ComputationGraph.backpropGradient would see zeros); null where the general path
         * must run.
         */
        private Pair<Gradient, INDArray> weightGradientsOnly(INDArray epsilon, LayerWorkspaceMgr mgr) {
            ConvolutionLayer c = super.layerConf();
            boolean nhwc = c.getCnn2dDataFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NHWC;
            if (c.getWeightNoise() != null || input.rank() != 4 || epsilon.rank() != 4 || input.dataType() != DataType.FLOAT) {
                return null;
            }
            int[] k = c.getKernelSize(), st = c.getStride(), dil = c.getDilation();
            int hD = nhwc ? 1 : 2, cD = nhwc ? 3 : 1;
            long bS = input.size(0), iC = input.size(cD), h = input.size(hD), w = input.size(hD + 1);
            long oC = epsilon.size(cD), oH = epsilon.size(hD), oW = epsilon.size(hD + 1);
            if (st[0] != 1 || st[1] != 1 || dil[0] != 1 || dil[1] != 1) return null;
            int[] pad = convolutionMode == org.deeplearning4j.nn.conf.ConvolutionMode.Same
                    ? ConvolutionUtils.getSameModeTopLeftPadding(new int[] {(int) oH, (int) oW}, new int[] {(int) h, (int) w}, k, st, dil)
                    : c.getPadding();
            // The trick below needs the padding on both sides equal (odd kernels in Same mode, any in Truncate mode).
            if (h + 2L * pad[0] - oH + 1 != k[0] || w + 2L * pad[1] - oW + 1 != k[1]) return null;
            // dL/dz from the kept output, as the general path would (take() stays valid until the backward pass ends)
            INDArray delta = layerConf().getActivationFn().backprop(kept.take(), epsilon).getFirst();
            // The weight gradient is itself a stride-1 convolution, which oneDNN's forward kernels run fast: the images'
            // channels as a batch of iC pictures with bS channels, filtered by dL/dz's channels as oC filters of
            // oH x oW over bS channels, gives [iC, oC, kH, kW]. (DL4J's backward op computes the images' gradient too.)
            boolean oneChannel = iC == 1 && input.ordering() == 'c' && Shape.hasDefaultStridesForShape(input);
            INDArray images = oneChannel ? input.reshape('c', 1, bS, h, w) : nhwc ? input.permute(3, 0, 1, 2) : input.permute(1, 0, 2, 3);
            INDArray filters = nhwc ? delta.permute(3, 0, 1, 2) : delta.permute(1, 0, 2, 3);
            INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
            INDArray perInputChannel = iC == 1 ? weightGrad.reshape('c', 1, oC, k[0], k[1])
                    : mgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[] {iC, oC, k[0], k[1]}, 'c');
            Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(images, filters).addOutputs(perInputChannel)
                    .addIntegerArguments((int) oH, (int) oW, 1, 1, pad[0], pad[1], 1, 1, 0 /* explicit padding */, 0 /* NCHW */, 1 /* OIHW */)
                    .build());
            if (iC != 1) weightGrad.assign(perInputChannel.permute(1, 0, 2, 3));
            Gradient g = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
                INDArray dc = delta.isView() || delta.ordering() != 'c' ? delta.dup('c') : delta;
                if (nhwc) { // the sum of dL/dz's rows: ones x dL/dz as a (bS*oH*oW) x oC matrix
                    long rows = bS * oH * oW;
                    if (ones == null || ones.length() != rows) {
                        try (org.nd4j.linalg.api.memory.MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                            ones = Nd4j.ones(DataType.FLOAT, 1, rows);
                        }
                    }
                    Nd4j.gemm(ones, dc.reshape('c', rows, oC), biasGrad.reshape('c', 1, oC), false, false, 1.0, 0.0);
                } else {
                    dc.reshape('c', bS, oC, oH * oW).sum(2).sum(biasGrad.reshape(oC), 0);
                }
                g.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
            }
            g.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
            weightNoiseParams.clear();
            weightOnlySteps++;
            // No gradient with respect to the images: the graph hands this zero array to its input vertex, which
            // ignores it. (Returning null instead made DL4J's later inference allocate outside its workspaces:
            // ShallowNet at 128 px predicted 176 instead of 566 images/s.)
            return new Pair<>(g, mgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c'));
        }

        @Override
        public TrainingConfig getConfig() {
            return FastAdam.wrap(super.getConfig());
        }

        @Override
        public ConvolutionLayer layerConf() {
            // kept is null while DL4J's constructor runs
            return kept == null ? super.layerConf() : (ConvolutionLayer) kept.conf(super.layerConf());
        }
    }

    /**
     * DL4J's activation layer for a ReLU (the one after batch norm): its backward pass copies the input and runs
     * libnd4j's slow relu_bp; this one takes the derivative from the kept output, as the other layers do.
     */
    static final class Act extends org.deeplearning4j.nn.layers.ActivationLayer {
        private final Kept kept = new Kept();

        Act(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            return kept.keep(training, input, super.activate(training, mgr));
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
            return kept.backward(input, () -> {
                INDArray out = kept.take();
                if (out == null || out.dataType() != epsilon.dataType() || !java.util.Arrays.equals(out.shape(), epsilon.shape())) {
                    return super.backpropGradient(epsilon, mgr);
                }
                INDArray delta = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, out.dataType(), out.shape(), 'c');
                return new Pair<>(new DefaultGradient(), ReluFromOutput.derivative(out, epsilon, delta));
            });
        }
    }

    /** DL4J's dense layer, reusing its forward output in the backward pass. */
    static final class Dense extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
        private final Kept kept = new Kept();

        Dense(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            INDArray out = super.activate(training, mgr); // first: it may replace the input with its dropped-out copy
            return kept.keep(training, input, out);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
            INDArray out = forBackprop ? kept.take() : null;
            if (out != null) return new Pair<>(out, out);
            if (hasLayerNorm() || layerConf().getWeightNoise() != null) return super.preOutputWithPreNorm(training, forBackprop, mgr);
            // BaseLayer.preOutputWithPreNorm (1.0.0-M2.1) without layer norm and weight noise, with the product as one
            // gemm into the row-major output: DL4J's mmuli computes into a column-major temporary and copies it over
            // (2.6 against 2.1 ms for FMNIST-CNN's 32 x 3136 x 1024 on one core; docs/benchmarks.md)
            assertInputSet(forBackprop);
            applyDropOutIfNecessary(training, mgr);
            INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray in = input.castTo(dataType);
            if (in.rank() != 2 || in.columns() != w.rows()) return super.preOutputWithPreNorm(training, forBackprop, mgr); // its error
            INDArray ret = mgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), new long[] {in.size(0), w.size(1)}, 'c');
            Nd4j.gemm(in.castTo(ret.dataType()), w, ret, false, false, 1.0, 0.0);
            if (hasBias()) ret.addiRowVector(getParam(DefaultParamInitializer.BIAS_KEY));
            if (maskArray != null) applyMask(ret);
            return new Pair<>(ret, ret);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
            return kept.backward(input, () -> {
                Pair<Gradient, INDArray> fast = backpropFromKept(epsilon, mgr);
                return fast != null ? fast : super.backpropGradient(epsilon, mgr);
            });
        }

        /**
         * DL4J's dense backward pass (BaseLayer in 1.0.0-M2.1, without layer norm and weight noise) from the kept
         * output, with the input gradient computed as delta x W^T into a row-major array (2.0 ms against 3.1 ms for
         * DL4J's W x delta^T into a column-major one at FMNIST-CNN's 64 x 1024 x 3136), which the convolution
         * before it can also reshape without a copy.
         */
        private Pair<Gradient, INDArray> backpropFromKept(INDArray epsilon, LayerWorkspaceMgr mgr) {
            INDArray out = kept.take();
            if (out == null || hasLayerNorm() || layerConf().getWeightNoise() != null || input.rank() != 2) return null;
            INDArray delta = layerConf().getActivationFn().backprop(out, epsilon).getFirst();
            if (maskArray != null) applyMask(delta);
            Gradient ret = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                delta.sum(biasGrad, 0);
                ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
            }
            INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, mgr);
            INDArray epsilonNext = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(), new long[] {delta.size(0), w.size(0)}, 'c');
            Nd4j.gemm(delta, w, epsilonNext, false, true, 1.0, 0.0);
            INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
            Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
            ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
            weightNoiseParams.clear();
            return new Pair<>(ret, backpropDropOutIfPresent(epsilonNext));
        }

        @Override
        public TrainingConfig getConfig() {
            return FastAdam.wrap(super.getConfig());
        }

        @Override
        public DenseLayer layerConf() {
            return kept == null ? super.layerConf() : (DenseLayer) kept.conf(super.layerConf());
        }
    }
}
