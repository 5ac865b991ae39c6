package wb.train;

import java.nio.file.Path;

import wb.imaging.ResizePolicy;
import wb.model.InitWeights;

/**
 * What to extract features with: a trained run folder, or a zoo architecture with pretrained weights
 * (ImageNet or a model file), cut at {@code layer}.
 *
 * @param run       a run or bundle folder; null when {@code modelId} is given
 * @param modelId   a zoo architecture; null when {@code run} is given
 * @param weights   its weights (IMAGENET or FILE); null with {@code run}
 * @param inputSize square input size; null = what the weights expect (or the architecture's default)
 * @param resize    resize policy for weights without a model card (a run folder brings its own)
 * @param layer     the layer whose activations become the features; null = the layer before the classifier
 * @param force     extract again even when the file is up to date
 */
public record FeatureRequest(Path run, String modelId, InitWeights weights, Integer inputSize, ResizePolicy resize, String layer,
                             int batchSize, boolean force) {

    public FeatureRequest {
        if ((run == null) == (modelId == null)) throw new IllegalArgumentException("give either a run folder (--run) or a model (--model), not both");
        if (modelId != null && (weights == null || weights.kind() == InitWeights.Kind.NONE)) {
            throw new IllegalArgumentException("features come from pretrained weights: use --weights imagenet or a model file");
        }
        if (run != null && (weights != null || inputSize != null)) {
            throw new IllegalArgumentException("a run folder brings its own weights and input size; drop --weights and --size");
        }
        if (inputSize != null && (inputSize < 8 || inputSize > 1024)) throw new IllegalArgumentException("input size must be 8..1024 pixels");
        if (batchSize < 1 || batchSize > 8192) throw new IllegalArgumentException("batch size must be 1..8192, not " + batchSize);
        if (resize == null) resize = ResizePolicy.SQUASH;
        if (layer != null && layer.isBlank()) layer = null;
    }

    public static FeatureRequest fromRun(Path run, String layer) {
        return new FeatureRequest(run, null, null, null, null, layer, 64, false);
    }

    public static FeatureRequest fromModel(String modelId, InitWeights weights, String layer) {
        return new FeatureRequest(null, modelId, weights, null, ResizePolicy.SQUASH, layer, 64, false);
    }

    public FeatureRequest withForce(boolean f) {
        return new FeatureRequest(run, modelId, weights, inputSize, resize, layer, batchSize, f);
    }
}
