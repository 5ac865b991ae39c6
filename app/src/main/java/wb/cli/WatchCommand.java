package wb.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import wb.common.UserException;
import wb.export.WatchSheet;
import wb.imaging.Raster;
import wb.train.Trainer;
import wb.train.WatchCsvWriter;
import wb.train.WatchFrame;

/** Renders a run's watched validation images, epoch by epoch, as one PNG. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Render how a run learned: its watched validation images (the same few per class after every epoch, "
                + "from RUN/watch.csv) as one PNG. The first row shows each image with its true class; then one row per epoch "
                + "with the network's answer and confidence, framed green when right and red when wrong.",
                "Prints each shown epoch's count of right answers."})
final class WatchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--run", required = true, description = "Run folder written by 'train' (holds watch.csv).")
    Path run;

    @Option(names = "--out", description = "PNG file to write (default: RUN/watch.png).")
    Path out;

    @Option(names = "--rows", defaultValue = "" + WatchSheet.DEFAULT_ROWS,
            description = "At most this many epochs, evenly spaced, always the first and the last (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--tile", defaultValue = "64", description = "Tile size in pixels (default: ${DEFAULT-VALUE}).")
    int tile;

    @Override public Integer call() throws Exception {
        if (rows < 1) throw new UserException("--rows must be at least 1");
        if (tile < 16 || tile > 512) throw new UserException("--tile must be 16..512 pixels");
        Path csv = run.resolve(WatchCsvWriter.FILE);
        if (!Files.isRegularFile(csv)) {
            throw new UserException("no " + WatchCsvWriter.FILE + " in " + run + ": train writes it after each epoch (runs with validation data, "
                    + "trained with this version or later)");
        }
        List<WatchFrame> frames = WatchCsvWriter.read(csv);
        if (frames.isEmpty()) throw new UserException(csv + " holds no epochs yet");
        Path png = out != null ? out : run.resolve("watch.png");
        Raster sheet = WatchSheet.render(frames, rows, tile);
        wb.imaging.ImageWriter.writePng(sheet, png);
        var w = spec.commandLine().getOut();
        for (WatchFrame f : WatchSheet.pick(frames, rows)) {
            w.printf(java.util.Locale.ROOT, "epoch %d: %d of %d right%n", f.epoch(), f.predictions().correctCount(), f.predictions().size());
        }
        w.println("wrote " + png + " (" + sheet.width() + "x" + sheet.height() + ", " + Trainer.epochs(frames.size()) + " watched)");
        return 0;
    }
}
