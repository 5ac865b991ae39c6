package wb.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import wb.common.Cancellation;
import wb.dataset.VerificationReport;
import wb.model.InitWeights;
import wb.train.FeatureExtraction;
import wb.train.FeatureRequest;

/** Runs a frozen pretrained body over a dataset once and caches the features in HDF5. */
@Command(name = "extract-features", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a frozen pretrained body once over the train, valid and test images and store the features in an HDF5 file "
                + "(datasets features float32 N x D, labels int32 (-1 = unlabelled), split uint8, label_names, paths; attributes for model, "
                + "layer, weights, preprocessing and a cache key). An up-to-date file is reused; a stale one (other model, weights, layer, "
                + "preprocessing or images) is rebuilt. Train heads on it with 'train-head'.")
final class ExtractFeaturesCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    static final class Source {
        @Option(names = "--run", paramLabel = "RUNDIR", required = true,
                description = "A run folder of 'train' (or a model bundle): its network and preprocessing.")
        Path run;

        @Option(names = "--model", paramLabel = "ID", required = true, description = "A zoo architecture ('models' lists them), with --weights.")
        String model;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--weights", defaultValue = "imagenet", paramLabel = "imagenet|FILE",
            description = "Weights for --model: 'imagenet' (DL4J zoo weights, cached in ~/.image-workbench/weights or -Dwb.weights=DIR) "
                    + "or a model file (DL4J zip, run folder, Keras .h5) (default: ${DEFAULT-VALUE}).")
    String weights;

    @Option(names = "--data", required = true, description = "Dataset folder.")
    Path data;

    @Option(names = "--layer", paramLabel = "NAME",
            description = "Layer whose activations are the features (default: the last layer before the classifier). Names: 'models --layers ID'.")
    String layer;

    @Option(names = "--out", required = true, paramLabel = "FILE.h5", description = "HDF5 file to write (or reuse when up to date).")
    Path out;

    @Option(names = "--size", description = "Square input size for --model (default: what the weights expect, else the architecture's).")
    Integer size;

    @Option(names = "--resize", defaultValue = "squash",
            description = "squash or crop-center, for --model (a run folder brings its own) (default: ${DEFAULT-VALUE}).")
    String resize;

    @Option(names = "--batch-size", defaultValue = "64", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--force", description = "Extract again even when the file is up to date.")
    boolean force;

    @Override public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FeatureRequest req;
        if (source.run != null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--weights") || size != null) {
                throw new IllegalArgumentException("--weights and --size go with --model; a run folder brings its own");
            }
            req = new FeatureRequest(source.run, null, null, null, null, layer, batchSize, force);
        } else {
            req = new FeatureRequest(null, source.model, InitWeights.parse(weights), size, TrainCommand.resizePolicy(resize), layer, batchSize, force);
        }
        VerificationReport report = DatasetOptions.scanAndVerify(data, err, false);
        FeatureExtraction.Result r = FeatureExtraction.extract(req, report.usable(), out, new ConsoleProgress(err), Cancellation.NEVER);
        r.skipped().forEach(m -> err.println("skipped: " + m));
        if (r.reused()) {
            stdout.printf(Locale.ROOT, "%s is up to date (layer %s, %,d values per image); nothing extracted (--force to redo)%n", out, r.layer(), r.featureSize());
        } else {
            stdout.printf(Locale.ROOT, "%s: %,d images x %,d features from layer %s (%s)%n", out, r.examples(), r.featureSize(), r.layer(), r.note());
        }
        return 0;
    }
}
