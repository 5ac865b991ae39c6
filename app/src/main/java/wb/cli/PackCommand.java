package wb.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import wb.common.Cancellation;
import wb.dataset.DatasetPacker;
import wb.dataset.VerificationReport;

/** Packs a dataset's images into one HDF5 file as uint8 (the computer-vision book's HDF5DatasetWriter). */
@Command(name = "pack", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Decode every image once, resize it to a square and store the dataset in one HDF5 file for Python and other tools: "
                + "images uint8 N x H x W x C, labels int32 (-1 = unlabelled), split uint8 (0 train, 1 valid, 2 test), label_names, paths; "
                + "attributes format, height, width, channels, resize, dataset_root, created_at. Pixels stay 8-bit (never float64). "
                + "Files that cannot be decoded are listed and left out.")
final class PackCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--data", required = true, description = "Dataset folder.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE.h5", description = "HDF5 file to write (replaced atomically).")
    Path out;

    @Option(names = "--size", defaultValue = "64", description = "Side of the square images in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--resize", defaultValue = "crop-center",
            description = "squash (plain resize) or crop-center (aspect-aware: shorter side, then centre crop) (default: ${DEFAULT-VALUE}).")
    String resize;

    @Option(names = "--channels", defaultValue = "auto",
            description = "1 (grey), 3 (RGB) or auto (grey when every image is grey) (default: ${DEFAULT-VALUE}).")
    String channels;

    @Override public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int c = switch (channels.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> 0;
            case "1" -> 1;
            case "3" -> 3;
            default -> throw new IllegalArgumentException("--channels must be 1, 3 or auto, not " + channels);
        };
        VerificationReport report = DatasetOptions.scanAndVerify(data, err, false);
        DatasetPacker.Result r = DatasetPacker.pack(report.usable(), size, TrainCommand.resizePolicy(resize), c, out, new ConsoleProgress(err),
                Cancellation.NEVER);
        r.skipped().forEach(m -> err.println("skipped: " + m));
        stdout.printf(Locale.ROOT, "%s: %,d images, %dx%dx%d uint8 (%,.1f MB of pixels), %d classes%n", out, r.images(), r.height(), r.width(),
                r.channels(), r.pixelBytes() / 1e6, report.usable().classes().size());
        return 0;
    }
}
