package wb.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.model.FineTuning;
import wb.model.HeadSpec;
import wb.model.ImageNetWeights;
import wb.model.InputShape;
import wb.model.LrSchedule;
import wb.model.ModelRequest;
import wb.model.ModelZoo;
import wb.model.Networks;
import wb.model.Optimizer;
import wb.model.PretrainedNetwork;
import wb.model.PretrainedWeights;

/**
 * The "done means": a network pretrained on one task, published as weights and loaded through the
 * same cache-and-checksum path a zoo download takes, then fine-tuned with a frozen body on another task with
 * few images, beats the same network trained from scratch on the same budget.
 */
class TransferLearningTest {

    static final InputShape GREY28 = new InputShape(1, 28, 28);

    static ComputationGraph lenet(int classes, long seed, double lr) {
        return Networks.build(ModelZoo.standard().get("lenet"), new ModelRequest(GREY28, classes, seed, 0, 0, false),
                Networks.updater(Optimizer.ADAM, lr, 0.9));
    }

    static double accuracy(ComputationGraph net, ArraySource test) {
        float[][] p = Predictor.predict(net, test, 128, Progress.NONE, Cancellation.NEVER);
        return Predictor.lossAndAccuracy(p, test, Trainer.range(test.size()))[1];
    }

    static RunEnd fit(ComputationGraph net, ArraySource train, int epochs, int batch) {
        return new Trainer(new TrainerSettings(epochs, batch, 1e-3, LrSchedule.constant(), 0, 5, 500, 1), new TrainingObserver() { },
                new TrainingControl(), (n, m, s) -> { }).fit(net, "lenet", train, null, 3, TrainerState.fresh());
    }

    @Test
    void pretrainedBodyFineTunedOnFewImagesBeatsTrainingFromScratch(@TempDir Path cache) throws Exception {
        // 1. Pretrain on task A (one oriented bar, 4 classes, plenty of images).
        ComputationGraph pre = lenet(4, 1, 1e-3);
        ArraySource a = Bars.taskA(1600, 10);
        RunEnd preEnd = new Trainer(new TrainerSettings(2, 32, 1e-3, LrSchedule.constant(), 0, 1, 400, 1), new TrainingObserver() { },
                new TrainingControl(), (n, m, s) -> { }).fit(pre, "lenet", a, null, 4, TrainerState.fresh());
        assertEquals(RunEnd.Status.COMPLETED, preEnd.status(), preEnd.message());
        double accA = accuracy(pre, Bars.taskA(400, 11));
        assertTrue(accA > 0.9, "pretraining learned task A: " + accA);

        // 2. Publish it as "pretrained weights" and load it through the zoo-download path (cache + checksum).
        PretrainedWeights pw = new PretrainedWeights(cache, Duration.ofSeconds(1), Duration.ofSeconds(1));
        ImageNetWeights published = new ImageNetWeights("lenet-bars", "http://127.0.0.1:9/models/lenet-bars_dl4j_inference.zip", 0,
                GREY28, new float[] {0}, new float[] {1}, "[0,1]");
        Path file = pw.cachedFile(published);
        Files.createDirectories(file.getParent());
        ModelSerializer.writeModel(pre, file.toFile(), false);
        published = new ImageNetWeights(published.modelId(), published.url(), PretrainedWeights.adler32(file), published.input(),
                published.mean(), published.std(), published.normalisation());
        PretrainedNetwork loaded = pw.load(published, Progress.NONE, Cancellation.NEVER);

        // 3. Task B (pairs of bars, 3 classes): few training images, same small budget for both networks.
        ArraySource bTrain = Bars.taskB(36, 20);
        ArraySource bTest = Bars.taskB(600, 21);
        int epochs = 12;
        int batch = 12;
        ComputationGraph tuned = FineTuning.withNewHead(loaded.network(), GREY28, "pool4", 3, HeadSpec.defaults(), "pool4",
                Networks.updater(Optimizer.ADAM, 1e-3, 0.9), 7);
        assertEquals(4, FineTuning.frozenLayers(tuned).size());
        assertEquals(RunEnd.Status.COMPLETED, fit(tuned, bTrain, epochs, batch).status());
        ComputationGraph scratch = lenet(3, 7, 1e-3);
        assertEquals(RunEnd.Status.COMPLETED, fit(scratch, bTrain, epochs, batch).status());

        double accTuned = accuracy(tuned, bTest);
        double accScratch = accuracy(scratch, bTest);
        System.out.printf("task A %.3f; task B: fine-tuned %.3f, from scratch %.3f%n", accA, accTuned, accScratch);
        // Calibrated over seeds 20/30/40: fine-tuned 0.82-0.86, scratch 0.62-0.65; the margin leaves room for noise.
        assertTrue(accTuned >= accScratch + 0.10, "fine-tuned " + accTuned + " vs scratch " + accScratch);
        assertTrue(accTuned > 0.75, "fine-tuned accuracy " + accTuned);
    }
}
