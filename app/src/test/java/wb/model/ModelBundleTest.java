package wb.model;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import wb.common.UserException;
import wb.imaging.ResizePolicy;

class ModelBundleTest {

    static ModelCard card(List<String> labels) {
        return new ModelCard(ModelCard.FORMAT_VERSION, "lenet", "LeNet", labels, 1, 28, 28, ResizePolicy.SQUASH.name(),
                new float[] {0.3f}, new float[] {0.25f}, Map.of("epochs", 1), Map.of(), Map.of("validAccuracy", 0.5), "/data", "FASTAI",
                "sha256:00", Map.of("a", 1), 42, 10, 1, 1, null, ModelCard.currentVersions(), "2026-11-22T00:00:00Z");
    }

    @Test
    void saveThenLoadGivesTheSameProbabilitiesAndCard(@TempDir Path dir) throws Exception {
        ComputationGraph net = Networks.build(ModelZoo.standard().get("lenet"), new ModelRequest(new InputShape(1, 28, 28), 3, 5, 1e-4, 0, false),
                Networks.updater(Optimizer.ADAM, 1e-3, 0.9));
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 1, 28, 28);
        INDArray before = net.outputSingle(x).dup();
        ModelCard card = card(List.of("a", "b", "c"));
        ModelBundle.save(new TrainedModel(net, card), dir, false);
        TrainedModel loaded = ModelBundle.load(dir, false);
        assertEquals(before, loaded.network().outputSingle(x));
        assertEquals(card.labels(), loaded.card().labels());
        assertEquals(card.preprocessing(), loaded.preprocessing());
        assertEquals("sha256:00", loaded.card().datasetFingerprint());
        assertEquals("RGB", loaded.card().channelOrder());
        try (var s = Files.list(dir)) {
            assertEquals(List.of("card.json", "model.zip"), s.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
    }

    @Test
    void checkpointsKeepWeightsAndOptimizerStateExactlyInDl4jsFormat(@TempDir Path dir) throws Exception {
        ComputationGraph net = Networks.build(ModelZoo.standard().get("lenet"), new ModelRequest(new InputShape(1, 28, 28), 3, 5, 1e-4, 0, false),
                Networks.updater(Optimizer.ADAM, 1e-3, 0.9));
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 1, 28, 28);
        net.fit(new org.nd4j.linalg.dataset.DataSet(x, Nd4j.eye(3).getRows(0, 1, 2, 0, 1, 2, 0, 1)));
        ModelBundle.save(new TrainedModel(net, card(List.of("a", "b", "c"))), dir, true);

        Path zip = dir.resolve(ModelBundle.NETWORK_FILE);
        ComputationGraph back = org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(zip.toFile(), true);
        assertEquals(net.params(), back.params(), "weights");
        assertEquals(net.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray(), "optimizer state");
        assertEquals(net.getConfiguration().toJson(), back.getConfiguration().toJson(), "configuration");
        assertEquals(net.outputSingle(x), back.outputSingle(x));
        try (var z = new java.util.zip.ZipFile(zip.toFile())) {
            assertEquals(List.of("configuration.json", "coefficients.bin", "updaterState.bin"),
                    z.stream().map(java.util.zip.ZipEntry::getName).toList(), "ModelSerializer's entries");
            var weights = z.getEntry("coefficients.bin");
            assertTrue(weights.getCompressedSize() >= weights.getSize(), "stored, not deflated: " + weights.getCompressedSize() + " of " + weights.getSize());
        }
    }

    @Test
    void theChannelOrderTravelsWithTheCardAndOldCardsReadAsRgb(@TempDir Path dir) throws Exception {
        ModelCard rgb = card(List.of("a", "b"));
        ModelCard bgr = new ModelCard(rgb.formatVersion(), "vgg16", "VGG16", rgb.labels(), 3, 224, 224, "SQUASH", new float[] {0.4f, 0.45f, 0.48f},
                new float[] {1 / 255f, 1 / 255f, 1 / 255f}, rgb.hyperparameters(), rgb.augmentation(), rgb.metrics(), rgb.datasetRoot(),
                rgb.datasetLayout(), rgb.datasetFingerprint(), rgb.trainCounts(), 1, 10, 1, 1, "imagenet", rgb.versions(), rgb.createdAt(), "BGR");
        ModelBundle.writeCard(bgr, dir);
        ModelCard back = ModelBundle.readCard(dir);
        assertEquals(Preprocessing.ChannelOrder.BGR, back.preprocessing().channelOrder());
        assertEquals(bgr.preprocessing(), back.preprocessing());
        assertEquals("BGR", back.withMetrics(Map.of("x", 1)).channelOrder());

        String old = Files.readString(dir.resolve(ModelBundle.CARD_FILE)).replaceAll(",\\s*\"channelOrder\"\\s*:\\s*\"BGR\"", "");
        assertFalse(old.contains("channelOrder"), old);
        Files.writeString(dir.resolve(ModelBundle.CARD_FILE), old);
        assertEquals(Preprocessing.ChannelOrder.RGB, ModelBundle.readCard(dir).preprocessing().channelOrder(), "a card from before channelOrder");
    }

    @Test
    void mismatchedLabelsAreRefused(@TempDir Path dir) throws Exception {
        ComputationGraph net = Networks.build(ModelZoo.standard().get("shallownet"), new ModelRequest(new InputShape(1, 16, 16), 3, 5, 0, 0, false),
                Networks.updater(Optimizer.SGD, 0.1, 0.9));
        ModelBundle.save(new TrainedModel(net, card(List.of("a", "b"))), dir, false);
        UserException e = assertThrows(UserException.class, () -> ModelBundle.load(dir, false));
        assertTrue(e.getMessage().contains("does not match the 2 labels"), e.getMessage());
    }

    @Test
    void missingCardIsAClearError(@TempDir Path dir) {
        UserException e = assertThrows(UserException.class, () -> ModelBundle.load(dir, false));
        assertTrue(e.getMessage().contains("card.json is missing"), e.getMessage());
    }
}
