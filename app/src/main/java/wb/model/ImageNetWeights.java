package wb.model;

import java.net.URI;

import wb.imaging.ResizePolicy;

/**
 * The ImageNet weights DL4J's zoo publishes for an architecture: where to download them, their Adler32
 * checksum (the zoo's own integrity check), and the input the weights expect.
 *
 * @param modelId   our zoo id, also the cache sub-folder
 * @param url       download address (the zoo's {@code pretrainedUrl(IMAGENET)})
 * @param adler32   the zoo's {@code pretrainedChecksum(IMAGENET)}
 * @param input     input size and channels the weights were trained with
 * @param mean      per-channel mean on the [0,1] scale, in {@code channelOrder}
 * @param std       per-channel standard deviation on the [0,1] scale
 * @param normalisation one line naming the normalisation, for the model card
 * @param channelOrder  the colour-plane order the weights expect
 */
public record ImageNetWeights(String modelId, String url, long adler32, InputShape input, float[] mean, float[] std,
                              String normalisation, Preprocessing.ChannelOrder channelOrder) {

    /**
     * DL4J's VGG16ImagePreProcessor (1.0.0-M2.1): subtracts {@code VGG_MEAN_OFFSET_BGR} = (103.939, 116.779, 123.68) from
     * planes 0, 1, 2 of NativeImageLoader's output, which is BGR (OpenCV's order): Caffe's convention.
     */
    public static final float[] IMAGENET_MEAN_BGR_255 = {103.939f, 116.779f, 123.68f};

    /** Weights that take RGB planes. */
    public ImageNetWeights(String modelId, String url, long adler32, InputShape input, float[] mean, float[] std, String normalisation) {
        this(modelId, url, adler32, input, mean, std, normalisation, Preprocessing.ChannelOrder.RGB);
    }

    public ImageNetWeights {
        if (channelOrder == null) channelOrder = Preprocessing.ChannelOrder.RGB;
        if (mean.length != input.channels() || std.length != input.channels()) {
            throw new IllegalArgumentException("mean/std need one value per input channel (" + input.channels() + ")");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** The file name the zoo uses in its cache: the last segment of the URL. */
    public String fileName() {
        String path = URI.create(url).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Preprocessing that reproduces what the weights were trained with, with the user's resize policy. */
    public Preprocessing preprocessing(ResizePolicy resize) {
        return new Preprocessing(input, resize, mean, std, channelOrder);
    }

    @Override public float[] mean() { return mean.clone(); }

    @Override public float[] std() { return std.clone(); }

    /**
     * The Caffe/VGG convention: BGR planes, x*255 - mean, written as mean/255 and std 1/255 on our [0,1] scale, in BGR
     * order.
     */
    static ImageNetWeights meanSubtracted(String modelId, String url, long adler32, InputShape input) {
        float[] mean = new float[3];
        float[] std = new float[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = IMAGENET_MEAN_BGR_255[c] / 255f;
            std[c] = 1f / 255f;
        }
        return new ImageNetWeights(modelId, url, adler32, input, mean, std,
                "BGR planes, ImageNet mean (B 103.939, G 116.779, R 123.68) subtracted on 0..255, no scaling (DL4J VGG16ImagePreProcessor)",
                Preprocessing.ChannelOrder.BGR);
    }

    /** Inputs scaled to [0,1], RGB, nothing subtracted (Darknet). */
    static ImageNetWeights unitScaled(String modelId, String url, long adler32, InputShape input) {
        return new ImageNetWeights(modelId, url, adler32, input, new float[3], new float[] {1f, 1f, 1f}, "RGB scaled to [0,1]",
                Preprocessing.ChannelOrder.RGB);
    }
}
