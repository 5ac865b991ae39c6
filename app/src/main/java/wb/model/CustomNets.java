package wb.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The small architectures written for this workbench (the computer-vision book's ShallowNet, LeNet and
 * MiniVGGNet, and the reference FMNIST-CNN), built as computation graphs with a tiny fluent helper so
 * that each architecture reads like its diagram.
 */
final class CustomNets {
    private CustomNets() { }

    /** Sequential graph builder: each added layer feeds the next. */
    static final class Seq {
        private final GraphBuilder gb;
        private final ModelRequest req;
        private String last = "input";
        private int n;
        private final CNN2DFormat format = channelsLast() ? CNN2DFormat.NHWC : CNN2DFormat.NCHW;

        Seq(ModelRequest req) {
            this.req = req;
            InputShape in = req.input();
            this.gb = new NeuralNetConfiguration.Builder()
                    .seed(req.seed())
                    .dataType(DataType.FLOAT)
                    .weightInit(WeightInit.RELU)
                    .updater(new Adam(1e-3)) // replaced by the trainer's choice in Networks.build
                    .convolutionMode(ConvolutionMode.Same)
                    .graphBuilder()
                    .addInputs("input")
                    .setInputTypes(InputType.convolutional(in.height(), in.width(), in.channels()));
        }

        private Seq add(String kind, org.deeplearning4j.nn.conf.layers.Layer layer) {
            String name = kind + (++n);
            if (n == 1 && format == CNN2DFormat.NHWC) gb.addLayer(name, layer, new ChannelsLastInput(), last);
            else gb.addLayer(name, layer, last);
            last = name;
            return this;
        }

        /**
         * Convolution (same padding), optional batch norm, then ReLU. DL4J's batch-norm layer ignores its activation
         * function, so the ReLU after it is a layer of its own.
         */
        Seq conv(int kernel, int filters, boolean bn) {
            if (bn) {
                add("conv", new ConvolutionLayer.Builder(kernel, kernel).nOut(filters).dataFormat(format).activation(Activation.IDENTITY).build());
                add("bn", new BatchNormalization.Builder().dataFormat(format).build());
                return add("relu", new ActivationLayer.Builder().activation(Activation.RELU).build());
            }
            return add("conv", new ConvolutionLayer.Builder(kernel, kernel).nOut(filters).dataFormat(format).activation(Activation.RELU).build());
        }

        /** Convolution with "valid" padding, as in the original LeNet. */
        Seq convValid(int kernel, int filters) {
            return add("conv", new ConvolutionLayer.Builder(kernel, kernel).nOut(filters)
                    .convolutionMode(ConvolutionMode.Truncate).dataFormat(format).activation(Activation.RELU).build());
        }

        Seq maxPool(int size) {
            return add("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(size, size).stride(size, size).dataFormat(format).build());
        }

        /**
         * Dense layer. {@code dropIn} is the probability of dropping this layer's inputs (DL4J's dropOut()
         * takes the retain probability and applies to the input, hence 1 - p).
         */
        Seq dense(int units, double dropIn, boolean bn) {
            DenseLayer.Builder b = new DenseLayer.Builder().nOut(units).activation(bn ? Activation.IDENTITY : Activation.RELU);
            if (dropIn > 0) b.dropOut(1.0 - dropIn);
            add("dense", b.build());
            if (bn) {
                add("bn", new BatchNormalization.Builder().build());
                add("relu", new ActivationLayer.Builder().activation(Activation.RELU).build());
            }
            return this;
        }

        ComputationGraphConfiguration output(double dropIn) {
            OutputLayer.Builder b = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(req.numClasses()).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER);
            if (dropIn > 0) b.dropOut(1.0 - dropIn);
            gb.addLayer("output", b.build(), last);
            gb.setOutputs("output");
            return gb.build();
        }
    }

    static boolean channelsLast() {
        return !"false".equalsIgnoreCase(System.getProperty("wb.channelsLast"));
    }

    static ModelSpec fmnistCnn() {
        return new Spec("fmnist-cnn", "FMNIST-CNN",
                "The reference CNN of our PyTorch comparison: conv5x5x32, pool, conv5x5x64, pool, dense 1024 + dropout 0.4, "
                        + "softmax (3.3M parameters at 28x28). Batch norm after each convolution is optional.",
                new InputShape(1, 28, 28), 8, 0.4, r -> new Seq(r)
                        .conv(5, 32, r.batchNorm()).maxPool(2)
                        .conv(5, 64, r.batchNorm()).maxPool(2)
                        .dense(1024, 0, false)
                        .output(r.dropout()),
                FMNIST_RECIPE);
    }

    /**
     * The best of eleven recipes measured on the full Fashion-MNIST in 10 epochs (docs/benchmarks.md, recipe K): SGD
     * with Nesterov momentum, one-cycle to 0.035, batch 32, L2 5e-4 (with the default flips, no random crop).
     */
    static final Recipe FMNIST_RECIPE = new Recipe(Optimizer.NESTEROV, 0.035, 0.9, LrSchedule.oneCycle(), 32, 5e-4,
            "docs/benchmarks.md, Fashion-MNIST recipe K");

    static ModelSpec shallowNet() {
        return new Spec("shallownet", "ShallowNet",
                "The smallest useful CNN (Rosebrock, DL4CV Starter ch. 12): one conv3x3x32 + ReLU and a softmax classifier. "
                        + "A baseline that trains in seconds.",
                new InputShape(3, 32, 32), 8, 0.0, r -> new Seq(r).conv(3, 32, r.batchNorm()).output(r.dropout()));
    }

    static ModelSpec leNet() {
        return new Spec("lenet", "LeNet",
                "LeCun et al. 1998 as in DL4CV: conv5x5x20, pool, conv5x5x50, pool, dense 500, softmax. "
                        + "Good for digits and other small grey images.",
                new InputShape(1, 28, 28), 16, 0.0, r -> new Seq(r)
                        .convValid(5, 20).maxPool(2)
                        .convValid(5, 50).maxPool(2)
                        .dense(500, 0, false)
                        .output(r.dropout()));
    }

    static ModelSpec miniVggNet() {
        return new Spec("minivggnet", "MiniVGGNet",
                "A small VGG-style network (DL4CV Starter ch. 15): two blocks of (conv3x3, conv3x3, pool) with 32 and 64 filters "
                        + "and batch norm, dropout 0.25, dense 512 + batch norm, dropout 0.5, softmax. Strong on CIFAR-sized images.",
                new InputShape(3, 32, 32), 8, 0.5, r -> {
                    boolean bn = r.batchNorm();
                    double blockDrop = r.dropout() > 0 ? 0.25 : 0.0;
                    return new Seq(r)
                            .conv(3, 32, bn).conv(3, 32, bn).maxPool(2)
                            .conv(3, 64, bn).conv(3, 64, bn).maxPool(2)
                            .dense(512, blockDrop, bn)
                            .output(r.dropout());
                });
    }

    /** A spec for the architectures above: batch norm and head dropout are user choices. */
    private record Spec(String id, String displayName, String description, InputShape defaultInput, int minInputSize,
                        double defaultDropout, java.util.function.Function<ModelRequest, ComputationGraphConfiguration> builder,
                        Recipe recipe)
            implements ModelSpec {
        Spec(String id, String displayName, String description, InputShape defaultInput, int minInputSize,
             double defaultDropout, java.util.function.Function<ModelRequest, ComputationGraphConfiguration> builder) {
            this(id, displayName, description, defaultInput, minInputSize, defaultDropout, builder, Recipe.STANDARD);
        }

        @Override public boolean configurableRegularisation() { return true; }

        @Override public boolean sequential() { return true; }

        @Override public ComputationGraphConfiguration configure(ModelRequest request) { return builder.apply(request); }
    }
}
