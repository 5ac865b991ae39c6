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
import wb.common.Cancellation;
import wb.common.FreeThreads;
import wb.common.Progress;
import wb.common.Seeds;
import wb.common.UserException;
import wb.dataset.Dataset;
import wb.dataset.DatasetDoctor;
import wb.dataset.ImageItem;
import wb.dataset.Split;
import wb.dataset.Splitter;
import wb.evaluate.Predictions;
import wb.imaging.Raster;
import wb.model.FineTuning;
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
    /** The run's exact settings (machine-readable; config.json is the human-readable summary), for continuing it. */
    public static final String SETTINGS_FILE = "settings.json";
    /** The checkpoint's weight-averaging state: the update count and the optimizer's own weights. */
    static final String AVERAGE_FILE = "average.bin";

    /** The settings a run in {@code runDir} was started (or last continued) with. */
    public static TrainConfig readSettings(Path runDir) {
        Path file = runDir.resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserException("the run " + runDir.getFileName() + " has no " + SETTINGS_FILE + " (it was made by an older version or by train-head)");
        }
        try {
            return ModelBundle.json().readValue(file.toFile(), TrainConfig.class);
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Whether the run in {@code runDir} can be continued: it has a checkpoint and its settings, and trained fewer
     * epochs than planned. Returns null when it can, else the reason in a sentence fragment.
     */
    public static String whyNotContinuable(Path runDir, int epochsDone) {
        if (!Files.isRegularFile(runDir.resolve("checkpoint").resolve(ModelBundle.NETWORK_FILE))) return "it has no checkpoint";
        if (!Files.isRegularFile(runDir.resolve(SETTINGS_FILE))) return "it has no " + SETTINGS_FILE;
        TrainConfig cfg;
        try {
            cfg = readSettings(runDir);
        } catch (UserException e) {
            return e.getMessage();
        }
        if (epochsDone >= cfg.epochs()) return "it already trained all its " + Trainer.epochs(cfg.epochs());
        return null;
    }

    public static Outcome run(Dataset dataset, int channels, TrainConfig cfg, Path runDir, boolean resume,
                              TrainingObserver observer, TrainingControl control, Progress progress) throws IOException {
        return run(dataset, channels, cfg, runDir, resume, observer, control, progress, Cancellation.NEVER);
    }

    /**
     * Runs training; {@code cancel} stops the preparation (a weights download) before training starts, after
     * which {@code control} stops the run. With {@link TrainConfig#transfer()} the network starts from
     * pretrained weights with a new head and frozen layers, and trains in the phases of
     * {@link TransferConfig#phases}; observers get {@code onPhase} and the run folder gets {@code phases.csv}.
     */
    public static Outcome run(Dataset dataset, int channels, TrainConfig cfg, Path runDir, boolean resume,
                              TrainingObserver observer, TrainingControl control, Progress progress, Cancellation cancel) throws IOException {
        DatasetDoctor.requireTrainable(dataset);
        ComputeInfo.requireUsable();
        ModelSpec spec = ModelZoo.standard().get(cfg.modelId());
        TransferConfig tc = cfg.transfer();
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

        List<String> classes = dataset.classes();
        List<ImageItem> trainItems = train;
        java.util.function.Function<InputShape, float[][]> measureOn = in -> {
            progress.update("measuring channel statistics", 0, -1);
            return measure(new ImageSource(paths(trainItems), labels(trainItems, classes), Preprocessing.unnormalised(in, cfg.resize()), null, 0),
                    new Seeds(cfg.seed()).stream("stats"));
        };
        Seeds seeds = new Seeds(cfg.seed());
        Preprocessing pre;
        ComputationGraph net;
        TrainerState state;
        String modelId = spec.id();
        String modelName = spec.displayName();
        String initialisedFrom = null;
        String featureLayer = null;
        if (resume) {
            TrainedModel ck = ModelBundle.load(checkpointDir, true);
            if (!ck.card().labels().equals(classes)) {
                throw new UserException("cannot resume: the dataset's classes " + classes + " differ from the checkpoint's " + ck.card().labels());
            }
            pre = ck.preprocessing();
            net = ck.network();
            // A network trained from scratch on a sequential architecture continues with the faster layers.
            if (ck.card().initialisedFrom() == null && ck.card().modelId().equals(spec.id()) && spec.sequential()
                    && wb.model.ForwardReuse.enabled()) {
                net = wb.model.ForwardReuse.rebuild(net);
            }
            modelId = ck.card().modelId();
            modelName = ck.card().modelName();
            initialisedFrom = ck.card().initialisedFrom();
            if (ck.card().hyperparameters().get("featureLayer") instanceof String f) featureLayer = f;
            state = ModelBundle.json().readValue(checkpointDir.resolve("state.json").toFile(), TrainerState.class);
            notes.add("resuming after epoch " + state.epochsCompleted());
        } else if (tc != null) {
            Backbone backbone = Backbone.fromWeights(cfg.modelId(), tc.weights(), cfg.inputSize(), cfg.resize(), measureOn, progress, cancel);
            pre = backbone.preprocessing();
            featureLayer = tc.featureLayer() != null ? tc.featureLayer() : FineTuning.defaultFeatureLayer(backbone.network(), pre.input());
            String freezeTo = tc.freezeTo() != null ? tc.freezeTo() : featureLayer;
            progress.update("replacing the classifier head", 0, -1);
            net = FineTuning.withNewHead(backbone.network(), pre.input(), featureLayer, classes.size(), tc.head(cfg.l2()), freezeTo,
                    Networks.updater(cfg.optimizer(), cfg.learningRate(), cfg.momentum()), seeds.seedFor("init"));
            modelId = backbone.modelId();
            modelName = backbone.modelName();
            initialisedFrom = backbone.origin();
            state = TrainerState.fresh();
            notes.add("initialised from " + initialisedFrom);
            notes.add(String.format(java.util.Locale.ROOT, "new head on %s; frozen up to and including %s (%,d of %,d parameters trainable)",
                    featureLayer, freezeTo, FineTuning.trainableParameters(net), net.numParams()));
            if (cfg.dropout() != null) notes.add("--dropout applies to networks built from scratch; the new head uses the head dropout");
        } else {
            InputShape input = inputShape(spec, cfg, channels);
            float[][] stats = measureOn.apply(input);
            pre = new Preprocessing(input, cfg.resize(), stats[0], stats[1]);
            double dropout = cfg.dropout() != null ? cfg.dropout() : spec.defaultDropout();
            ModelRequest req = new ModelRequest(input, classes.size(), seeds.seedFor("init"), cfg.l2(), dropout, cfg.batchNorm());
            net = Networks.build(spec, req, Networks.updater(cfg.optimizer(), cfg.learningRate(), cfg.momentum()));
            state = TrainerState.fresh();
        }
        // Weight averaging: a resumed run takes its average and the optimizer's weights from the checkpoint.
        Path averageFile = checkpointDir.resolve(AVERAGE_FILE);
        WeightAverage average = null;
        if (cfg.weightAverage() > 0) {
            average = resume && Files.isRegularFile(averageFile) ? WeightAverage.resume(averageFile, net) : new WeightAverage(cfg.weightAverage());
        }
        WeightAverage averaging = average;
        InputShape input = pre.input();
        List<TrainingPhase> phases = List.of();
        PhaseSwitch phaseSwitch = null;
        if (tc != null) {
            phases = tc.phases(cfg.epochs());
            if (featureLayer == null) featureLayer = tc.featureLayer() != null ? tc.featureLayer() : FineTuning.defaultFeatureLayer(net, input);
            phaseSwitch = phaseSwitch(tc, net, input, cfg, featureLayer);
        }
        Map<String, Object> hyper = new LinkedHashMap<>(cfg.asMap());
        if (featureLayer != null) {
            hyper.put("featureLayer", featureLayer);
            hyper.put("freezeTo", tc.freezeTo() != null ? tc.freezeTo() : featureLayer);
        }
        ImageSource rawTrain = new ImageSource(paths(train), labels(train, classes), Preprocessing.unnormalised(input, cfg.resize()), null, cacheBudget());

        ImageSource trainSource = rawTrain.with(pre, new Augmenter(cfg.augment()));
        List<Path> validPaths = paths(valid);
        int[] validLabels = labels(valid, classes);
        ImageSource validSource = new ImageSource(validPaths, validLabels, pre, null, cacheBudget());
        // The watched validation images: the same few per class every epoch (watch.csv, the Train screen's gallery).
        int[] watch = WatchSet.choose(validLabels, classes.size(), seeds.seedFor("watch"));
        List<Path> watchFiles = java.util.Arrays.stream(watch).mapToObj(validPaths::get).toList();
        int[] watchLabels = java.util.Arrays.stream(watch).map(i -> validLabels[i]).toArray();
        Map<String, Integer> trainCounts = new LinkedHashMap<>();
        for (ImageItem i : train) trainCounts.merge(i.label(), 1, Integer::sum);
        String fingerprint = fingerprint(dataset.root(), train, valid);

        Map<String, Object> config = new LinkedHashMap<>(cfg.asMap());
        config.put("dataset", dataset.root().toString());
        config.put("augmentation", augmentationMap(cfg));
        AtomicFiles.write(runDir.resolve("config.json"), out -> ModelBundle.json().writeValue(out, config));
        AtomicFiles.write(runDir.resolve(SETTINGS_FILE), out -> ModelBundle.json().writeValue(out, cfg));

        long params = net.numParams();
        String cardId = modelId;
        String cardName = modelName;
        String cardOrigin = initialisedFrom;
        CardFactory cards = (epochs, best, metrics) -> new ModelCard(ModelCard.FORMAT_VERSION, cardId, cardName, classes,
                input.channels(), input.height(), input.width(), pre.resize().name(), pre.mean(), pre.std(), hyper,
                augmentationMap(cfg), metrics, dataset.root().toString(), dataset.layout().name(), fingerprint, trainCounts,
                cfg.seed(), params, epochs, best, cardOrigin, ModelCard.currentVersions(), Instant.now().toString(), pre.channelOrder().name());

        List<TrainingObserver> sinks = new ArrayList<>(List.of(new MetricsCsvWriter(runDir.resolve("metrics.csv")),
                new WatchCsvWriter(runDir.resolve(WatchCsvWriter.FILE))));
        if (tc != null) sinks.add(new PhasesCsvWriter(runDir.resolve("phases.csv")));
        sinks.add(observer);
        TrainingObserver observers = TrainingObserver.all(sinks);

        EpochHook hook = (n, m, st) -> {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("validLoss", m.validLoss());
            metrics.put("validAccuracy", m.validAccuracy());
            metrics.put("trainLoss", m.trainLoss());
            metrics.put("trainAccuracy", m.trainAccuracy());
            // Checkpoint first (with optimizer state, for resume), then the best model if this epoch improved. With weight
            // averaging the network holds the average here; the optimizer's weights are saved beside it.
            ModelBundle.save(new TrainedModel(n, cards.card(m.epoch(), st.bestEpoch(), metrics)), checkpointDir, true);
            if (averaging != null && averaging.trainingWeights() != null) averaging.save(averageFile, averaging.trainingWeights());
            AtomicFiles.write(checkpointDir.resolve("state.json"), out -> ModelBundle.json().writeValue(out, st));
            if (m.improved()) ModelBundle.save(new TrainedModel(n, cards.card(m.epoch(), m.epoch(), metrics)), runDir, false);
            if (watch.length > 0) {
                float[][] probs = Predictor.predict(n, validSource, watch, Math.max(cfg.batchSize(), 64), Progress.NONE, Cancellation.NEVER);
                observers.onWatch(new WatchFrame(m.epoch(), new Predictions(classes, watchFiles, watchLabels, probs)));
            }
        };

        TrainerSettings settings = new TrainerSettings(cfg.epochs(), cfg.batchSize(), cfg.learningRate(), cfg.schedule(), cfg.patience(),
                cfg.seed(), 2000, Math.max(1, Math.min(4, FreeThreads.cores())), cfg.labelSmoothing());
        RunEnd end = new Trainer(settings, observers, control, hook)
                .fit(net, modelId, trainSource, validSource, classes.size(), state, phases, phaseSwitch, average);

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

    /**
     * Moves the freeze point at each phase: phase "head" keeps the body frozen up to the freeze layer, phase
     * "fine-tune" makes the unfreeze layer and everything after it trainable. A network already frozen as
     * the phase wants is kept as is (so a resumed run keeps its optimizer state).
     */
    private static PhaseSwitch phaseSwitch(TransferConfig tc, ComputationGraph initial, InputShape input, TrainConfig cfg, String featureLayer) {
        String freezeTo = tc.freezeTo() != null ? tc.freezeTo() : featureLayer;
        List<String> order = FineTuning.topologicalOrder(initial);
        for (String layer : java.util.Arrays.asList(featureLayer, freezeTo, tc.unfreezeTo())) {
            if (layer != null && !order.contains(layer)) {
                throw new UserException("the network has no layer named '" + layer + "'; see the layer table ('models --layers "
                        + cfg.modelId() + "') for names");
            }
        }
        if (tc.unfreezeTo() != null && order.indexOf(tc.unfreezeTo()) > order.indexOf(freezeTo)) {
            throw new UserException("--unfreeze-to " + tc.unfreezeTo() + " comes after the freeze point " + freezeTo
                    + ": fine-tuning unfreezes earlier layers; name a layer at or before " + freezeTo);
        }
        return (phase, current) -> {
            String through = phase.name().equals(TransferConfig.PHASE_FINE_TUNE) ? FineTuning.layerBefore(current, tc.unfreezeTo()) : freezeTo;
            if (FineTuning.frozenLayers(current).equals(FineTuning.layersThrough(current, through))) return current;
            return FineTuning.freezeThrough(current, input, through, Networks.updater(cfg.optimizer(), cfg.learningRate(), cfg.momentum()));
        };
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

    static float[][] measure(ImageSource raw, SplittableRandom rng) {
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
