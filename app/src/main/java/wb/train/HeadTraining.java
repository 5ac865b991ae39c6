package wb.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import wb.common.AtomicFiles;
import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.Seeds;
import wb.common.UserException;
import wb.dataset.ImageItem;
import wb.dataset.Split;
import wb.dataset.Splitter;
import wb.dataset.io.FeatureFile;
import wb.dataset.io.FeatureMeta;
import wb.dataset.io.FeatureTable;
import wb.model.FineTuning;
import wb.model.HeadSpec;
import wb.model.LrSchedule;
import wb.model.ModelBundle;
import wb.model.ModelCard;
import wb.model.Networks;
import wb.model.Optimizer;
import wb.model.TrainedModel;

/**
 * Trains a classifier head on cached features (seconds per epoch instead of a full pass through the body),
 * with the same {@link Trainer}, then puts the best head back on its body and saves an ordinary model
 * bundle that predicts on images. With {@link HeadSpec#logistic} this is the computer-vision book's
 * "features + logistic regression" baseline (softmax regression with L2).
 */
public final class HeadTraining {
    private HeadTraining() { }

    /**
     * Settings of a head-training run.
     *
     * @param validFraction held out (stratified) from the training rows when there are no validation rows
     */
    public record Config(HeadSpec head, int epochs, int batchSize, Optimizer optimizer, double learningRate, LrSchedule schedule,
                         int patience, long seed, double validFraction) {
        public Config {
            if (head == null) throw new IllegalArgumentException("head is required");
            if (epochs < 1 || epochs > 10_000) throw new IllegalArgumentException("epochs must be 1..10000, not " + epochs);
            if (batchSize < 1 || batchSize > 65_536) throw new IllegalArgumentException("batch size must be 1..65536, not " + batchSize);
            if (!(learningRate > 0 && learningRate < 100)) throw new IllegalArgumentException("learning rate must be > 0, e.g. 0.001");
            if (patience < 0) throw new IllegalArgumentException("patience must be >= 0 (0 turns early stopping off)");
            if (validFraction <= 0 || validFraction >= 0.9) throw new IllegalArgumentException("validation fraction must be in (0, 0.9)");
            if (optimizer == null) optimizer = Optimizer.ADAM;
            if (schedule == null) schedule = LrSchedule.constant();
        }

        /** Dense 256 + dropout 0.5 head, Adam 1e-3, 20 epochs, batch 64, cosine decay. */
        public static Config defaults() {
            return new Config(HeadSpec.defaults(), 20, 64, Optimizer.ADAM, 1e-3, LrSchedule.cosine(), 0, 42, 0.2);
        }

        /** Softmax regression with L2 {@code l2}: Adam 1e-3, 30 epochs. */
        public static Config logistic(double l2) {
            return new Config(HeadSpec.logistic(l2), 30, 64, Optimizer.ADAM, 1e-3, LrSchedule.cosine(), 0, 42, 0.2);
        }

        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>(head.asMap());
            m.put("epochs", epochs);
            m.put("batchSize", batchSize);
            m.put("optimizer", optimizer.name());
            m.put("learningRate", learningRate);
            m.put("schedule", schedule.toString());
            m.put("patience", patience);
            m.put("seed", seed);
            m.put("validFraction", validFraction);
            return m;
        }
    }

    /** What the run produced; {@code card} is null when no epoch finished. */
    public record Outcome(RunEnd end, Path runDir, ModelCard card, List<String> notes) { }

    /**
     * Trains a head on {@code features} (its train rows; validation on its valid rows, on all labelled rows of
     * {@code validFeatures} when given, or on a stratified hold-out) and saves the assembled model in {@code runDir}.
     */
    public static Outcome run(Path features, Path validFeatures, Config cfg, Path runDir, TrainingObserver observer, TrainingControl control,
                              Progress progress, Cancellation cancel) throws IOException {
        if (Files.exists(runDir.resolve(ModelBundle.CARD_FILE))) {
            throw new UserException("run folder " + runDir + " already holds a model; choose another --out");
        }
        List<String> notes = new ArrayList<>();
        progress.update("reading " + features.getFileName(), 0, -1);
        FeatureTable table = FeatureFile.read(features);
        FeatureMeta meta = table.meta();
        List<String> classes = table.labelNames();
        if (classes.size() < 2) throw new UserException(features + " has " + classes.size() + " class(es); a classifier needs at least 2");
        int[] trainRows = table.labelledRows(FeatureTable.TRAIN);
        FeatureTable validTable = table;
        int[] validRows;
        if (validFeatures != null) {
            validTable = FeatureFile.read(validFeatures);
            requireCompatible(meta, validTable, classes, validFeatures);
            validRows = validTable.labelledRows();
            notes.add("validation: " + validRows.length + " labelled images of " + validFeatures.getFileName());
        } else {
            validRows = table.labelledRows(FeatureTable.VALID);
            if (validRows.length == 0) {
                int[][] parts = holdOut(table, trainRows, cfg.validFraction(), cfg.seed());
                trainRows = parts[0];
                validRows = parts[1];
                notes.add(String.format(Locale.ROOT, "no validation rows: held out %d of %d training images (%.0f%%, stratified, seed %d)",
                        validRows.length, validRows.length + trainRows.length, cfg.validFraction() * 100, cfg.seed()));
            }
        }
        if (trainRows.length == 0) throw new UserException(features + " has no labelled training images");

        int d = meta.featureSize();
        ArraySource train = CachedFeatures.source(table, trainRows);
        ArraySource valid = validRows.length == 0 ? null : CachedFeatures.source(validTable, validRows);
        Seeds seeds = new Seeds(cfg.seed());
        ComputationGraph head = FineTuning.headNetwork(d, classes.size(), cfg.head(),
                Networks.updater(cfg.optimizer(), cfg.learningRate(), 0.9), seeds.seedFor("init"));

        Files.createDirectories(runDir);
        Map<String, Object> config = new LinkedHashMap<>(cfg.asMap());
        config.put("features", features.toAbsolutePath().toString());
        if (validFeatures != null) config.put("validFeatures", validFeatures.toAbsolutePath().toString());
        AtomicFiles.write(runDir.resolve("config.json"), out -> ModelBundle.json().writeValue(out, config));

        // Keep-best in memory: the head is small, and the assembled model is written once at the end.
        INDArray[] best = {null};
        EpochMetrics[] bestMetrics = {null};
        EpochHook hook = (net, m, st) -> {
            if (m.improved()) {
                best[0] = net.params().dup();
                bestMetrics[0] = m;
            }
        };
        TrainerSettings settings = new TrainerSettings(cfg.epochs(), cfg.batchSize(), cfg.learningRate(), cfg.schedule(), cfg.patience(),
                cfg.seed(), 2000, 1);
        TrainingObserver all = TrainingObserver.all(List.of(new MetricsCsvWriter(runDir.resolve("metrics.csv")), observer));
        String what = cfg.head().units() == 0 ? "logistic regression" : "head";
        RunEnd end = new Trainer(settings, all, control, hook).fit(head, what + " on " + meta.modelId() + "/" + meta.layer(), train, valid,
                classes.size(), TrainerState.fresh());
        if (best[0] == null) return new Outcome(end, runDir, null, notes);
        head.setParams(best[0]);
        if (valid != null) {
            notes.add(String.format(Locale.ROOT, "%s on %s features: best validation accuracy %.4f (loss %.4f) at epoch %d",
                    what, meta.layer(), bestMetrics[0].validAccuracy(), bestMetrics[0].validLoss(), bestMetrics[0].epoch()));
        }

        progress.update("assembling the model", 0, -1);
        Backbone backbone = Backbone.reopen(meta, progress, cancel);
        ComputationGraph full = FineTuning.assemble(backbone.network(), backbone.input(), meta.layer(), head, cfg.head(),
                Networks.updater(cfg.optimizer(), cfg.learningRate(), 0.9), seeds.seedFor("init"));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("validLoss", bestMetrics[0].validLoss());
        metrics.put("validAccuracy", bestMetrics[0].validAccuracy());
        metrics.put("trainLoss", bestMetrics[0].trainLoss());
        metrics.put("trainAccuracy", bestMetrics[0].trainAccuracy());
        metrics.put("runStatus", end.status().name());
        metrics.put("runMessage", end.message());
        Map<String, Object> hyper = new LinkedHashMap<>(cfg.asMap());
        hyper.put("trainedOn", "cached features");
        hyper.put("featureLayer", meta.layer());
        hyper.put("features", features.toAbsolutePath().toString());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int r : trainRows) counts.merge(classes.get(table.labels()[r]), 1, Integer::sum);
        int[] in = meta.inputShape();
        ModelCard card = new ModelCard(ModelCard.FORMAT_VERSION, backbone.modelId(), backbone.modelName() + " + " + what, classes, in[0], in[1], in[2],
                meta.resize(), meta.mean(), meta.std(), hyper, Map.of(), metrics, meta.datasetRoot(), "FEATURES", meta.datasetFingerprint(), counts,
                cfg.seed(), full.numParams(), end.epochsCompleted(), bestMetrics[0].epoch(), meta.weights(), ModelCard.currentVersions(),
                Instant.now().toString(), meta.channelOrder());
        ModelBundle.save(new TrainedModel(full, card), runDir, false);
        return new Outcome(end, runDir, card, notes);
    }

    private static void requireCompatible(FeatureMeta meta, FeatureTable other, List<String> classes, Path file) {
        FeatureMeta o = other.meta();
        if (!o.modelId().equals(meta.modelId()) || !o.layer().equals(meta.layer()) || !o.weightsKey().equals(meta.weightsKey())
                || !Arrays.equals(o.featureShape(), meta.featureShape())) {
            throw new UserException(file + " holds features of another extractor (" + o.modelId() + "/" + o.layer() + ") than the training features ("
                    + meta.modelId() + "/" + meta.layer() + "); extract both with the same model, weights and layer");
        }
        if (!other.labelNames().equals(classes)) {
            throw new UserException(file + " has classes " + other.labelNames() + " but the training features have " + classes);
        }
    }

    /** A stratified hold-out with the dataset splitter (same seed -> same rows), by path. */
    private static int[][] holdOut(FeatureTable t, int[] rows, double fraction, long seed) {
        List<ImageItem> items = new ArrayList<>();
        Map<Path, Integer> index = new LinkedHashMap<>();
        for (int r : rows) {
            Path p = Path.of(t.paths().get(r));
            items.add(new ImageItem(p, t.labelNames().get(t.labels()[r])));
            index.put(p, r);
        }
        Map<Split, List<ImageItem>> parts = Splitter.stratified(items, fraction, 0, seed);
        return new int[][] {
            parts.get(Split.TRAIN).stream().mapToInt(i -> index.get(i.path())).sorted().toArray(),
            parts.get(Split.VALID).stream().mapToInt(i -> index.get(i.path())).sorted().toArray()};
    }
}
