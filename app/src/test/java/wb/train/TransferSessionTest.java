package wb.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.augment.AugmentConfig;
import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.UserException;
import wb.dataset.Dataset;
import wb.dataset.DatasetScanner;
import wb.dataset.Split;
import wb.dataset.io.FeatureFile;
import wb.dataset.io.FeatureTable;
import wb.evaluate.Evaluation;
import wb.evaluate.Predictions;
import wb.imaging.ResizePolicy;
import wb.model.FineTuning;
import wb.model.InitWeights;
import wb.model.LrSchedule;
import wb.model.ModelBundle;
import wb.model.ModelCard;
import wb.model.Optimizer;
import wb.model.TrainedModel;

/**
 * Transfer learning through the shared entry points, on PNG files: a two-phase training run from a weights
 * file, feature caching to HDF5 with cache invalidation, and head training on cached features.
 */
class TransferSessionTest {

    @TempDir static Path tmp;
    static Path weights;
    static Dataset data;

    @BeforeAll
    static void pretrainAndWriteTaskB() throws Exception {
        ComputationGraph pre = TransferLearningTest.lenet(4, 1, 1e-3);
        new Trainer(new TrainerSettings(2, 32, 1e-3, LrSchedule.constant(), 0, 1, 400, 1), new TrainingObserver() { },
                new TrainingControl(), (n, m, s) -> { }).fit(pre, "lenet", Bars.taskA(1600, 10), null, 4, TrainerState.fresh());
        weights = tmp.resolve("lenet-bars.zip");
        ModelSerializer.writeModel(pre, weights.toFile(), false);
        Bars.writeTaskB(tmp.resolve("bars"), 20, 10, 5);
        data = DatasetScanner.scan(tmp.resolve("bars"), Progress.NONE, Cancellation.NEVER);
    }

    static TrainConfig config(int epochs, TransferConfig t) {
        return new TrainConfig("lenet", epochs, 12, Optimizer.ADAM, 1e-3, 0.9, LrSchedule.constant(), 0, null, false, 0, 3,
                AugmentConfig.none(), ResizePolicy.SQUASH, null, 0.2).withTransfer(t);
    }

    @Test
    void twoPhaseRunWarmsUpTheHeadThenFineTunesWithALowerRate() throws Exception {
        Path run = tmp.resolve("two-phase");
        TransferConfig t = new TransferConfig(InitWeights.file(weights), null, null, 64, 0.5, false, 1, "conv3", 0.1);
        List<String> events = new ArrayList<>();
        List<EpochMetrics> epochs = new ArrayList<>();
        TrainingObserver obs = new TrainingObserver() {
            @Override public void onStart(RunStart s) { events.add("start@" + s.firstEpoch()); }
            @Override public void onPhase(String name, int first) { events.add(name + "@" + first); }
            @Override public void onEpoch(EpochMetrics e) { events.add("epoch" + e.epoch()); epochs.add(e); }
            @Override public void onFinish(RunEnd e) { events.add("finish"); }
        };
        TrainingSession.Outcome o = TrainingSession.run(data, 1, config(3, t), run, false, obs, new TrainingControl(), Progress.NONE);
        assertEquals(RunEnd.Status.COMPLETED, o.end().status(), o.end().message());
        assertEquals(List.of("start@1", "head@1", "epoch1", "fine-tune@2", "epoch2", "epoch3", "finish"), events);
        assertEquals(1e-3, epochs.get(0).learningRate(), 1e-12);
        assertEquals(1e-4, epochs.get(1).learningRate(), 1e-12, "fine-tune phase runs at 0.1x");
        assertEquals(List.of(new PhasesCsvWriter.Mark(1, "head"), new PhasesCsvWriter.Mark(2, "fine-tune")), PhasesCsvWriter.read(run.resolve("phases.csv")));
        assertEquals(3, MetricsCsvWriter.read(run.resolve("metrics.csv")).size(), "metrics.csv unchanged in format");
        TrainConfig saved = TrainingSession.readSettings(run);
        assertEquals(config(3, t), saved, "settings.json holds the exact settings, transfer and weights file included");
        assertEquals("it already trained all its 3 epochs", TrainingSession.whyNotContinuable(run, 3));
        assertNull(TrainingSession.whyNotContinuable(run, 2));

        ModelCard card = o.card();
        assertTrue(card.initialisedFrom().startsWith("file: " + weights.toAbsolutePath()), card.initialisedFrom());
        assertEquals("pool4", card.hyperparameters().get("featureLayer"));
        assertTrue(o.notes().stream().anyMatch(n -> n.contains("frozen up to and including pool4")), o.notes().toString());
        TrainedModel last = ModelBundle.load(run.resolve("checkpoint"), true);
        assertEquals(List.of("conv1", "pool2"), FineTuning.frozenLayers(last.network()), "phase 2 trains from conv3 on");
        assertEquals(3, last.network().getLayer("head_output").getParam("W").size(1));

        // Resuming inside phase 2 keeps its freeze point and does not record the phase twice.
        TrainingSession.Outcome r = TrainingSession.run(data, 1, config(4, t), run, true, new TrainingObserver() { }, new TrainingControl(), Progress.NONE);
        assertEquals(RunEnd.Status.COMPLETED, r.end().status(), r.end().message());
        assertEquals(2, PhasesCsvWriter.read(run.resolve("phases.csv")).size());
        assertEquals(4, MetricsCsvWriter.read(run.resolve("metrics.csv")).size());
        assertEquals(List.of("conv1", "pool2"), FineTuning.frozenLayers(ModelBundle.load(run.resolve("checkpoint"), false).network()));
        assertEquals(card.initialisedFrom(), ModelBundle.readCard(run.resolve("checkpoint")).initialisedFrom());
    }

    @Test
    void previewShowsTheLayersAndWhatEachPhaseFreezes() {
        TransferPreview.Table zoo = TransferPreview.layers("lenet", null, null, 3, Progress.NONE, Cancellation.NEVER);
        assertEquals("pool4", zoo.defaultFeatureLayer());
        assertEquals(List.of("conv1", "pool2", "conv3", "pool4", "dense5", "output"), zoo.layers().stream().map(wb.model.LayerInfo::name).toList());
        TransferConfig t = new TransferConfig(InitWeights.file(weights), null, null, 64, 0.5, false, 1, "conv3", 0.1);
        TransferPreview.Table after = TransferPreview.afterSurgery("lenet", t, null, 3, Progress.NONE, Cancellation.NEVER);
        assertEquals(List.of("conv1", "pool2", "conv3", "pool4", "head_dense", "head_output"), after.layers().stream().map(wb.model.LayerInfo::name).toList());
        assertEquals(List.of(true, true, true, true, false, false), after.layers().stream().map(wb.model.LayerInfo::frozen).toList());
        assertEquals(800 * 64 + 64 + 64 * 3 + 3, after.trainableParameters());
        assertEquals(List.of("conv1", "pool2"), after.fineTuneFrozen());
        assertEquals(new wb.model.InputShape(1, 28, 28), after.input());
    }

    @Test
    void badTransferSettingsFailBeforeTraining() {
        TransferConfig later = new TransferConfig(InitWeights.file(weights), null, "conv3", 64, 0.5, false, 1, "pool4", 0.1);
        UserException e = assertThrows(UserException.class, () -> TrainingSession.run(data, 1, config(3, later), tmp.resolve("bad1"), false,
                new TrainingObserver() { }, new TrainingControl(), Progress.NONE));
        assertTrue(e.getMessage().contains("comes after the freeze point"), e.getMessage());
        TransferConfig unknown = new TransferConfig(InitWeights.file(weights), "block5_pool", null, 64, 0.5, false, 0, null, 0.1);
        UserException e2 = assertThrows(UserException.class, () -> TrainingSession.run(data, 1, config(2, unknown), tmp.resolve("bad2"), false,
                new TrainingObserver() { }, new TrainingControl(), Progress.NONE));
        assertTrue(e2.getMessage().contains("no layer named 'block5_pool'"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config(2, new TransferConfig(InitWeights.file(weights), null, null, 64, 0.5, false, 2, "conv3", 0.1)),
                "warm-up must leave epochs for fine-tuning");
        assertThrows(IllegalArgumentException.class, () -> new TransferConfig(InitWeights.none(), null, null, 64, 0.5, false, 0, null, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new TransferConfig(InitWeights.file(weights), null, null, 64, 0.5, false, 1, null, 0.1));
    }

    @Test
    void featuresAreCachedInHdf5AndReusedOnlyWhileNothingChanged() throws Exception {
        Path out = tmp.resolve("cache").resolve("bars-pool4.h5");
        FeatureRequest req = FeatureRequest.fromModel("lenet", InitWeights.file(weights), null);
        FeatureExtraction.Result first = FeatureExtraction.extract(req, data, out, Progress.NONE, Cancellation.NEVER);
        assertFalse(first.reused());
        assertEquals("pool4", first.layer());
        assertEquals(90, first.examples());
        assertEquals(800, first.featureSize());

        FeatureTable t = FeatureFile.read(out);
        assertEquals(List.of("hd", "hv", "xd"), t.labelNames());
        assertEquals(60, t.labelledRows(FeatureTable.TRAIN).length);
        assertEquals(30, t.labelledRows(FeatureTable.VALID).length);
        ArraySource trainRows = CachedFeatures.read(out, Split.TRAIN);
        assertEquals(60, trainRows.size());
        assertArrayEquals(new int[] {800}, trainRows.shape());
        assertEquals(90, CachedFeatures.read(out, null).size());
        assertTrue(t.paths().get(0).startsWith("train/hd/"), t.paths().get(0));
        assertEquals("lenet", t.meta().modelId());
        assertTrue(t.meta().weights().contains(weights.getFileName().toString()));
        // Features are exactly the frozen body's output for the image, preprocessed as the file says.
        Backbone b = Backbone.fromWeights("lenet", InitWeights.file(weights), null, ResizePolicy.SQUASH, in -> new float[][] {t.meta().mean(), t.meta().std()},
                Progress.NONE, Cancellation.NEVER);
        ImageSource one = new ImageSource(List.of(data.root().resolve(t.paths().get(5))), new int[] {0}, b.preprocessing(), null, 0);
        float[] expected = Predictor.activations(FineTuning.body(b.network(), b.input(), "pool4"), one, 1, Progress.NONE, Cancellation.NEVER)[0];
        assertArrayEquals(expected, t.features()[5], 1e-5f);

        FeatureExtraction.Result again = FeatureExtraction.extract(req, data, out, Progress.NONE, Cancellation.NEVER);
        assertTrue(again.reused(), again.note());
        assertEquals(first.cacheKey(), again.cacheKey());

        FeatureExtraction.Result otherLayer = FeatureExtraction.extract(FeatureRequest.fromModel("lenet", InitWeights.file(weights), "conv3"),
                data, out, Progress.NONE, Cancellation.NEVER);
        assertFalse(otherLayer.reused());
        assertTrue(otherLayer.note().contains("the layer changed (pool4 -> conv3)"), otherLayer.note());
        assertEquals(50 * 8 * 8, FeatureFile.readMeta(out).featureSize());

        FeatureExtraction.extract(req, data, out, Progress.NONE, Cancellation.NEVER);
        Path image = data.root().resolve(t.paths().get(0));
        Files.setLastModifiedTime(image, FileTime.fromMillis(Files.getLastModifiedTime(image).toMillis() + 5000));
        Dataset rescanned = DatasetScanner.scan(data.root(), Progress.NONE, Cancellation.NEVER);
        FeatureExtraction.Result touched = FeatureExtraction.extract(req, rescanned, out, Progress.NONE, Cancellation.NEVER);
        assertTrue(touched.note().contains("the images changed"), touched.note());

        Path otherWeights = tmp.resolve("other-weights.zip");
        ModelSerializer.writeModel(TransferLearningTest.lenet(4, 99, 1e-3), otherWeights.toFile(), false);
        FeatureExtraction.Result reweighted = FeatureExtraction.extract(FeatureRequest.fromModel("lenet", InitWeights.file(otherWeights), null),
                rescanned, out, Progress.NONE, Cancellation.NEVER);
        assertTrue(reweighted.note().contains("the weights changed"), reweighted.note());

        FeatureExtraction.Result resized = FeatureExtraction.extract(new FeatureRequest(null, "lenet", InitWeights.file(otherWeights), 32,
                ResizePolicy.SQUASH, null, 32, false), rescanned, out, Progress.NONE, Cancellation.NEVER);
        assertTrue(resized.note().contains("the preprocessing changed"), resized.note());

        Path notOurs = Files.writeString(tmp.resolve("notes.h5"), "x");
        assertThrows(UserException.class, () -> FeatureExtraction.extract(req, data, notOurs, Progress.NONE, Cancellation.NEVER));
        assertEquals("x", Files.readString(notOurs), "a file that is not a feature cache is never overwritten");
    }

    @Test
    void headTrainedOnCachedFeaturesBecomesAModelThatPredictsImagesTheSameWay() throws Exception {
        Path features = tmp.resolve("head").resolve("features.h5");
        FeatureExtraction.extract(FeatureRequest.fromModel("lenet", InitWeights.file(weights), null), data, features, Progress.NONE, Cancellation.NEVER);
        Path run = tmp.resolve("head").resolve("run");
        HeadTraining.Config cfg = new HeadTraining.Config(wb.model.HeadSpec.defaults(), 15, 12, Optimizer.ADAM, 1e-3, LrSchedule.constant(), 0, 4, 0.2);
        HeadTraining.Outcome o = HeadTraining.run(features, null, cfg, run, new TrainingObserver() { }, new TrainingControl(), Progress.NONE, Cancellation.NEVER);
        assertEquals(RunEnd.Status.COMPLETED, o.end().status(), o.end().message());
        double headAccuracy = ((Number) o.card().metrics().get("validAccuracy")).doubleValue();
        assertTrue(headAccuracy > 0.6, "3 classes, chance is 0.33: " + headAccuracy);
        assertEquals(List.of("hd", "hv", "xd"), o.card().labels());
        assertTrue(o.card().initialisedFrom().contains(weights.getFileName().toString()));
        for (String f : List.of("model.zip", "card.json", "metrics.csv", "config.json")) assertTrue(Files.exists(run.resolve(f)), f);

        // The assembled bundle predicts on image files exactly as the head did on the cached features.
        List<String> skipped = new ArrayList<>();
        Predictions p = Classifier.load(run).predict(data, Split.VALID, skipped, Progress.NONE, Cancellation.NEVER);
        assertEquals(headAccuracy, Evaluation.of(p).accuracy(), 1e-9);
        assertEquals(List.of("conv1", "pool2", "conv3", "pool4"), FineTuning.frozenLayers(ModelBundle.load(run, false).network()));

        // The book's linear baseline on the same features.
        Path logRun = tmp.resolve("head").resolve("logistic");
        HeadTraining.Outcome lr = HeadTraining.run(features, null, HeadTraining.Config.logistic(1e-4), logRun, new TrainingObserver() { },
                new TrainingControl(), Progress.NONE, Cancellation.NEVER);
        assertEquals(RunEnd.Status.COMPLETED, lr.end().status(), lr.end().message());
        assertTrue(lr.notes().stream().anyMatch(n -> n.startsWith("logistic regression on pool4 features: best validation accuracy")), lr.notes().toString());
        assertEquals(0, ModelBundle.load(logRun, false).network().getConfiguration().getVertices().keySet().stream()
                .filter(n -> n.equals("head_dense")).count(), "softmax regression: no hidden layer");
        assertTrue(((Number) lr.card().metrics().get("validAccuracy")).doubleValue() > 0.4);
    }
}
