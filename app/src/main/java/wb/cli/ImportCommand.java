package wb.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import wb.common.Cancellation;
import wb.dataset.CifarImporter;
import wb.dataset.IdxImporter;
import wb.dataset.ImportOptions;
import wb.dataset.ImportResult;

/** Converts array datasets (IDX, CIFAR-10 binary) into image folders. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Write MNIST/Fashion-MNIST IDX files or CIFAR-10 binary batches as PNG class folders (train/, valid/), "
                + "plus an unlabelled Kaggle-style test/ folder with test_labels.csv and sample_submission.csv.",
        subcommands = {ImportCommand.Idx.class, ImportCommand.Cifar.class})
final class ImportCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    static class Common {
        @Option(names = "--out", required = true, description = "Output folder (must not exist or be empty).")
        Path out;

        @Option(names = "--limit-per-class", defaultValue = "0", description = "Keep at most this many training images per class; 0 = all (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--valid", defaultValue = "0.1", description = "Fraction of the training images held out as valid/ (default: ${DEFAULT-VALUE}).")
        double valid;

        @Option(names = "--test-limit", defaultValue = "-1", description = "Test images to write: -1 = all, 0 = none (default: ${DEFAULT-VALUE}).")
        int testLimit;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        ImportOptions options() { return new ImportOptions(limit, valid, testLimit, seed); }
    }

    @Command(name = "idx", mixinStandardHelpOptions = true, description = "Import MNIST or Fashion-MNIST IDX files (.gz or raw).")
    static final class Idx extends Common implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--dir", description = "Folder with train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-... files "
                + "(e.g. /usr/share/datasets/fashion-mnist from Debian's dataset-fashion-mnist).", required = true)
        Path dir;

        @Option(names = "--classes", defaultValue = "fashion", description = "Class names: 'fashion', 'digits', or a comma-separated list (default: ${DEFAULT-VALUE}).")
        String classes;

        @Override public Integer call() {
            List<String> names = switch (classes) {
                case "fashion" -> IdxImporter.FASHION_MNIST_CLASSES;
                case "digits", "mnist" -> IdxImporter.MNIST_CLASSES;
                default -> List.of(classes.split(","));
            };
            ImportOptions o = options();
            ImportResult r = IdxImporter.importIdx(IdxImporter.locate(dir, "train-images-idx3-ubyte"), IdxImporter.locate(dir, "train-labels-idx1-ubyte"),
                    o.testLimit() == 0 ? null : IdxImporter.locate(dir, "t10k-images-idx3-ubyte"), o.testLimit() == 0 ? null : IdxImporter.locate(dir, "t10k-labels-idx1-ubyte"),
                    names, out, o, new ConsoleProgress(spec.commandLine().getErr()), Cancellation.NEVER);
            spec.commandLine().getOut().println("wrote " + r.out() + ": " + r.counts());
            return 0;
        }
    }

    @Command(name = "cifar", mixinStandardHelpOptions = true, description = "Import CIFAR-10 binary batches (data_batch_*.bin, test_batch.bin).")
    static final class Cifar extends Common implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--dir", required = true, description = "The cifar-10-batches-bin folder.")
        Path dir;

        @Override public Integer call() throws Exception {
            List<Path> batches;
            try (var s = java.nio.file.Files.list(dir)) {
                batches = s.filter(p -> p.getFileName().toString().matches("data_batch_\\d+\\.bin")).sorted().toList();
            }
            if (batches.isEmpty()) throw new wb.common.UserException("no data_batch_N.bin files in " + dir);
            Path test = dir.resolve("test_batch.bin");
            ImportOptions o = options();
            ImportResult r = CifarImporter.importBatches(batches, o.testLimit() == 0 || !java.nio.file.Files.exists(test) ? null : test, out, o,
                    new ConsoleProgress(spec.commandLine().getErr()), Cancellation.NEVER);
            spec.commandLine().getOut().println("wrote " + r.out() + ": " + r.counts());
            return 0;
        }
    }
}
