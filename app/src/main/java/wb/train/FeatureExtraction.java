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
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.deeplearning4j.nn.graph.ComputationGraph;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.Seeds;
import wb.common.UserException;
import wb.dataset.Dataset;
import wb.dataset.ImageItem;
import wb.dataset.Split;
import wb.dataset.io.FeatureFile;
import wb.dataset.io.FeatureMeta;
import wb.dataset.io.FeatureTable;
import wb.model.FineTuning;
import wb.model.Preprocessing;

/**
 * Runs a frozen pretrained body once over a dataset's train, valid and test images and caches the
 * features in an HDF5 file ({@link FeatureFile}), so heads can then be trained in seconds per epoch.
 *
 * <p>The file carries a cache key: a hash of everything that determines the features (architecture,
 * weights, layer, preprocessing, and each image's path, size, modification time, label and split). An
 * existing file is reused only when its key matches; otherwise it is rebuilt and the result says why.
 */
public final class FeatureExtraction {
    private FeatureExtraction() { }

    /**
     * What an extraction produced.
     *
     * @param reused  the file was already up to date and nothing was computed
     * @param note    one line: "up to date", or why the file was (re)built
     * @param skipped images that could not be decoded (left out of the file)
     */
    public record Result(Path file, boolean reused, String note, int examples, int featureSize, String layer, String cacheKey,
                         List<String> skipped) { }

    /** Extracts (or reuses) the features of {@code dataset}'s images into {@code out}. */
    public static Result extract(FeatureRequest req, Dataset dataset, Path out, Progress progress, Cancellation cancel) throws IOException {
        FeatureMeta existing = null;
        if (Files.exists(out)) {
            existing = FeatureFile.readMeta(out);
            if (existing == null) throw new UserException(out + " exists and is not a feature file of this workbench; choose another --out");
        }
        List<ImageItem> items = new ArrayList<>();
        List<Byte> splits = new ArrayList<>();
        for (Dataset.Placed p : dataset.placedItems()) {
            items.add(p.item());
            splits.add((byte) p.split().ordinal());
        }
        if (items.isEmpty()) throw new UserException("the dataset " + dataset.root() + " has no images");

        Backbone backbone = open(req, dataset, progress, cancel);
        Preprocessing pre = backbone.preprocessing();
        String layer = req.layer() != null ? req.layer() : FineTuning.defaultFeatureLayer(backbone.network(), backbone.input());
        int[] shape = FineTuning.outputShape(backbone.network(), backbone.input(), layer);
        long d = 1;
        for (int s : shape) d *= s;
        String fingerprint = fingerprint(dataset.root(), items, splits);
        String key = cacheKey(backbone, layer, pre, fingerprint);

        if (existing != null && !req.force() && key.equals(existing.cacheKey())) {
            return new Result(out, true, "up to date (cache key matches)", -1, existing.featureSize(), layer, key, List.of());
        }
        String note = existing == null ? "extracted" : req.force() ? "extracted again (forced)"
                : "rebuilt: " + staleness(existing, backbone, layer, pre, fingerprint);

        // jhdf assembles the whole file in memory, next to the arrays: about twice the features' size.
        long bytes = 2L * items.size() * d * Float.BYTES;
        if (bytes > 0.6 * Runtime.getRuntime().maxMemory() || d > Integer.MAX_VALUE / 4) {
            throw new UserException(String.format(Locale.ROOT, "features of %s at layer %s are %,d values per image: %,d images need about %.1f GB "
                    + "of memory (more than this JVM has); choose a later layer, e.g. one after pooling, or fewer images",
                    backbone.modelId(), layer, d, items.size(), bytes / 1e9));
        }

        ComputationGraph body = FineTuning.body(backbone.network(), backbone.input(), layer);
        int[] labels = TrainingSession.labels(items, dataset.classes());
        ImageSource source = new ImageSource(TrainingSession.paths(items), labels, pre, null, 0);
        float[][] features = Predictor.activations(body, source, req.batchSize(), progress, cancel);

        Set<Integer> bad = source.failedIndices();
        List<float[]> keptF = new ArrayList<>();
        List<Integer> keptY = new ArrayList<>();
        List<String> keptPaths = new ArrayList<>();
        byte[] keptSplits = new byte[items.size() - bad.size()];
        for (int i = 0, k = 0; i < items.size(); i++) {
            if (bad.contains(i)) continue; // a zero image's features mean nothing
            keptF.add(features[i]);
            keptY.add(labels[i]);
            keptPaths.add(relative(dataset.root(), items.get(i).path()));
            keptSplits[k++] = splits.get(i);
        }
        if (keptF.isEmpty()) throw new UserException("none of the images could be decoded");
        int[] inShape = pre.input().chw();
        FeatureMeta meta = new FeatureMeta(backbone.modelId(), layer, shape, backbone.origin(), backbone.weightsSource(), backbone.weightsKey(),
                inShape, pre.resize().name(), pre.mean(), pre.std(), dataset.root().toAbsolutePath().toString(), fingerprint, key,
                Instant.now().toString(), pre.channelOrder().name());
        progress.update("writing " + out.getFileName(), 0, -1);
        FeatureFile.write(out, new FeatureTable(keptF.toArray(new float[0][]), keptY.stream().mapToInt(Integer::intValue).toArray(), keptSplits,
                dataset.classes(), keptPaths, meta));
        return new Result(out, false, note, keptF.size(), (int) d, layer, key, source.failures());
    }

    static Backbone open(FeatureRequest req, Dataset dataset, Progress progress, Cancellation cancel) {
        if (req.run() != null) return Backbone.fromRun(req.run());
        return Backbone.fromWeights(req.modelId(), req.weights(), req.inputSize(), req.resize(), input -> {
            // Weights without a card: standardise with the training images' statistics, as a run from scratch does.
            List<ImageItem> train = dataset.items(Split.TRAIN);
            if (train.isEmpty()) throw new UserException("the dataset has no training images to measure channel statistics on");
            ImageSource raw = new ImageSource(TrainingSession.paths(train), new int[train.size()], Preprocessing.unnormalised(input, req.resize()), null, 0);
            return TrainingSession.measure(raw, new Seeds(0).stream("stats"));
        }, progress, cancel);
    }

    /** SHA-256 over everything that determines the features. */
    static String cacheKey(Backbone b, String layer, Preprocessing pre, String datasetFingerprint) {
        return sha256(String.join("\n", FeatureFile.FORMAT, b.modelId(), b.weightsKey(), layer, pre.toString(), datasetFingerprint));
    }

    /** Which inputs differ from those the existing file was made with. */
    private static String staleness(FeatureMeta old, Backbone b, String layer, Preprocessing pre, String fingerprint) {
        List<String> why = new ArrayList<>();
        if (!old.modelId().equals(b.modelId())) why.add("the model changed (" + old.modelId() + " -> " + b.modelId() + ")");
        if (!old.weightsKey().equals(b.weightsKey())) why.add("the weights changed");
        if (!old.layer().equals(layer)) why.add("the layer changed (" + old.layer() + " -> " + layer + ")");
        int[] in = old.inputShape();
        Preprocessing was = new Preprocessing(new wb.model.InputShape(in[0], in[1], in[2]), wb.imaging.ResizePolicy.valueOf(old.resize()),
                old.mean(), old.std(), Preprocessing.ChannelOrder.valueOf(old.channelOrder()));
        if (!was.equals(pre)) why.add("the preprocessing changed");
        if (!old.datasetFingerprint().equals(fingerprint)) why.add("the images changed");
        if (why.isEmpty()) why.add("the file was made by another version of the feature cache");
        return String.join(", ", why);
    }

    /** SHA-256 over each image's relative path, size, modification time, label and split. */
    static String fingerprint(Path root, List<ImageItem> items, List<Byte> splits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            ImageItem it = items.get(i);
            long size;
            long modified;
            try {
                size = Files.size(it.path());
                modified = Files.getLastModifiedTime(it.path()).toMillis();
            } catch (IOException e) {
                size = -1;
                modified = -1;
            }
            sb.append(relative(root, it.path())).append('\t').append(size).append('\t').append(modified).append('\t')
                    .append(it.label()).append('\t').append(splits.get(i)).append('\n');
        }
        return sha256(sb.toString());
    }

    private static String relative(Path root, Path p) {
        return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }

    private static String sha256(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
