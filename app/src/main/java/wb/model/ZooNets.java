package wb.model;

import java.util.function.Function;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.AlexNet;
import org.deeplearning4j.zoo.model.Darknet19;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.deeplearning4j.zoo.model.VGG16;

/**
 * The ImageNet-scale architectures of deeplearning4j-zoo, adapted to the dataset's classes and channels.
 * Their designs are fixed (the zoo's own dropout and batch norm), so request dropout/batch norm do not
 * apply; L2 and the optimizer are applied by {@link Networks}.
 */
final class ZooNets {
    private ZooNets() { }

    static ModelSpec alexNet() {
        return new Spec("alexnet", "AlexNet", "Krizhevsky et al. 2012 (DL4J zoo variant with local response normalisation), "
                + "about 60M parameters at 224x224. Historic; slow on a CPU.",
                new InputShape(3, 224, 224), 128, true, null,
                r -> toGraph(AlexNet.builder().seed(r.seed()).numClasses(r.numClasses()).inputShape(r.input().chw()).build().conf(), r.input()));
    }

    static ModelSpec vgg16() {
        return new Spec("vgg16", "VGG16", "Simonyan & Zisserman 2014: 13 conv3x3 layers in 5 blocks and 3 dense layers, "
                + "138M parameters at 224x224. The fast.ai lesson-1 network for fine-tuning on dogs vs cats.",
                new InputShape(3, 224, 224), 32, false,
                imagenet("vgg16", VGG16.builder().build(), new InputShape(3, 224, 224), true),
                r -> VGG16.builder().seed(r.seed()).numClasses(r.numClasses()).inputShape(r.input().chw()).build().conf());
    }

    static ModelSpec resNet50() {
        return new Spec("resnet50", "ResNet50", "He et al. 2015: 50 layers of residual bottleneck blocks with batch norm, "
                + "25.6M parameters at 224x224. The usual strong default for transfer learning.",
                new InputShape(3, 224, 224), 64, false,
                imagenet("resnet50", ResNet50.builder().build(), new InputShape(3, 224, 224), true),
                r -> ResNet50.builder().seed(r.seed()).numClasses(r.numClasses()).inputShape(r.input().chw()).build().graphBuilder().build());
    }

    static ModelSpec squeezeNet() {
        return new Spec("squeezenet", "SqueezeNet", "Iandola et al. 2016: fire modules (1x1 squeeze, 1x1+3x3 expand), "
                + "AlexNet-level accuracy with about 0.7M parameters at 227x227.",
                new InputShape(3, 227, 227), 64, false,
                imagenet("squeezenet", SqueezeNet.builder().build(), new InputShape(3, 227, 227), true),
                // SqueezeNet's public graphBuilder() omits the input; its init() builds the full configuration (0.7M weights, cheap).
                r -> SqueezeNet.builder().seed(r.seed()).numClasses(r.numClasses()).inputShape(r.input().chw()).build().init().getConfiguration());
    }

    static ModelSpec darknet19() {
        return new Spec("darknet19", "Darknet19", "Redmon & Farhadi 2016 (YOLO9000's backbone): 19 conv layers with batch norm "
                + "and leaky ReLU, global average pooling, about 20M parameters at 224x224.",
                new InputShape(3, 224, 224), 32, false,
                imagenet("darknet19", Darknet19.builder().build(), new InputShape(3, 224, 224), false),
                r -> Darknet19.builder().seed(r.seed()).numClasses(r.numClasses()).inputShape(r.input().chw()).build().conf());
    }

    /** Rewrites a sequential configuration as an equivalent graph, keeping layers and preprocessors. */
    static ComputationGraphConfiguration toGraph(MultiLayerConfiguration mlc, InputShape in) {
        NeuralNetConfiguration first = mlc.getConf(0);
        ComputationGraphConfiguration.GraphBuilder gb = new NeuralNetConfiguration.Builder()
                .seed(first.getSeed())
                .dataType(mlc.getDataType())
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(in.height(), in.width(), in.channels()));
        String prev = "input";
        int n = mlc.getConfs().size();
        for (int i = 0; i < n; i++) {
            NeuralNetConfiguration c = mlc.getConf(i);
            String name = c.getLayer().getLayerName() != null ? c.getLayer().getLayerName() : "layer" + i;
            if (mlc.getInputPreProcess(i) != null) gb.addLayer(name, c.getLayer(), mlc.getInputPreProcess(i), prev);
            else gb.addLayer(name, c.getLayer(), prev);
            prev = name;
        }
        return gb.setOutputs(prev).build();
    }

    /**
     * The zoo's published ImageNet weights for {@code model}. VGG16, ResNet50 and SqueezeNet were converted from
     * Keras/Caffe models trained on BGR planes with the mean subtracted on 0..255 (DL4J pairs them with its BGR
     * NativeImageLoader and VGG16ImagePreProcessor, which subtracts VGG_MEAN_OFFSET_BGR);
     * Darknet19 takes RGB scaled to [0,1] (its zoo Javadoc).
     */
    private static ImageNetWeights imagenet(String id, ZooModel<?> model, InputShape input, boolean meanSubtracted) {
        String url = model.pretrainedUrl(PretrainedType.IMAGENET);
        if (url == null) return null;
        long checksum = model.pretrainedChecksum(PretrainedType.IMAGENET);
        return meanSubtracted ? ImageNetWeights.meanSubtracted(id, url, checksum, input) : ImageNetWeights.unitScaled(id, url, checksum, input);
    }

    private record Spec(String id, String displayName, String description, InputShape defaultInput, int minInputSize,
                        boolean fixedInputSize, ImageNetWeights imagenet,
                        Function<ModelRequest, ComputationGraphConfiguration> builder) implements ModelSpec {
        @Override public ComputationGraphConfiguration configure(ModelRequest request) { return builder.apply(request); }

        @Override public java.util.Optional<ImageNetWeights> imagenetWeights() { return java.util.Optional.ofNullable(imagenet); }
    }
}
