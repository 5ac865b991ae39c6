package wb.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.graph.ComputationGraph;

import wb.augment.Augmenter;
import wb.common.AtomicFiles;
import wb.common.Progress;
import wb.common.Seeds;
import wb.common.UserException;
import wb.dataset.Dataset;
import wb.dataset.DatasetDoctor;
import wb.dataset.ImageItem;
import wb.dataset.Split;
import wb.dataset.Splitter;
import wb.imaging.Raster;
import wb.model.InputShape;
import wb.model.ModelBundle;
import wb.model.ModelCard;
import wb.model.ModelRequest;
import wb.model.ModelSpec;
import wb.model.ModelZoo;
import wb.model.Networks;
import wb.model.Preprocessing;
import wb.model.TrainedModel;

/**
 * Trains a model on a dataset into a run folder: the one entry point the CLI and the GUI share.
 *
 * <p>The run folder holds {@code model.zip} + {@code card.json} (the best epoch so far, by validation
 * loss), {@code metrics.csv}, {@code config.json}, and {@code checkpoint/} (the latest epoch with optimizer
 * state, for {@code --resume}).
 */
public final class TrainingSession {

    /** What a run produced. {@code notes} are things the user should know (e.g. an automatic split). */
    public record Outcome(RunEnd end, Path runDir, ModelCard card, List<String> notes, List<String> unreadableFiles) { }

    private static final int STATS_SAMPLE = 2000;

    private TrainingSession() { }

    /**
     * Runs training. {@code dataset} should be the usable part of a verified dataset; {@code channels} the
     * channel count verification found (1 = all grey).
     */
    public static Outcome run(Dataset dataset, int channels, TrainConfig cfg, Path runDir, boolean resume,
                              TrainingObserver observer, TrainingControl control, Progress progress) throws IOException {
        DatasetDoctor.requireTrainable(dataset);
        ModelSpec spec = ModelZoo.standard().get(cfg.modelId());
        List<String> notes = new ArrayList<>();
        Path checkpointDir = runDir.resolve("checkpoint");
        if (!resume && Files.exists(runDir.resolve(ModelBundle.CARD_FILE))) {
            throw new UserException("run folder " + runDir + " already holds a model; choose another --out, or --resume to continue it");
        }
        if (resume && !Files.exists(checkpointDir.resolve(ModelBundle.NETWORK_FILE))) {
            throw new UserException("nothing to resume in " + runDir + ": " + checkpointDir.resolve(ModelBundle.NETWORK_FILE) + " is missing");
        }
        Files.createDirectories(runDir);

        List<ImageItem> train = dataset.items(Split.TRAIN).stream().filter(i -> i.label() != null).toList();
        List<ImageItem> valid = dataset.items(Split.VALID).stream().filter(i -> i.label() != null).toList();
        if (valid.isEmpty()) {
            Map<Split, List<ImageItem>> parts = Splitter.stratified(train, cfg.validFraction(), 0, cfg.seed());
            train = parts.get(Split.TRAIN);
            valid = parts.get(Split.VALID);
            notes.add(String.format(java.util.Locale.ROOT, "no validation split: held out %d of %d training images (%.0f%%, stratified, seed %d)",
                    valid.size(), valid.size() + train.size(), cfg.validFraction() * 100, cfg.seed()));
        }

        InputShape input = inputShape(spec, cfg, channels);
        List<String> classes = dataset.classes();
        ImageSource rawTrain = new ImageSource(paths(train), labels(train, classes), Preprocessing.unnormalised(input, cfg.resize()), null, cacheBudget());

        Preprocessing pre;
        ComputationGraph net;
        TrainerState state;
        if (resume) {
            TrainedModel ck = ModelBundle.load(checkpointDir, true);
            if (!ck.card().labels().equals(classes)) {
                throw new UserException("cannot resume: the dataset's classes " + classes + " differ from the checkpoint's " + ck.card().labels());
            }
            pre = ck.preprocessing();
            net = ck.network();
            state = ModelBundle.json().readValue(checkpointDir.resolve("state.json").toFile(), TrainerState.class);
            notes.add("resuming after epoch " + state.epochsCompleted());
        } else {
            progress.update("measuring channel statistics", 0, -1);
            float[][] stats = measure(rawTrain, new Seeds(cfg.seed()).stream("stats"));
            pre = new Preprocessing(input, cfg.resize(), stats[0], stats[1]);
            double dropout = cfg.dropout() != null ? cfg.dropout() : spec.defaultDropout();
            ModelRequest req = new ModelRequest(input, classes.size(), new Seeds(cfg.seed()).seedFor("init"), cfg.l2(), dropout, cfg.batchNorm());
            net = Networks.build(spec, req, Networks.updater(cfg.optimizer(), cfg.learningRate(), cfg.momentum()));
            state = TrainerState.fresh();
        }

        ImageSource trainSource = rawTrain.with(pre, new Augmenter(cfg.augment()));
        ImageSource validSource = new ImageSource(paths(valid), labels(valid, classes), pre, null, cacheBudget());
        Map<String, Integer> trainCounts = new LinkedHashMap<>();
        for (ImageItem i : train) trainCounts.merge(i.label(), 1, Integer::sum);
        String fingerprint = fingerprint(dataset.root(), train, valid);

        Map<String, Object> config = new LinkedHashMap<>(cfg.asMap());
        config.put("dataset", dataset.root().toString());
        config.put("augmentation", augmentationMap(cfg));
        AtomicFiles.write(runDir.resolve("config.json"), out -> ModelBundle.json().writeValue(out, config));

        long params = net.numParams();
        CardFactory cards = (epochs, best, metrics) -> new ModelCard(ModelCard.FORMAT_VERSION, spec.id(), spec.displayName(), classes,
                input.channels(), input.height(), input.width(), pre.resize().name(), pre.mean(), pre.std(), cfg.asMap(),
                augmentationMap(cfg), metrics, dataset.root().toString(), dataset.layout().name(), fingerprint, trainCounts,
                cfg.seed(), params, epochs, best, null, ModelCard.currentVersions(), Instant.now().toString());

        EpochHook hook = (n, m, st) -> {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("validLoss", m.validLoss());
            metrics.put("validAccuracy", m.validAccuracy());
            metrics.put("trainLoss", m.trainLoss());
            metrics.put("trainAccuracy", m.trainAccuracy());
            // Checkpoint first (with optimizer state, for resume), then the best model if this epoch improved.
            ModelBundle.save(new TrainedModel(n, cards.card(m.epoch(), st.bestEpoch(), metrics)), checkpointDir, true);
            AtomicFiles.write(checkpointDir.resolve("state.json"), out -> ModelBundle.json().writeValue(out, st));
            if (m.improved()) ModelBundle.save(new TrainedModel(n, cards.card(m.epoch(), m.epoch(), metrics)), runDir, false);
        };

        TrainerSettings settings = new TrainerSettings(cfg.epochs(), cfg.batchSize(), cfg.learningRate(), cfg.schedule(), cfg.patience(),
                cfg.seed(), 2000, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
        TrainingObserver all = TrainingObserver.all(List.of(new MetricsCsvWriter(runDir.resolve("metrics.csv")), observer));
        RunEnd end = new Trainer(settings, all, control, hook).fit(net, spec.id(), trainSource, validSource, classes.size(), state);

        ModelCard card = Files.exists(runDir.resolve(ModelBundle.CARD_FILE)) ? ModelBundle.readCard(runDir) : null;
        if (card != null) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("runStatus", end.status().name());
            status.put("runMessage", end.message());
            card = card.withMetrics(status);
            ModelBundle.writeCard(card, runDir);
        }
        List<String> failures = new ArrayList<>(trainSource.failures());
        failures.addAll(validSource.failures());
        return new Outcome(end, runDir, card, notes, failures.stream().distinct().toList());
    }

    @FunctionalInterface
    private interface CardFactory {
        ModelCard card(int epochs, int bestEpoch, Map<String, Object> metrics);
    }

    static InputShape inputShape(ModelSpec spec, TrainConfig cfg, int channels) {
        int h = spec.defaultInput().height();
        int w = spec.defaultInput().width();
        if (cfg.inputSize() != null) {
            if (spec.fixedInputSize() && (cfg.inputSize() != h || cfg.inputSize() != w)) {
                throw new UserException(spec.displayName() + " needs " + w + "x" + h + " input; remove --size or set it to " + h);
            }
            if (cfg.inputSize() < spec.minInputSize()) {
                throw new UserException(spec.displayName() + " needs input of at least " + spec.minInputSize() + " px, not " + cfg.inputSize());
            }
            h = w = cfg.inputSize();
        }
        return new InputShape(channels == 1 ? 1 : 3, h, w);
    }

    private static Map<String, Object> augmentationMap(TrainConfig cfg) {
        return ModelBundle.json().convertValue(cfg.augment(), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
    }

    private static float[][] measure(ImageSource raw, SplittableRandom rng) {
        int n = raw.size();
        int[] idx = Trainer.range(n);
        Trainer.shuffle(idx, rng);
        List<Raster> sample = new ArrayList<>();
        for (int k = 0; k < Math.min(n, STATS_SAMPLE); k++) {
            Raster r = raw.prepared(idx[k]);
            if (r != null) sample.add(r);
        }
        return Preprocessing.measure(sample, raw.preprocessing().input().channels());
    }

    static long cacheBudget() {
        return Math.min(Runtime.getRuntime().maxMemory() / 4, 1L << 30);
    }

    static List<Path> paths(List<ImageItem> items) {
        return items.stream().map(ImageItem::path).toList();
    }

    static int[] labels(List<ImageItem> items, List<String> classes) {
        int[] y = new int[items.size()];
        for (int i = 0; i < y.length; i++) {
            String l = items.get(i).label();
            y[i] = l == null ? -1 : java.util.Collections.binarySearch(classes, l);
        }
        return y;
    }

    /** SHA-256 over the relative paths, sizes and labels of the training and validation files. */
    static String fingerprint(Path root, List<ImageItem> train, List<ImageItem> valid) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (List<ImageItem> part : List.of(train, valid)) {
                for (ImageItem i : part) {
                    long size;
                    try {
                        size = Files.size(i.path());
                    } catch (IOException e) {
                        size = -1;
                    }
                    String rel = i.path().startsWith(root) ? root.relativize(i.path()).toString() : i.path().toString();
                    md.update((rel + '\t' + size + '\t' + i.label() + '\n').getBytes(StandardCharsets.UTF_8));
                }
                md.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
