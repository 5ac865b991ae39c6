package wb.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import wb.augment.AugmentConfig;
import wb.common.Cancellation;
import wb.common.Progress;
import wb.dataset.Dataset;
import wb.dataset.DatasetDoctor;
import wb.dataset.DatasetScanner;
import wb.dataset.VerificationReport;
import wb.imaging.ImageWriter;
import wb.imaging.Raster;
import wb.imaging.ResizePolicy;
import wb.model.LrSchedule;
import wb.model.Optimizer;
import wb.train.Classifier;
import wb.train.TrainConfig;
import wb.train.TrainingControl;
import wb.train.TrainingObserver;
import wb.train.TrainingSession;

/** Small real datasets for UI tests: PNGs written with the project's own encoder. */
public final class UiFixtures {

    private UiFixtures() { }

    /** A {@code w x h} grey image whose content depends on {@code seed}: a bright square on a gradient. */
    public static Raster pattern(int w, int h, int seed) {
        byte[] px = new byte[w * h];
        int sx = (seed * 7) % Math.max(1, w / 2);
        int sy = (seed * 3) % Math.max(1, h / 2);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean inside = x >= sx && x < sx + w / 3 && y >= sy && y < sy + h / 3;
                px[y * w + x] = (byte) (inside ? 230 : (x * 90 / w + y * 60 / h + seed * 13) % 120);
            }
        }
        return new Raster(w, h, 1, px);
    }

    /** Writes a PNG of {@link #pattern}, creating parent folders. */
    public static Path png(Path file, int w, int h, int seed) {
        try {
            Files.createDirectories(file.getParent());
            ImageWriter.writePng(pattern(w, h, seed), file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file that has an image name but is not an image. */
    public static Path corrupt(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, "this is not a PNG", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A class-folder dataset: {@code cat/} with 3 images, {@code dog/} with 2 images and one corrupt file,
     * and a stray {@code cat/notes.txt} the scan skips.
     */
    public static Path catsAndDogs(Path root) {
        for (int i = 0; i < 3; i++) png(root.resolve("cat").resolve("cat" + i + ".png"), 32, 24, i);
        for (int i = 0; i < 2; i++) png(root.resolve("dog").resolve("dog" + i + ".png"), 32, 24, 10 + i);
        corrupt(root.resolve("dog").resolve("broken.png"));
        try {
            Files.writeString(root.resolve("cat").resolve("notes.txt"), "labelling notes", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    // ---- training fixtures (stripes dataset, tiny model) ----


    public static final String[] CLASSES = {"horizontal", "vertical"};

    /**
     * Writes {@code root/train/<class>/*.png}, {@code root/valid/<class>/*.png} and {@code root/test/N.png}
     * (unlabelled, numbered 1..test) and returns the root.
     */
    public static Path stripes(Path root, int trainPerClass, int validPerClass, int test) throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        for (int c = 0; c < CLASSES.length; c++) {
            for (int i = 0; i < trainPerClass; i++) write(root.resolve("train").resolve(CLASSES[c]).resolve(CLASSES[c] + "_" + i + ".png"), c, rng);
            for (int i = 0; i < validPerClass; i++) write(root.resolve("valid").resolve(CLASSES[c]).resolve(CLASSES[c] + "_" + i + ".png"), c, rng);
        }
        for (int i = 1; i <= test; i++) write(root.resolve("test").resolve(i + ".png"), i % 2, rng);
        return root;
    }

    /** Scans and verifies {@code root} and puts it into a new application state with runs under {@code runs}. */
    public static AppState state(Path root, Path runs) {
        AppState state = new AppState(runs);
        Dataset ds = DatasetScanner.scan(root, Progress.NONE, Cancellation.NEVER);
        VerificationReport report = DatasetDoctor.verify(ds, 0, Progress.NONE, Cancellation.NEVER);
        state.setDataset(root, ds, report);
        return state;
    }

    /**
     * Trains a ShallowNet on 16x16 inputs for {@code epochs} epochs (no augmentation) into {@code runDir} and
     * returns the loaded model: a real model in a few seconds.
     */
    public static Classifier trainTiny(AppState state, Path runDir, int epochs) throws IOException {
        TrainConfig cfg = new TrainConfig("shallownet", epochs, 8, Optimizer.ADAM, 0.003, 0.9, LrSchedule.constant(), 0, null, true, 0, 3,
                AugmentConfig.none(), ResizePolicy.SQUASH, 16, 0.2);
        TrainingSession.run(state.verification().usable(), state.verification().channels(), cfg, runDir, false,
                new TrainingObserver() { }, new TrainingControl(), Progress.NONE);
        return Classifier.load(runDir);
    }

    private static void write(Path file, int cls, SplittableRandom rng) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] px = new byte[16 * 16];
        int phase = rng.nextInt(4);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int t = cls == 0 ? y : x;
                boolean on = ((t + phase) / 2) % 2 == 0;
                int v = (on ? 200 : 40) + rng.nextInt(40) - 20;
                px[y * 16 + x] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        ImageWriter.writePng(new Raster(16, 16, 1, px), file);
    }
}
