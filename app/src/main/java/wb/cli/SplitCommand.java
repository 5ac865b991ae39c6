package wb.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import wb.common.Cancellation;
import wb.dataset.Dataset;
import wb.dataset.DatasetScanner;
import wb.dataset.DatasetWriter;
import wb.dataset.WrittenLayout;

/** Splits a single labelled folder into the fast.ai layout without copying images. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Split a labelled dataset (one folder per class, or Kaggle-style names) into train/valid[/test] "
                + "folders of links to the original files: seeded and stratified, nothing is copied.")
final class SplitCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The labelled dataset folder.")
    Path dir;

    @Option(names = "--out", required = true, description = "New folder for the train/valid/test layout (must not exist or be empty).")
    Path out;

    @Option(names = "--valid", defaultValue = "0.2", description = "Fraction of each class for validation (default: ${DEFAULT-VALUE}).")
    double valid;

    @Option(names = "--test", defaultValue = "0", description = "Fraction of each class for a labelled test split (default: ${DEFAULT-VALUE}).")
    double test;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override public Integer call() {
        Dataset ds = DatasetScanner.scan(dir, new ConsoleProgress(spec.commandLine().getErr()), Cancellation.NEVER);
        WrittenLayout w = DatasetWriter.writeSplit(ds, out, valid, test, seed);
        spec.commandLine().getOut().println("wrote " + w.dir() + " (" + w.mode() + "): " + w.counts());
        return 0;
    }
}
