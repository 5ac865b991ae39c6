package wb.train;

import wb.augment.AugmentConfig;
import wb.imaging.ResizePolicy;
import wb.model.LrSchedule;
import wb.model.Optimizer;

/**
 * Everything a user chooses for a training run. Validated on construction with messages that say how
 * to fix the value.
 *
 * @param dropout   head dropout; null uses the architecture's default
 * @param inputSize square input side; null uses the architecture's default
 * @param validFraction held out from train when the dataset has no validation split
 * @param transfer  start from pretrained weights with a new head and frozen layers; null trains from scratch
 * @param labelSmoothing training targets are {@code 1 - e + e/K} for the true class and {@code e/K} for the others
 *                  (Szegedy et al. 2016; fastai's LabelSmoothingCrossEntropy); 0 = one-hot
 * @param weightAverage decay of an exponential moving average of the weights ({@link WeightAverage}), which is what
 *                  gets evaluated and saved, e.g. 0.9998; 0 = off
 */
public record TrainConfig(String modelId, int epochs, int batchSize, Optimizer optimizer, double learningRate,
                          double momentum, LrSchedule schedule, double l2, Double dropout, boolean batchNorm,
                          int patience, long seed, AugmentConfig augment, ResizePolicy resize, Integer inputSize,
                          double validFraction, TransferConfig transfer, double labelSmoothing, double weightAverage) {

    /** Settings without weight averaging. */
    public TrainConfig(String modelId, int epochs, int batchSize, Optimizer optimizer, double learningRate,
                       double momentum, LrSchedule schedule, double l2, Double dropout, boolean batchNorm,
                       int patience, long seed, AugmentConfig augment, ResizePolicy resize, Integer inputSize,
                       double validFraction, TransferConfig transfer, double labelSmoothing) {
        this(modelId, epochs, batchSize, optimizer, learningRate, momentum, schedule, l2, dropout, batchNorm, patience, seed,
                augment, resize, inputSize, validFraction, transfer, labelSmoothing, 0);
    }

    /** Settings without label smoothing. */
    public TrainConfig(String modelId, int epochs, int batchSize, Optimizer optimizer, double learningRate,
                       double momentum, LrSchedule schedule, double l2, Double dropout, boolean batchNorm,
                       int patience, long seed, AugmentConfig augment, ResizePolicy resize, Integer inputSize,
                       double validFraction, TransferConfig transfer) {
        this(modelId, epochs, batchSize, optimizer, learningRate, momentum, schedule, l2, dropout, batchNorm, patience, seed,
                augment, resize, inputSize, validFraction, transfer, 0);
    }

    /** A run from scratch (no transfer learning): the constructor the settings had before transfer learning. */
    public TrainConfig(String modelId, int epochs, int batchSize, Optimizer optimizer, double learningRate,
                       double momentum, LrSchedule schedule, double l2, Double dropout, boolean batchNorm,
                       int patience, long seed, AugmentConfig augment, ResizePolicy resize, Integer inputSize,
                       double validFraction) {
        this(modelId, epochs, batchSize, optimizer, learningRate, momentum, schedule, l2, dropout, batchNorm, patience, seed,
                augment, resize, inputSize, validFraction, null);
    }

    public TrainConfig {
        if (modelId == null || modelId.isBlank()) throw new IllegalArgumentException("choose a model (see the 'models' command)");
        if (epochs < 1 || epochs > 10_000) throw new IllegalArgumentException("epochs must be 1..10000, not " + epochs);
        if (batchSize < 1 || batchSize > 8192) throw new IllegalArgumentException("batch size must be 1..8192, not " + batchSize);
        if (!(learningRate > 0 && learningRate < 100)) throw new IllegalArgumentException("learning rate must be > 0, e.g. 0.001, not " + learningRate);
        // The negated comparisons below also reject NaN.
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), e.g. 0.9");
        if (!(l2 >= 0 && l2 < 1)) throw new IllegalArgumentException("L2 must be in [0, 1), e.g. 0.0005");
        if (dropout != null && !(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), e.g. 0.5");
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0 (0 turns early stopping off)");
        if (inputSize != null && (inputSize < 8 || inputSize > 1024)) throw new IllegalArgumentException("input size must be 8..1024 pixels");
        if (!(validFraction > 0 && validFraction < 0.9)) throw new IllegalArgumentException("validation fraction must be in (0, 0.9), e.g. 0.2");
        if (augment == null) augment = AugmentConfig.none();
        if (resize == null) resize = ResizePolicy.SQUASH;
        if (schedule == null) schedule = LrSchedule.constant();
        if (optimizer == null) optimizer = Optimizer.ADAM;
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) throw new IllegalArgumentException("label smoothing must be in [0, 1), e.g. 0.1");
        if (!(weightAverage == 0 || (weightAverage >= 0.5 && weightAverage < 1))) {
            throw new IllegalArgumentException("weight averaging decay must be 0 (off) or in [0.5, 1), e.g. 0.9998");
        }
        if (transfer != null) transfer.phases(epochs); // checks that warm-up leaves epochs for fine-tuning
    }

    /** The same settings with transfer learning (null: from scratch). */
    public TrainConfig withTransfer(TransferConfig t) {
        return new TrainConfig(modelId, epochs, batchSize, optimizer, learningRate, momentum, schedule, l2, dropout, batchNorm,
                patience, seed, augment, resize, inputSize, validFraction, t, labelSmoothing, weightAverage);
    }

    /** The same settings with another augmentation. */
    public TrainConfig withAugment(AugmentConfig a) {
        return new TrainConfig(modelId, epochs, batchSize, optimizer, learningRate, momentum, schedule, l2, dropout, batchNorm,
                patience, seed, a, resize, inputSize, validFraction, transfer, labelSmoothing, weightAverage);
    }

    /** The same settings for another number of epochs. */
    public TrainConfig withEpochs(int n) {
        return new TrainConfig(modelId, n, batchSize, optimizer, learningRate, momentum, schedule, l2, dropout, batchNorm,
                patience, seed, augment, resize, inputSize, validFraction, transfer, labelSmoothing, weightAverage);
    }

    /** The same settings with another resize policy and input size (null: the architecture's). */
    public TrainConfig withResize(ResizePolicy policy, Integer size) {
        return new TrainConfig(modelId, epochs, batchSize, optimizer, learningRate, momentum, schedule, l2, dropout, batchNorm,
                patience, seed, augment, policy, size, validFraction, transfer, labelSmoothing, weightAverage);
    }

    /** The same settings with label smoothing {@code e} (0 = one-hot targets). */
    public TrainConfig withLabelSmoothing(double e) {
        return new TrainConfig(modelId, epochs, batchSize, optimizer, learningRate, momentum, schedule, l2, dropout, batchNorm,
                patience, seed, augment, resize, inputSize, validFraction, transfer, e, weightAverage);
    }

    /** The same settings with weight averaging of decay {@code d} (0 = off). */
    public TrainConfig withWeightAverage(double d) {
        return new TrainConfig(modelId, epochs, batchSize, optimizer, learningRate, momentum, schedule, l2, dropout, batchNorm,
                patience, seed, augment, resize, inputSize, validFraction, transfer, labelSmoothing, d);
    }

    /**
     * The recommended settings for an architecture: its {@link wb.model.ModelSpec#recipe() recipe} (optimizer, learning
     * rate and schedule, batch size, L2), batch norm, 10 epochs, horizontal flips. Unknown ids get the standard recipe.
     */
    public static TrainConfig defaults(String modelId) {
        wb.model.Recipe r = recipeOf(modelId);
        return new TrainConfig(modelId, 10, r.batchSize(), r.optimizer(), r.learningRate(), r.momentum(), r.schedule(), r.l2(), null,
                true, 0, 42, AugmentConfig.flips(), ResizePolicy.SQUASH, null, 0.2, null, 0, r.weightAverage());
    }

    /** The architecture's recipe, or the standard one for an id the zoo does not know. */
    public static wb.model.Recipe recipeOf(String modelId) {
        try {
            return wb.model.ModelZoo.standard().get(modelId).recipe();
        } catch (RuntimeException e) {
            return wb.model.Recipe.STANDARD;
        }
    }

    /** The settings as a map for the model card. */
    public java.util.Map<String, Object> asMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("model", modelId);
        m.put("epochs", epochs);
        m.put("batchSize", batchSize);
        m.put("optimizer", optimizer.name());
        m.put("learningRate", learningRate);
        m.put("momentum", momentum);
        m.put("schedule", schedule.toString());
        m.put("l2", l2);
        m.put("dropout", dropout == null ? "default" : dropout);
        m.put("batchNorm", batchNorm);
        m.put("patience", patience);
        m.put("seed", seed);
        m.put("resize", resize.name());
        m.put("inputSize", inputSize == null ? "default" : inputSize);
        m.put("validFraction", validFraction);
        m.put("labelSmoothing", labelSmoothing);
        m.put("weightAverage", weightAverage);
        if (transfer != null) m.put("transfer", transfer.asMap());
        return m;
    }
}
