package wb.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import wb.dataset.VerificationReport;
import wb.imaging.ResizePolicy;
import wb.common.Cancellation;
import wb.model.InitWeights;
import wb.train.RunEnd;
import wb.train.TrainConfig;
import wb.train.TransferConfig;
import wb.train.TrainingControl;
import wb.train.TrainingSession;

/** Trains a zoo model on a dataset folder into a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a model from the zoo on a dataset. Writes RUNDIR/model.zip + card.json (best epoch by validation loss), "
                + "metrics.csv, watch.csv (the watched validation images per epoch), config.json and checkpoint/ (for --resume). Ctrl-C stops after the current batch; the best model so far is kept. "
                + "With --init-weights: transfer learning (new head, frozen body, optional warm-up then fine-tuning; phases.csv marks the phases).")
final class TrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--data", required = true, description = "Dataset folder (class folders, fast.ai train/valid, or Kaggle-style names).")
    Path data;

    @Option(names = "--model", defaultValue = "fmnist-cnn", description = "Architecture id from the 'models' command (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--out", required = true, description = "Run folder to create (or continue with --resume).")
    Path out;






    @Option(names = "--l2", description = "L2 weight decay on weights (default: the model's recipe; 0 for most).")
    Double l2;

    @Option(names = "--label-smoothing", defaultValue = "0", paramLabel = "E",
            description = "Label smoothing: train towards 1-E+E/K for the true class and E/K for the others, e.g. 0.1; 0 = one-hot targets (default: ${DEFAULT-VALUE}).")
    double labelSmoothing;

    @Option(names = "--ema", paramLabel = "DECAY",
            description = "Weight averaging: keep an exponential moving average of the weights (Polyak averaging) and evaluate and save "
                    + "that, e.g. 0.9998; 0 = off (default: the model's recipe; off for most).")
    Double ema;

    @Option(names = "--dropout", description = "Dropout probability of the classifier head (default: the architecture's).")
    Double dropout;

    @Option(names = "--batch-norm", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Batch norm after convolutions, where the architecture allows it (default: ${DEFAULT-VALUE}).")
    boolean batchNorm;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for splits, shuffling, augmentation and initialisation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", description = "Square input size in pixels (default: the architecture's).")
    Integer size;

    @Option(names = "--resize", defaultValue = "squash", description = "squash (plain resize) or crop-center (aspect-aware: shorter side, then centre crop) (default: ${DEFAULT-VALUE}).")
    String resize;

    @Option(names = "--valid-fraction", defaultValue = "0.2", description = "Held out for validation when the dataset has no valid/ split (default: ${DEFAULT-VALUE}).")
    double validFraction;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Mixin AugmentOptions augment;

    @Mixin OptimizerOptions opt;

    @Option(names = "--momentum", description = "Momentum for momentum/nesterov (default: the model's recipe; 0.9 for all).")
    Double momentum;

    // Transfer learning (the computer-vision book's two-phase recipe).

    @Option(names = "--init-weights", defaultValue = "none", paramLabel = "imagenet|FILE|none",
            description = "Start from pretrained weights: 'imagenet' (the DL4J zoo weights of --model, downloaded once into ~/.image-workbench/weights, "
                    + "or -Dwb.weights=DIR; put the file there by hand when offline), a model FILE (DL4J model zip, run folder, or Keras .h5 saved with "
                    + "model.save()), or 'none' to train from scratch (default: ${DEFAULT-VALUE}). The classifier is replaced by a new head for the dataset's classes.")
    String initWeights;

    @Option(names = "--feature-layer", paramLabel = "LAYER",
            description = "Body layer the new head is put on (default: the last layer before the original classifier, e.g. the last pooling layer). "
                    + "Layer names: 'models --layers ID'.")
    String featureLayer;

    @Option(names = "--freeze-to", paramLabel = "LAYER",
            description = "Freeze every layer up to and including LAYER during the head phase (default: the feature layer, i.e. the whole body).")
    String freezeTo;

    @Option(names = "--warmup-epochs", defaultValue = "0", paramLabel = "N",
            description = "Epochs that train only the head before fine-tuning starts; needs --unfreeze-to (default: ${DEFAULT-VALUE}).")
    int warmupEpochs;

    @Option(names = "--unfreeze-to", paramLabel = "LAYER",
            description = "After the warm-up, also train LAYER and every layer after it, keeping the learned weights (default: none, only the head is trained).")
    String unfreezeTo;

    @Option(names = "--finetune-lr-factor", defaultValue = "0.1", paramLabel = "F",
            description = "Learning-rate multiplier of the fine-tune phase (default: ${DEFAULT-VALUE}).")
    double fineTuneLrFactor;

    @Option(names = "--head-units", defaultValue = "256", paramLabel = "N",
            description = "Hidden units of the new head; 0 = softmax directly on the features (default: ${DEFAULT-VALUE}).")
    int headUnits;

    @Option(names = "--head-dropout", defaultValue = "0.5", paramLabel = "P",
            description = "Dropout before the new head's softmax (default: ${DEFAULT-VALUE}).")
    double headDropout;

    @Option(names = "--head-batch-norm", defaultValue = "false",
            description = "Batch norm in the new head's hidden layer (default: ${DEFAULT-VALUE}).")
    boolean headBatchNorm;

    private static final java.util.List<String> TRANSFER_OPTIONS = java.util.List.of("--feature-layer", "--freeze-to", "--warmup-epochs",
            "--unfreeze-to", "--finetune-lr-factor", "--head-units", "--head-dropout", "--head-batch-norm");

    static ResizePolicy resizePolicy(String resize) {
        return switch (resize.toLowerCase(java.util.Locale.ROOT)) {
            case "squash" -> ResizePolicy.SQUASH;
            case "crop-center", "crop" -> ResizePolicy.CROP_CENTER;
            default -> throw new IllegalArgumentException("--resize must be squash or crop-center, not " + resize);
        };
    }

    @Override public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ResizePolicy policy = resizePolicy(resize);
        InitWeights weights = InitWeights.parse(initWeights);
        TransferConfig transfer = null;
        if (weights.kind() != InitWeights.Kind.NONE) {
            transfer = new TransferConfig(weights, featureLayer, freezeTo, headUnits, headDropout, headBatchNorm, warmupEpochs, unfreezeTo,
                    fineTuneLrFactor);
        } else {
            for (String o : TRANSFER_OPTIONS) {
                if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                    throw new IllegalArgumentException(o + " needs --init-weights imagenet or a model file");
                }
            }
        }
        wb.model.Recipe recipe = TrainConfig.recipeOf(model);
        TrainConfig cfg = new TrainConfig(model, epochs, opt.batchSize(recipe), opt.optimizer(recipe), opt.lr(recipe),
                momentum != null ? momentum : recipe.momentum(), opt.lrSchedule(recipe), l2 != null ? l2 : recipe.l2(), dropout,
                batchNorm, opt.patience, seed, augment.config("flip"), policy, size, validFraction, transfer, labelSmoothing,
                ema != null ? ema : recipe.weightAverage());
        VerificationReport report = DatasetOptions.scanAndVerify(data, err, false);

        TrainingControl control = new TrainingControl();
        Thread hook = new Thread(control::stop, "stop-training");
        Runtime.getRuntime().addShutdownHook(hook);
        TrainingSession.Outcome o;
        try {
            o = TrainingSession.run(report.usable(), report.channels(), cfg, this.out, resume, new ConsoleTrainingObserver(out),
                    control, new ConsoleProgress(err), Cancellation.NEVER);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C; the stop request has been delivered
            }
        }
        o.notes().forEach(n -> err.println("note: " + n));
        o.unreadableFiles().forEach(f -> err.println("skipped during training: " + f));
        if (o.card() != null) out.println("model saved to " + o.runDir().toAbsolutePath());
        RunEnd.Status s = o.end().status();
        if (s == RunEnd.Status.DIVERGED || s == RunEnd.Status.FAILED) {
            err.println("error: " + o.end().message());
            return 3;
        }
        return s == RunEnd.Status.CANCELLED ? 130 : 0;
    }
}
