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

/** Makes a small fast.ai-style sample set for quick experiments. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Make a small stratified sample of a train/valid dataset (fast.ai recipe: 200 train / 50 valid) as links, "
                + "in DIR/sample (fast.ai layout) or DIR-sample next to DIR (other layouts) unless --out is given.")
final class SampleCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A dataset with train/ and valid/ folders.")
    Path dir;

    @Option(names = "--out", description = "Target folder (default: DIR/sample for a fast.ai layout, else DIR-sample).")
    Path out;

    @Option(names = "--train", defaultValue = "200", description = "Training images in the sample (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--valid", defaultValue = "50", description = "Validation images in the sample (default: ${DEFAULT-VALUE}).")
    int valid;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override public Integer call() {
        Dataset ds = DatasetScanner.scan(dir, new ConsoleProgress(spec.commandLine().getErr()), Cancellation.NEVER);
        // Inside DIR only for the fast.ai layout, where sample/ is a known subfolder; elsewhere it would be
        // scanned as one more class, so the default is a sibling folder.
        Path target = out != null ? out : ds.layout() == wb.dataset.Layout.FASTAI ? dir.resolve("sample")
                : dir.toAbsolutePath().resolveSibling(dir.getFileName() + "-sample");
        WrittenLayout w = DatasetWriter.writeSample(ds, target, train, valid, seed);
        spec.commandLine().getOut().println("wrote " + w.dir() + " (" + w.mode() + "): " + w.counts());
        return 0;
    }
}
