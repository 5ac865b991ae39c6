package wb.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.imaging.ImageWriter;
import wb.imaging.Raster;
import wb.model.ModelBundle;

/** Drives the real command line: train, resume, evaluate and predict on a small generated dataset. */
class CliEndToEndTest {

    @TempDir static Path tmp;
    static Path data;

    record Result(int code, String out, String err) { }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** Class "tl": a bright square near the top-left; "br": near the bottom-right. Noisy 28x28 grey PNGs. */
    static Raster corner(boolean topLeft, SplittableRandom rng) {
        byte[] p = new byte[28 * 28];
        for (int i = 0; i < p.length; i++) p[i] = (byte) rng.nextInt(60);
        int o = topLeft ? 2 + rng.nextInt(4) : 16 + rng.nextInt(4);
        for (int y = o; y < o + 8; y++) for (int x = o; x < o + 8; x++) p[y * 28 + x] = (byte) (200 + rng.nextInt(55));
        return new Raster(28, 28, 1, p);
    }

    @BeforeAll
    static void makeDataset() throws Exception {
        data = tmp.resolve("corners");
        SplittableRandom rng = new SplittableRandom(3);
        for (String split : List.of("train", "valid")) {
            int n = split.equals("train") ? 96 : 24;
            for (String c : List.of("br", "tl")) {
                Path dir = Files.createDirectories(data.resolve(split).resolve(c));
                for (int i = 0; i < n; i++) ImageWriter.writePng(corner(c.equals("tl"), rng), dir.resolve(c + i + ".png"));
            }
        }
        Path test = Files.createDirectories(data.resolve("test"));
        StringBuilder sample = new StringBuilder("id,label\n");
        for (int id = 1; id <= 20; id++) {
            ImageWriter.writePng(corner(id % 2 == 0, rng), test.resolve(id + ".png"));
            sample.append(id).append(",br\n");
        }
        Files.writeString(data.resolve("sample_submission.csv"), sample);
        // A broken file must be reported and skipped, not crash or get a label.
        Files.writeString(data.resolve("train").resolve("tl").resolve("broken.png"), "not an image");
    }

    @Test
    void trainEvaluatePredictWorkflow() throws Exception {
        Path run = tmp.resolve("run");
        Result t = run("train", "--data", data.toString(), "--model", "fmnist-cnn", "--epochs", "2", "--batch-size", "16",
                "--out", run.toString(), "--augment", "none", "--seed", "1");
        assertEquals(0, t.code(), t.out() + t.err());
        assertTrue(t.err().contains("broken.png") && t.err().contains("not an image"), t.err());
        assertTrue(t.out().contains("MKLDNNConvHelper"), t.out());
        assertTrue(t.out().matches("(?s).*watched validation images: \\d+ of \\d+ right after epoch 2 \\(\\d+ after epoch 1\\).*"), t.out());
        for (String f : List.of("model.zip", "card.json", "metrics.csv", "config.json", "checkpoint/model.zip", "checkpoint/state.json")) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }
        assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size(), "header + 2 epochs");
        var hyper = ModelBundle.readCard(run).hyperparameters();
        assertEquals("NESTEROV", hyper.get("optimizer"), "options not given come from FMNIST-CNN's recipe: " + hyper);
        assertEquals(16, ((Number) hyper.get("batchSize")).intValue(), "options given win");

        Result resumed = run("train", "--data", data.toString(), "--model", "fmnist-cnn", "--epochs", "3", "--batch-size", "16",
                "--out", run.toString(), "--augment", "none", "--seed", "1", "--resume");
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertTrue(resumed.err().contains("resuming after epoch 2"), resumed.err());
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(4, metrics.size(), "resume appends epoch 3: " + metrics);
        assertTrue(metrics.get(3).startsWith("3,"), metrics.toString());
        var frames = wb.train.WatchCsvWriter.read(run.resolve(wb.train.WatchCsvWriter.FILE));
        assertEquals(List.of(1, 2, 3), frames.stream().map(wb.train.WatchFrame::epoch).toList(), "watch.csv: one frame per epoch, resume appends");
        assertEquals(frames.get(0).predictions().files(), frames.get(2).predictions().files(), "the same images every epoch");
        assertTrue(frames.get(0).predictions().size() >= 2, "at least one image per class");
        Result w = run("watch", "--run", run.toString(), "--rows", "2", "--tile", "32");
        assertEquals(0, w.code(), w.out() + w.err());
        assertTrue(w.out().contains("epoch 1: ") && w.out().contains("epoch 3: ") && !w.out().contains("epoch 2: "),
                "two rows: the first and the last epoch\n" + w.out());
        wb.imaging.Raster sheet = wb.imaging.ImageDecoder.decodeOrThrow(run.resolve("watch.png"), 3);
        int cols = frames.get(0).predictions().size();
        assertEquals(cols * 32 + (cols + 1) * 4, sheet.width(), "one column per watched image");
        Result none = run("watch", "--run", tmp.toString());
        assertEquals(2, none.code(), none.out() + none.err());
        assertTrue(none.err().contains("no watch.csv in"), none.err());

        Result e = run("evaluate", "--run", run.toString(), "--data", data.toString(), "--json");
        assertEquals(0, e.code(), e.out() + e.err());
        JsonNode ev = ModelBundle.json().readTree(e.out());
        assertTrue(ev.get("accuracy").asDouble() > 0.75, "beats chance clearly: " + ev);
        assertEquals(run.toAbsolutePath().toString(), ev.get("run").asText(), "the report says which model it is of");
        assertEquals(ModelBundle.readCard(run).modelName(), ev.get("model").asText());
        assertEquals("valid", ev.get("split").asText());
        for (String v : List.of("random_correct", "random_incorrect", "most_confident_correct", "most_confident_incorrect", "most_uncertain")) {
            assertTrue(Files.size(run.resolve("eval-valid").resolve(v + ".png")) > 0, v);
            assertTrue(Files.exists(run.resolve("eval-valid").resolve(v + ".csv")), v);
        }
        assertTrue(ModelBundle.readCard(run).metrics().containsKey("validAccuracy"));

        Result crops = run("evaluate", "--run", run.toString(), "--data", data.toString(), "--json", "--tta", "10-crop",
                "--out", tmp.resolve("eval-crops").toString());
        assertEquals(0, crops.code(), crops.out() + crops.err());
        JsonNode cv = ModelBundle.json().readTree(crops.out());
        assertTrue(cv.get("testTimeAugmentation").asText().startsWith("crop10 (10 views"), cv.toString());
        assertTrue(cv.get("accuracy").asDouble() > 0.75, "ten-crop predictions still beat chance clearly: " + cv);
        assertTrue(ModelBundle.readCard(run).metrics().containsKey("validTtaCrop10Accuracy"));

        // An ensemble of a model with itself predicts exactly what the model does.
        Result twice = run("evaluate", "--run", run.toString(), "--run", run.toString(), "--data", data.toString(), "--json");
        assertEquals(0, twice.code(), twice.out() + twice.err());
        JsonNode en = ModelBundle.json().readTree(twice.out());
        assertEquals(2, en.get("ensemble").size(), en.toString());
        assertEquals(ev.get("accuracy").asDouble(), en.get("accuracy").asDouble(), 1e-12);
        assertEquals(ev.get("logLoss").asDouble(), en.get("logLoss").asDouble(), 1e-5);
        assertTrue(Files.exists(run.resolve("eval-ensemble-valid").resolve("evaluation.json")));

        Path csv = tmp.resolve("submission.csv");
        Result p = run("predict", "--run", run.toString(), "--images", data.resolve("test").toString(), "--csv", csv.toString(),
                "--sample-submission", data.resolve("sample_submission.csv").toString(), "--tta", "flip", "--run", run.toString());
        assertEquals(0, p.code(), p.out() + p.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("id,label", rows.get(0));
        assertEquals(21, rows.size());
        assertTrue(rows.get(1).startsWith("1,") && rows.get(10).startsWith("10,"), "numeric id order: " + rows);
    }

    @Test
    void userErrorsAreOneLineWithoutStackTrace() {
        Result r = run("train", "--data", tmp.resolve("missing").toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());

        Result bad = run("train", "--data", data.toString(), "--out", tmp.resolve("y").toString(), "--model", "resnet51");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("unknown model 'resnet51'"), bad.err());

        Result lr = run("train", "--data", data.toString(), "--out", tmp.resolve("z").toString(), "--lr", "-1");
        assertEquals(2, lr.code());
        assertTrue(lr.err().contains("learning rate"), lr.err());
    }

    @Test
    void oneClassIsRefusedWithAReason() throws Exception {
        Path one = Files.createDirectories(tmp.resolve("one").resolve("cat"));
        ImageWriter.writePng(corner(true, new SplittableRandom(1)), one.resolve("a.png"));
        ImageWriter.writePng(corner(true, new SplittableRandom(2)), one.resolve("b.png"));
        Result r = run("train", "--data", tmp.resolve("one").toString(), "--out", tmp.resolve("one-run").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("at least 2 classes"), r.err());
    }

    @Test
    void aFolderWhereAVerbShouldBeSaysHowToOpenIt() {
        Result r = run(data.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is a folder: 'workbench open " + data + "'"), r.err());
        Result typo = run("inspekt");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("Did you mean: workbench inspect"), typo.err());
    }

    @Test
    void inspectJsonDescribesTheDataset() throws Exception {
        Result r = run("inspect", data.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = ModelBundle.json().readTree(r.out());
        assertEquals("FASTAI", j.get("layout").asText());
        assertEquals(2, j.get("classes").size());
        assertEquals(1, j.get("problems").size());
        assertEquals(1, j.get("channels").asInt());
    }

    @Test
    void weightAveragingIsSavedWithTheCheckpointAndResumes() throws Exception {
        Path run = tmp.resolve("run-ema");
        Result t = run("train", "--data", data.toString(), "--model", "fmnist-cnn", "--epochs", "1", "--batch-size", "16",
                "--out", run.toString(), "--augment", "none", "--seed", "1", "--ema", "0.99");
        assertEquals(0, t.code(), t.out() + t.err());
        assertEquals(0.99, ((Number) ModelBundle.readCard(run).hyperparameters().get("weightAverage")).doubleValue());
        assertTrue(Files.size(run.resolve("checkpoint").resolve("average.bin")) > 1000, "the optimizer's weights beside the checkpoint");
        Result resumed = run("train", "--data", data.toString(), "--model", "fmnist-cnn", "--epochs", "2", "--batch-size", "16",
                "--out", run.toString(), "--augment", "none", "--seed", "1", "--resume");
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size(), "header + 2 epochs");
        Result bad = run("train", "--data", data.toString(), "--out", tmp.resolve("run-ema-bad").toString(), "--ema", "1.5");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("weight averaging decay must be 0 (off) or in [0.5, 1)"), bad.err());
    }

    @Test
    void inspectReportsDuplicatesAcrossSplits() throws Exception {
        Path d = tmp.resolve("dups");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 0; i < 3; i++) {
            ImageWriter.writePng(corner(true, rng), d.resolve("train").resolve("tl").resolve(i + ".png"));
            ImageWriter.writePng(corner(false, rng), d.resolve("train").resolve("br").resolve(i + ".png"));
        }
        Files.createDirectories(d.resolve("valid").resolve("tl"));
        Files.copy(d.resolve("train").resolve("tl").resolve("1.png"), d.resolve("valid").resolve("tl").resolve("copy.png"));
        Result text = run("inspect", d.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Duplicates: 1 groups (2 images); 1 across splits"), text.out());
        assertTrue(text.out().contains(d.resolve("valid").resolve("tl").resolve("copy.png").toString()), text.out());
        JsonNode j = ModelBundle.json().readTree(run("inspect", d.toString(), "--json").out());
        assertEquals(1, j.get("duplicates").size());
        assertEquals("identical", j.get("duplicates").get(0).get("kind").asText());
        assertTrue(j.get("duplicates").get(0).get("acrossSplits").asBoolean());
        assertEquals("valid", j.get("duplicates").get(0).get("files").get(1).get("split").asText());
    }

    @Test
    void packWritesTheImagesAsUint8Hdf5() {
        Path h5 = tmp.resolve("packed.h5");
        Result r = run("pack", "--data", data.toString(), "--out", h5.toString(), "--size", "16");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("16x16x1 uint8"), r.out());
        assertTrue(r.err().contains("skipped") || r.err().contains("unusable") || r.err().contains("broken"), "the bad file is named: " + r.err());
        wb.dataset.io.ImagePack.Table t = wb.dataset.io.ImagePack.read(h5);
        assertEquals(16 * 16, t.pixels().get(0).length);
        assertEquals(2, t.labelNames().size());
        Result bad = run("pack", "--data", data.toString(), "--out", h5.toString(), "--channels", "2");
        assertNotEquals(0, bad.code());
        assertFalse(bad.err().contains("at wb."), "no stack trace: " + bad.err());
    }
}
