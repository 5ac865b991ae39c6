package wb.dataset.io;

import java.util.Arrays;

/**
 * Where cached features came from, stored as attributes of the HDF5 file: enough to rebuild the feature
 * extractor, to preprocess new images the same way, and to tell whether the cache is still valid.
 *
 * @param modelId            the architecture's zoo id
 * @param layer              the layer whose activations are the features
 * @param featureShape       one example's activation shape at that layer, e.g. {512, 7, 7}; features are it flattened
 * @param weights            human description of the weights (the model card's {@code initialisedFrom})
 * @param weightsSource      how to load the weights again: "imagenet", "file:PATH" or "run:PATH"
 * @param weightsKey         identity of the weights (URL and checksum, or a content hash)
 * @param inputShape         network input: channels, height, width
 * @param resize             resize policy name
 * @param mean               per-channel mean on the [0,1] scale
 * @param std                per-channel standard deviation on the [0,1] scale
 * @param datasetRoot        absolute dataset folder the paths are relative to
 * @param datasetFingerprint SHA-256 over the files' relative paths, sizes, modification times, labels and splits
 * @param cacheKey           SHA-256 over all of the above that determine the features
 * @param createdAt          ISO-8601 time of extraction
 */
public record FeatureMeta(String modelId, String layer, int[] featureShape, String weights, String weightsSource, String weightsKey,
                          int[] inputShape, String resize, float[] mean, float[] std, String datasetRoot, String datasetFingerprint,
                          String cacheKey, String createdAt, String channelOrder) {

    /** Features of an RGB network (files written before channel_order existed read as RGB). */
    public FeatureMeta(String modelId, String layer, int[] featureShape, String weights, String weightsSource, String weightsKey,
                       int[] inputShape, String resize, float[] mean, float[] std, String datasetRoot, String datasetFingerprint,
                       String cacheKey, String createdAt) {
        this(modelId, layer, featureShape, weights, weightsSource, weightsKey, inputShape, resize, mean, std, datasetRoot, datasetFingerprint,
                cacheKey, createdAt, "RGB");
    }

    public FeatureMeta {
        if (channelOrder == null) channelOrder = "RGB";
        featureShape = featureShape.clone();
        inputShape = inputShape.clone();
        mean = mean.clone();
        std = std.clone();
    }

    /** Number of floats per example. */
    public int featureSize() {
        int n = 1;
        for (int d : featureShape) n *= d;
        return n;
    }

    @Override public int[] featureShape() { return featureShape.clone(); }
    @Override public int[] inputShape() { return inputShape.clone(); }
    @Override public float[] mean() { return mean.clone(); }
    @Override public float[] std() { return std.clone(); }

    /** One line naming the preprocessing, for people reading the file with h5py. */
    public String preprocessingText() {
        return inputShape[0] + "x" + inputShape[1] + "x" + inputShape[2] + " " + resize + ", " + channelOrder + " planes, [0,1] then (x - " + Arrays.toString(mean)
                + ") / " + Arrays.toString(std);
    }
}
