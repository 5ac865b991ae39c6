package wb.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

import wb.model.InputShape;
import wb.model.LrSchedule;
import wb.model.ModelRequest;
import wb.model.ModelZoo;
import wb.model.Networks;
import wb.model.Optimizer;

class TrainerTest {

    /** Two classes: a bright square in the top-left or bottom-right corner of a noisy 16x16 image. */
    static ArraySource corners(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            float[] img = new float[16 * 16];
            for (int p = 0; p < img.length; p++) img[p] = (float) rng.nextDouble() * 0.3f;
            y[i] = i % 2;
            int o = y[i] == 0 ? 1 : 9;
            for (int r = o; r < o + 6; r++) for (int c = o; c < o + 6; c++) img[r * 16 + c] = 1f;
            x[i] = img;
        }
        return new ArraySource(x, y, new int[] {1, 16, 16});
    }

    static ComputationGraph net(double lr) {
        return Networks.build(ModelZoo.standard().get("fmnist-cnn"), new ModelRequest(new InputShape(1, 16, 16), 2, 7, 0, 0.4, false),
                Networks.updater(Optimizer.ADAM, lr, 0.9));
    }

    @Test
    void convolutionRunsOnOneDnnHelper() {
        assertEquals("MKLDNNConvHelper", Networks.convolutionHelper(net(1e-3)),
                "DL4J's oneDNN path is off: check -Dorg.eclipse.deeplearning4j.helpers.disable=false and the Nd4jCpu shim");
    }

    @Test
    void learnsASimpleTaskAndReportsEventsInOrder() {
        List<String> events = new ArrayList<>();
        TrainingObserver obs = new TrainingObserver() {
            @Override public void onStart(RunStart s) { events.add("start"); }
            @Override public void onBatch(BatchMetrics b) { if (events.isEmpty() || !events.get(events.size() - 1).equals("batch")) events.add("batch"); }
            @Override public void onEpoch(EpochMetrics e) { events.add("epoch" + e.epoch()); }
            @Override public void onFinish(RunEnd e) { events.add("finish:" + e.status()); }
        };
        TrainerSettings s = new TrainerSettings(2, 32, 1e-3, LrSchedule.constant(), 0, 1, 200, 2);
        RunEnd end = new Trainer(s, obs, new TrainingControl(), (n, m, st) -> { })
                .fit(net(1e-3), "fmnist-cnn", corners(256, 1), corners(64, 2), 2, TrainerState.fresh());
        assertEquals(RunEnd.Status.COMPLETED, end.status(), end.message());
        assertTrue(end.message().startsWith("trained 2 epochs in "), end.message());
        assertEquals(List.of("start", "batch", "epoch1", "batch", "epoch2", "finish:COMPLETED"), events);
        assertTrue(end.bestValidAccuracy() > 0.9, "accuracy " + end.bestValidAccuracy());
    }

    @Test
    void closingMessagesCountEpochsInTheSingularAndThePlural() {
        assertEquals("1 epoch", Trainer.epochs(1));
        assertEquals("2 epochs", Trainer.epochs(2));
        assertEquals("0 epochs", Trainer.epochs(0));
    }

    @Test
    void hugeLearningRateStopsWithDivergenceMessage() {
        TrainerSettings s = new TrainerSettings(3, 32, 1e6, LrSchedule.constant(), 0, 1, 100, 1);
        ComputationGraph n = Networks.build(ModelZoo.standard().get("fmnist-cnn"), new ModelRequest(new InputShape(1, 16, 16), 2, 7, 0, 0.0, false),
                Networks.updater(Optimizer.SGD, 1e6, 0.9));
        RunEnd end = new Trainer(s, new TrainingObserver() { }, new TrainingControl(), (a, b, c) -> { })
                .fit(n, "fmnist-cnn", corners(256, 1), null, 2, TrainerState.fresh());
        assertEquals(RunEnd.Status.DIVERGED, end.status());
        assertTrue(end.message().contains("Lower the learning rate"), end.message());
    }

    @Test
    void stopIsHonouredBetweenBatches() {
        TrainingControl control = new TrainingControl();
        int[] batches = {0};
        TrainingObserver obs = new TrainingObserver() {
            @Override public void onBatch(BatchMetrics b) { if (++batches[0] == 3) control.stop(); }
        };
        RunEnd end = new Trainer(new TrainerSettings(5, 16, 1e-3, LrSchedule.constant(), 0, 1, 50, 1), obs, control, (a, b, c) -> { })
                .fit(net(1e-3), "fmnist-cnn", corners(256, 1), null, 2, TrainerState.fresh());
        assertEquals(RunEnd.Status.CANCELLED, end.status());
        assertEquals(3, batches[0]);
        assertEquals(0, end.epochsCompleted());
    }
}
