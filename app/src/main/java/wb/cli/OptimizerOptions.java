package wb.cli;

import picocli.CommandLine.Option;

import wb.model.LrSchedule;
import wb.model.Optimizer;
import wb.model.Recipe;

/**
 * Optimisation options shared by every training verb (train, train-head). What is not given comes from a
 * {@link Recipe}: the architecture's for {@code train}, the standard one for {@code train-head}.
 */
final class OptimizerOptions {

    @Option(names = "--batch-size", description = "Mini-batch size (default: the model's recipe, see 'models'; 64 for most).")
    Integer batchSize;

    @Option(names = "--optimizer", description = "${COMPLETION-CANDIDATES} (default: the model's recipe; adam for most).")
    Optimizer optimizer;

    @Option(names = "--lr", description = "Initial (peak, for onecycle) learning rate (default: the model's recipe; 0.001 for most).")
    Double lr;

    @Option(names = "--schedule",
            description = "Learning-rate schedule: constant, step:EPOCHS:FACTOR, poly:POWER, linear, cosine, onecycle (warm-up then cosine) "
                    + "(default: the model's recipe; cosine for most).")
    String schedule;

    @Option(names = "--patience", defaultValue = "0", description = "Early stopping: stop after N epochs without a lower validation loss; 0 = off (default: ${DEFAULT-VALUE}).")
    int patience;

    int batchSize(Recipe r) { return batchSize != null ? batchSize : r.batchSize(); }

    Optimizer optimizer(Recipe r) { return optimizer != null ? optimizer : r.optimizer(); }

    double lr(Recipe r) { return lr != null ? lr : r.learningRate(); }

    LrSchedule lrSchedule(Recipe r) { return schedule != null ? LrSchedule.parse(schedule) : r.schedule(); }
}
