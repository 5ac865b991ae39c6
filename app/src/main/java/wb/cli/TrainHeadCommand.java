package wb.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import wb.common.Cancellation;
import wb.model.HeadSpec;
import wb.model.Recipe;
import wb.train.HeadTraining;
import wb.train.RunEnd;
import wb.train.TrainingControl;

/** Trains a classifier head (or logistic regression) on cached features and saves a full model. */
@Command(name = "train-head", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a classifier head on features cached by 'extract-features' (seconds per epoch), then put it back on its body "
                + "and save an ordinary run folder (model.zip + card.json, metrics.csv) that 'evaluate' and 'predict' use on images. "
                + "--logistic trains the computer-vision book's baseline: softmax regression with L2 on the features.")
final class TrainHeadCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin OptimizerOptions opt;

    @Option(names = "--features", required = true, paramLabel = "FILE.h5", description = "Feature file; its train rows are the training set.")
    Path features;

    @Option(names = "--valid-features", paramLabel = "FILE.h5",
            description = "Validate on all labelled rows of this file (default: the valid rows of --features, else a stratified hold-out).")
    Path validFeatures;

    @Option(names = "--out", required = true, paramLabel = "RUNDIR", description = "Run folder to create.")
    Path out;

    @Option(names = "--logistic", description = "Softmax (logistic) regression on the features: no hidden layer, no dropout, L2 (see --l2).")
    boolean logistic;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;





    @Option(names = "--l2", description = "L2 weight decay on the head's weights (default: 0, or 0.0001 with --logistic).")
    Double l2;

    @Option(names = "--head-units", defaultValue = "256", paramLabel = "N", description = "Hidden units of the head (default: ${DEFAULT-VALUE}; ignored with --logistic).")
    int headUnits;

    @Option(names = "--head-dropout", defaultValue = "0.5", paramLabel = "P", description = "Dropout before the softmax (default: ${DEFAULT-VALUE}; ignored with --logistic).")
    double headDropout;

    @Option(names = "--head-batch-norm", defaultValue = "false", description = "Batch norm in the hidden layer (default: ${DEFAULT-VALUE}).")
    boolean headBatchNorm;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the hold-out, shuffling and initialisation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--valid-fraction", defaultValue = "0.2", description = "Held out for validation when there are no validation rows (default: ${DEFAULT-VALUE}).")
    double validFraction;

    @Override public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HeadSpec head = logistic ? HeadSpec.logistic(l2 != null ? l2 : 1e-4) : new HeadSpec(headUnits, headDropout, headBatchNorm, l2 != null ? l2 : 0);
        HeadTraining.Config cfg = new HeadTraining.Config(head, epochs, opt.batchSize(Recipe.STANDARD), opt.optimizer(Recipe.STANDARD),
                opt.lr(Recipe.STANDARD), opt.lrSchedule(Recipe.STANDARD), opt.patience, seed, validFraction);
        TrainingControl control = new TrainingControl();
        Thread hook = new Thread(control::stop, "stop-training");
        Runtime.getRuntime().addShutdownHook(hook);
        HeadTraining.Outcome o;
        try {
            o = HeadTraining.run(features, validFeatures, cfg, out, new ConsoleTrainingObserver(stdout), control, new ConsoleProgress(err), Cancellation.NEVER);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C; the stop request has been delivered
            }
        }
        o.notes().forEach(n -> err.println("note: " + n));
        if (o.card() != null) stdout.println("model saved to " + o.runDir().toAbsolutePath());
        RunEnd.Status s = o.end().status();
        if (s == RunEnd.Status.DIVERGED || s == RunEnd.Status.FAILED) {
            err.println("error: " + o.end().message());
            return 3;
        }
        return s == RunEnd.Status.CANCELLED ? 130 : 0;
    }
}
