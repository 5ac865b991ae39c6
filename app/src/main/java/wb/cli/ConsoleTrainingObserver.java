package wb.cli;

import java.io.PrintWriter;
import java.util.Locale;

import wb.train.BatchMetrics;
import wb.train.EpochMetrics;
import wb.train.RunEnd;
import wb.train.RunStart;
import wb.train.Trainer;
import wb.train.TrainingObserver;

/** Prints training progress: a live bar per epoch on a terminal, and one summary line per epoch. */
final class ConsoleTrainingObserver implements TrainingObserver {
    private final PrintWriter out;
    private final boolean tty = System.console() != null;
    private wb.train.WatchFrame firstWatch;
    private wb.train.WatchFrame lastWatch;
    private long lastDraw;

    ConsoleTrainingObserver(PrintWriter out) { this.out = out; }

    @Override public void onStart(RunStart s) {
        out.printf(Locale.ROOT, "training %s (%,d parameters) for %s: %,d train / %,d valid images, %d batches per epoch%n",
                s.modelId(), s.parameters(), Trainer.epochs(s.epochs()), s.trainExamples(), s.validExamples(), s.batchesPerEpoch());
        out.printf("backend %s, convolution helper %s%s%n", s.backend(), s.convolutionHelper(),
                s.parallelism().isEmpty() ? "" : ", " + s.parallelism());
        out.println("epoch  train_loss  train_acc  valid_loss  valid_acc        lr    time   img/s");
        out.flush();
    }

    @Override public void onPhase(String name, int firstEpoch) {
        if (tty) out.print("\r" + " ".repeat(100) + "\r");
        out.printf(Locale.ROOT, "-- phase %s from epoch %d%n", name, firstEpoch);
        out.flush();
    }

    @Override public void onBatch(BatchMetrics b) {
        if (!tty) return;
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && b.batch() != b.batchesPerEpoch()) return;
        lastDraw = now;
        int width = 25;
        int filled = width * b.batch() / b.batchesPerEpoch();
        out.printf(Locale.ROOT, "\r%3d [%s%s] %d/%d loss %.4f  %.0f img/s  eta %s  queue %d   ", b.epoch(), "#".repeat(filled),
                ".".repeat(width - filled), b.batch(), b.batchesPerEpoch(), b.smoothedLoss(), b.imagesPerSecond(), eta(b.etaSeconds()), b.queuedBatches());
        out.flush();
    }

    @Override public void onEpoch(EpochMetrics m) {
        if (tty) out.print("\r" + " ".repeat(100) + "\r");
        out.printf(Locale.ROOT, "%5d  %10.4f  %9.4f  %10.4f  %9.4f  %8.2g  %5.0fs  %6.0f%s%n", m.epoch(), m.trainLoss(), m.trainAccuracy(),
                m.validLoss(), m.validAccuracy(), m.learningRate(), m.seconds(), m.imagesPerSecond(), m.improved() ? "  *" : "");
        out.flush();
    }

    @Override public void onWatch(wb.train.WatchFrame f) {
        if (firstWatch == null) firstWatch = f;
        lastWatch = f;
    }

    @Override public void onFinish(RunEnd e) {
        if (tty) out.print("\r" + " ".repeat(100) + "\r");
        out.println(e.status() + ": " + e.message());
        if (e.bestEpoch() > 0 && !Double.isNaN(e.bestValidAccuracy())) {
            out.printf(Locale.ROOT, "best epoch %d: valid loss %.4f, valid accuracy %.4f%n", e.bestEpoch(), e.bestValidLoss(), e.bestValidAccuracy());
        }
        if (lastWatch != null) {
            out.printf(Locale.ROOT, "watched validation images: %d of %d right after epoch %d (%d after epoch %d); 'watch --run' draws them%n",
                    lastWatch.predictions().correctCount(), lastWatch.predictions().size(), lastWatch.epoch(),
                    firstWatch.predictions().correctCount(), firstWatch.epoch());
        }
        out.flush();
    }


    static String eta(double s) {
        if (Double.isNaN(s) || Double.isInfinite(s)) return "--:--";
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, (t / 60) % 60, t % 60) : String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
    }
}
