package wb.train;

import wb.model.HeadSpec;
import wb.model.InitWeights;

/**
 * Transfer-learning settings of a training run: the computer-vision book's two-phase recipe. Phase
 * "head" trains a new classifier head on a frozen pretrained body for {@code warmupEpochs}; phase
 * "fine-tune" then unfreezes the layers from {@code unfreezeTo} on and continues with the learning rate
 * multiplied by {@code fineTuneLrFactor}. Without {@code unfreezeTo} the whole run trains the head only.
 *
 * @param weights          the starting weights: ImageNet or a model file (not NONE)
 * @param featureLayer     the body layer the new head is put on; null = the layer before the original classifier
 * @param freezeTo         phase 1 freezes every layer up to and including this one; null = the feature layer (the whole body)
 * @param headUnits        hidden units of the new head (0 = softmax directly on the features)
 * @param headDropout      dropout before the head's softmax
 * @param headBatchNorm    batch norm in the head's hidden layer
 * @param warmupEpochs     epochs of phase 1 before fine-tuning (0 with {@code unfreezeTo}: fine-tune from the start)
 * @param unfreezeTo       phase 2 trains this layer and every layer after it; null = no phase 2
 * @param fineTuneLrFactor learning-rate multiplier of phase 2, e.g. 0.1
 */
public record TransferConfig(InitWeights weights, String featureLayer, String freezeTo, int headUnits, double headDropout,
                             boolean headBatchNorm, int warmupEpochs, String unfreezeTo, double fineTuneLrFactor) {

    /** Name of the phase that trains the head on a frozen body. */
    public static final String PHASE_HEAD = "head";
    /** Name of the phase that trains from {@code unfreezeTo} on with a lower learning rate. */
    public static final String PHASE_FINE_TUNE = "fine-tune";

    public TransferConfig {
        if (weights == null || weights.kind() == InitWeights.Kind.NONE) {
            throw new IllegalArgumentException("transfer learning starts from pretrained weights: use --init-weights imagenet or a model file");
        }
        featureLayer = blankToNull(featureLayer);
        freezeTo = blankToNull(freezeTo);
        unfreezeTo = blankToNull(unfreezeTo);
        new HeadSpec(headUnits, headDropout, headBatchNorm, 0); // validates the head settings with its messages
        if (warmupEpochs < 0) throw new IllegalArgumentException("warm-up epochs must be >= 0, not " + warmupEpochs);
        if (warmupEpochs > 0 && unfreezeTo == null) {
            throw new IllegalArgumentException("--warmup-epochs needs --unfreeze-to LAYER (without a fine-tune phase every epoch trains the head)");
        }
        if (!(fineTuneLrFactor > 0 && fineTuneLrFactor <= 1)) {
            throw new IllegalArgumentException("fine-tune learning-rate factor must be in (0, 1], e.g. 0.1, not " + fineTuneLrFactor);
        }
    }

    /** Dense 256 + dropout 0.5 head on the whole frozen body, no fine-tune phase, factor 0.1 ready for one. */
    public static TransferConfig defaults(InitWeights weights) {
        return new TransferConfig(weights, null, null, 256, 0.5, false, 0, null, 0.1);
    }

    /** The head design with the run's L2. */
    public HeadSpec head(double l2) { return new HeadSpec(headUnits, headDropout, headBatchNorm, l2); }

    /** The phases of a run of {@code epochs} epochs, in order. */
    public java.util.List<TrainingPhase> phases(int epochs) {
        if (unfreezeTo == null) return java.util.List.of(new TrainingPhase(PHASE_HEAD, 1, 1.0));
        if (warmupEpochs >= epochs) {
            throw new IllegalArgumentException("warm-up epochs (" + warmupEpochs + ") must be fewer than the epochs (" + epochs
                    + ") to leave epochs for fine-tuning");
        }
        if (warmupEpochs == 0) return java.util.List.of(new TrainingPhase(PHASE_FINE_TUNE, 1, fineTuneLrFactor));
        return java.util.List.of(new TrainingPhase(PHASE_HEAD, 1, 1.0), new TrainingPhase(PHASE_FINE_TUNE, warmupEpochs + 1, fineTuneLrFactor));
    }

    public java.util.Map<String, Object> asMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("initWeights", weights.toString());
        m.put("featureLayer", featureLayer == null ? "default" : featureLayer);
        m.put("freezeTo", freezeTo == null ? "feature layer" : freezeTo);
        m.put("headUnits", headUnits);
        m.put("headDropout", headDropout);
        m.put("headBatchNorm", headBatchNorm);
        m.put("warmupEpochs", warmupEpochs);
        m.put("unfreezeTo", unfreezeTo == null ? "none" : unfreezeTo);
        m.put("fineTuneLrFactor", fineTuneLrFactor);
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
