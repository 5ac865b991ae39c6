package wb.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.model.InputShape;
import wb.model.LrSchedule;
import wb.model.ModelBundle;
import wb.model.ModelRequest;
import wb.model.ModelZoo;
import wb.model.Networks;
import wb.model.Optimizer;
import wb.train.Bars;
import wb.train.Trainer;
import wb.train.TrainerSettings;
import wb.train.TrainerState;
import wb.train.TrainingControl;
import wb.train.TrainingObserver;

/** The transfer-learning verbs end to end: layers, two-phase train, extract-features, train-head, errors, help. */
class TransferCliTest {

    @TempDir static Path tmp;
    static Path weights;
    static Path data;

    static CliEndToEndTest.Result run(String... args) {
        return CliEndToEndTest.run(args);
    }

    @BeforeAll
    static void pretrainedWeightsAndDataset() throws Exception {
        ComputationGraph pre = Networks.build(ModelZoo.standard().get("lenet"), new ModelRequest(new InputShape(1, 28, 28), 4, 1, 0, 0, false),
                Networks.updater(Optimizer.ADAM, 1e-3, 0.9));
        new Trainer(new TrainerSettings(2, 32, 1e-3, LrSchedule.constant(), 0, 1, 200, 1), new TrainingObserver() { }, new TrainingControl(),
                (n, m, s) -> { }).fit(pre, "lenet", Bars.taskA(1200, 10), null, 4, TrainerState.fresh());
        weights = tmp.resolve("lenet-bars.zip");
        ModelSerializer.writeModel(pre, weights.toFile(), false);
        data = tmp.resolve("bars");
        Bars.writeTaskB(data, 20, 10, 5);
    }

    @Test
    void layersTwoPhaseTrainingFeaturesAndHeads() throws Exception {
        CliEndToEndTest.Result layers = run("models", "--layers", "lenet", "--weights", weights.toString());
        assertEquals(0, layers.code(), layers.err());
        assertTrue(layers.out().contains("pool4") && layers.out().contains("<- default feature layer"), layers.out());

        Path runDir = tmp.resolve("tuned");
        CliEndToEndTest.Result t = run("train", "--data", data.toString(), "--model", "lenet", "--init-weights", weights.toString(),
                "--warmup-epochs", "1", "--unfreeze-to", "conv3", "--epochs", "2", "--batch-size", "12", "--head-units", "64",
                "--augment", "none", "--out", runDir.toString());
        assertEquals(0, t.code(), t.out() + t.err());
        assertTrue(t.out().contains("-- phase head from epoch 1") && t.out().contains("-- phase fine-tune from epoch 2"), t.out());
        assertTrue(t.out().contains("MKLDNNConvHelper"), "frozen convolutions keep the oneDNN helper: " + t.out());
        assertTrue(t.err().contains("note: initialised from file: "), t.err());
        assertEquals(List.of("first_epoch,phase", "1,head", "2,fine-tune"), Files.readAllLines(runDir.resolve("phases.csv")));
        assertTrue(ModelBundle.readCard(runDir).initialisedFrom().contains("lenet-bars.zip"));

        Path features = tmp.resolve("bars.h5");
        CliEndToEndTest.Result x = run("extract-features", "--model", "lenet", "--weights", weights.toString(), "--data", data.toString(),
                "--out", features.toString());
        assertEquals(0, x.code(), x.out() + x.err());
        assertTrue(x.out().contains("90 images x 800 features from layer pool4 (extracted)"), x.out());
        CliEndToEndTest.Result again = run("extract-features", "--model", "lenet", "--weights", weights.toString(), "--data", data.toString(),
                "--out", features.toString());
        assertTrue(again.out().contains("is up to date"), again.out());

        Path head = tmp.resolve("head");
        CliEndToEndTest.Result h = run("train-head", "--features", features.toString(), "--out", head.toString(), "--epochs", "8",
                "--batch-size", "12");
        assertEquals(0, h.code(), h.out() + h.err());
        assertTrue(h.out().contains("model saved to"), h.out());
        CliEndToEndTest.Result ev = run("evaluate", "--run", head.toString(), "--data", data.toString(), "--json");
        assertEquals(0, ev.code(), ev.err());
        JsonNode j = ModelBundle.json().readTree(ev.out());
        assertTrue(j.get("accuracy").asDouble() > 0.5, "beats chance (0.33) clearly: " + j);

        CliEndToEndTest.Result lr = run("train-head", "--features", features.toString(), "--out", tmp.resolve("logistic").toString(),
                "--logistic", "--epochs", "8", "--batch-size", "12");
        assertEquals(0, lr.code(), lr.out() + lr.err());
        assertTrue(lr.err().contains("logistic regression on pool4 features: best validation accuracy"), lr.err());

        // Features of another extractor cannot validate this head.
        Path runFeatures = tmp.resolve("run-features.h5");
        assertEquals(0, run("extract-features", "--run", runDir.toString(), "--layer", "pool4", "--data", data.toString(),
                "--out", runFeatures.toString()).code());
        CliEndToEndTest.Result mixed = run("train-head", "--features", features.toString(), "--valid-features", runFeatures.toString(),
                "--out", tmp.resolve("mixed").toString());
        assertEquals(2, mixed.code(), mixed.err());
        assertTrue(mixed.err().contains("features of another extractor"), mixed.err());
    }

    @Test
    void transferMistakesAreOneLineErrors() throws Exception {
        CliEndToEndTest.Result noWeights = run("train", "--data", data.toString(), "--model", "lenet", "--freeze-to", "conv3",
                "--out", tmp.resolve("e1").toString());
        assertEquals(2, noWeights.code());
        assertTrue(noWeights.err().contains("--freeze-to needs --init-weights"), noWeights.err());

        CliEndToEndTest.Result noImagenet = run("train", "--data", data.toString(), "--model", "lenet", "--init-weights", "imagenet",
                "--out", tmp.resolve("e2").toString());
        assertEquals(2, noImagenet.code());
        assertTrue(noImagenet.err().contains("LeNet has no published ImageNet weights"), noImagenet.err());
        assertFalse(noImagenet.err().contains("\tat "), noImagenet.err());

        // ImageNet weights are read from the cache (-Dwb.weights) and checked before use: a damaged file is reported, not loaded.
        Path cache = tmp.resolve("weights-cache");
        String old = System.getProperty("wb.weights");
        try {
            System.setProperty("wb.weights", cache.toString());
            Path damaged = cache.resolve("squeezenet").resolve("squeezenet_dl4j_inference.v2.zip");
            Files.createDirectories(damaged.getParent());
            Files.writeString(damaged, "half a download");
            CliEndToEndTest.Result bad = run("train", "--data", data.toString(), "--model", "squeezenet", "--init-weights", "imagenet",
                    "--out", tmp.resolve("e5").toString());
            assertEquals(2, bad.code(), bad.err());
            assertTrue(bad.err().contains("fails its checksum") && bad.err().contains(damaged.toString()), bad.err());
        } finally {
            if (old == null) System.clearProperty("wb.weights");
            else System.setProperty("wb.weights", old);
        }

        CliEndToEndTest.Result notAModel = run("extract-features", "--model", "lenet", "--weights", data.resolve("train/hd/0.png").toString(),
                "--data", data.toString(), "--out", tmp.resolve("e3.h5").toString());
        assertEquals(2, notAModel.code());
        assertTrue(notAModel.err().contains("is not a model file"), notAModel.err());

        CliEndToEndTest.Result both = run("extract-features", "--model", "lenet", "--run", tmp.toString(), "--data", data.toString(),
                "--out", tmp.resolve("e4.h5").toString());
        assertEquals(2, both.code());
    }

    @Test
    void everyTransferOptionIsDocumentedWithItsDefault() {
        // Help text wraps at 80 columns: compare with runs of whitespace collapsed.
        String train = run("train", "--help").out().replaceAll("\\s+", " ");
        for (String s : List.of("--init-weights", "default: none", "--feature-layer", "--freeze-to", "--warmup-epochs", "--unfreeze-to",
                "--finetune-lr-factor", "default: 0.1", "--head-units", "default: 256", "--head-dropout", "default: 0.5", "--head-batch-norm")) {
            assertTrue(train.contains(s), s + " in:\n" + train);
        }
        String extract = run("extract-features", "--help").out().replaceAll("\\s+", " ");
        for (String s : List.of("--run", "--model", "--weights", "default: imagenet", "--layer", "--out", "--force", "default: 64")) {
            assertTrue(extract.contains(s), s + " in:\n" + extract);
        }
        String head = run("train-head", "--help").out().replaceAll("\\s+", " ");
        for (String s : List.of("--features", "--valid-features", "--logistic", "--l2", "or 0.0001 with --logistic", "default: 20")) {
            assertTrue(head.contains(s), s + " in:\n" + head);
        }
        String main = run("--help").out();
        assertTrue(main.contains("extract-features") && main.contains("train-head"), main);
    }
}
