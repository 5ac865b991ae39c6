package wb.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.dataset.Dataset;
import wb.dataset.DatasetDoctor;
import wb.dataset.DatasetScanner;
import wb.dataset.VerificationReport;
import wb.augment.AugmentConfig;
import wb.imaging.ImageWriter;
import wb.imaging.ResizePolicy;
import wb.model.LrSchedule;
import wb.model.Optimizer;
import wb.train.Classifier;
import wb.train.TrainConfig;
import wb.train.TrainingControl;
import wb.train.TrainingObserver;
import wb.train.TrainingSession;
import wb.imaging.Raster;

/** A tiny real dataset for UI tests: grey 16x16 PNGs of horizontal or vertical stripes, in fast.ai layout. */
public final class UiFixtures {
    private UiFixtures() { }

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
