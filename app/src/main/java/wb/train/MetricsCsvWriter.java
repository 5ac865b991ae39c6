package wb.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Appends one row per epoch to {@code metrics.csv} and flushes it, so the file is complete up to the last
 * finished epoch even if the process dies. A resumed run keeps appending to the same file.
 */
public final class MetricsCsvWriter implements TrainingObserver {

    public static final String HEADER = "epoch,train_loss,train_acc,valid_loss,valid_acc,lr,seconds,images_per_s";

    private final Path file;

    public MetricsCsvWriter(Path file) { this.file = file; }

    @Override public void onStart(RunStart start) {
        try {
            if (start.firstEpoch() == 1 || !Files.exists(file)) {
                Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override public void onEpoch(EpochMetrics m) {
        String row = String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6g,%.2f,%.1f%n", m.epoch(), m.trainLoss(), m.trainAccuracy(),
                m.validLoss(), m.validAccuracy(), m.learningRate(), m.seconds(), m.imagesPerSecond());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads a metrics file back (to show a finished run's curves again). */
    public static java.util.List<EpochMetrics> read(Path file) throws IOException {
        java.util.List<EpochMetrics> out = new java.util.ArrayList<>();
        java.util.List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank()).toList();
        double best = Double.POSITIVE_INFINITY;
        for (String line : rows) {
            String[] f = line.split(",");
            double validLoss = d(f[3]);
            // "improved" is recomputed the way the trainer decides it: a new lowest validation loss.
            boolean improved = Double.isNaN(validLoss) || validLoss < best;
            if (validLoss < best) best = validLoss;
            out.add(new EpochMetrics(Integer.parseInt(f[0]), rows.size(), d(f[1]), d(f[2]), validLoss, d(f[4]), d(f[5]), d(f[6]), d(f[7]), improved));
        }
        return out;
    }

    private static double d(String s) {
        return s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
    }
}
