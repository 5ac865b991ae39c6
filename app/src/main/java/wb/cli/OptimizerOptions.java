package wb.cli;

import picocli.CommandLine.Option;

import wb.model.LrSchedule;
import wb.model.Optimizer;

/** Optimisation options shared by every training verb (train, train-head). */
final class OptimizerOptions {

    @Option(names = "--batch-size", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "adam", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Optimizer optimizer;

    @Option(names = "--lr", defaultValue = "0.001", description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--schedule", defaultValue = "cosine",
            description = "Learning-rate schedule: constant, step:EPOCHS:FACTOR, poly:POWER, linear, cosine, onecycle (warm-up then cosine) (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--patience", defaultValue = "0", description = "Early stopping: stop after N epochs without a lower validation loss; 0 = off (default: ${DEFAULT-VALUE}).")
    int patience;

    LrSchedule lrSchedule() { return LrSchedule.parse(schedule); }
}
