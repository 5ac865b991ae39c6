package wb.model;

import java.util.List;
import java.util.Map;

/**
 * Everything a saved model must carry to be used and trusted later: its labels in output order, the
 * exact preprocessing, how it was trained (architecture, hyperparameters, augmentation, seed), on what
 * (dataset root, layout and fingerprint), how well it did, and with which library versions.
 * Serialised as {@code card.json} next to the network file.
 */
public record ModelCard(int formatVersion, String modelId, String modelName, List<String> labels,
                        int channels, int height, int width, String resizePolicy, float[] mean, float[] std,
                        Map<String, Object> hyperparameters, Map<String, Object> augmentation,
                        Map<String, Object> metrics, String datasetRoot, String datasetLayout,
                        String datasetFingerprint, Map<String, Integer> trainCounts, long seed, long parameters,
                        int epochsTrained, int bestEpoch, String initialisedFrom, Map<String, String> versions,
                        String createdAt, String channelOrder) {

    public static final int FORMAT_VERSION = 1;

    /** A card for an RGB network (cards written before channelOrder existed read as RGB too). */
    public ModelCard(int formatVersion, String modelId, String modelName, List<String> labels,
                     int channels, int height, int width, String resizePolicy, float[] mean, float[] std,
                     Map<String, Object> hyperparameters, Map<String, Object> augmentation,
                     Map<String, Object> metrics, String datasetRoot, String datasetLayout,
                     String datasetFingerprint, Map<String, Integer> trainCounts, long seed, long parameters,
                     int epochsTrained, int bestEpoch, String initialisedFrom, Map<String, String> versions,
                     String createdAt) {
        this(formatVersion, modelId, modelName, labels, channels, height, width, resizePolicy, mean, std, hyperparameters, augmentation,
                metrics, datasetRoot, datasetLayout, datasetFingerprint, trainCounts, seed, parameters, epochsTrained, bestEpoch,
                initialisedFrom, versions, createdAt, Preprocessing.ChannelOrder.RGB.name());
    }

    public ModelCard {
        if (channelOrder == null) channelOrder = Preprocessing.ChannelOrder.RGB.name();
        labels = List.copyOf(labels);
        hyperparameters = Map.copyOf(hyperparameters);
        augmentation = Map.copyOf(augmentation);
        metrics = Map.copyOf(metrics);
        trainCounts = trainCounts == null ? Map.of() : Map.copyOf(trainCounts);
        versions = Map.copyOf(versions);
    }

    public InputShape input() { return new InputShape(channels, height, width); }

    public Preprocessing preprocessing() {
        return new Preprocessing(input(), wb.imaging.ResizePolicy.valueOf(resizePolicy), mean, std,
                Preprocessing.ChannelOrder.valueOf(channelOrder));
    }

    /** A copy with more metrics merged in (e.g. after an evaluation). */
    public ModelCard withMetrics(Map<String, Object> more) {
        Map<String, Object> m = new java.util.TreeMap<>(metrics);
        m.putAll(more);
        return new ModelCard(formatVersion, modelId, modelName, labels, channels, height, width, resizePolicy, mean, std,
                hyperparameters, augmentation, m, datasetRoot, datasetLayout, datasetFingerprint, trainCounts, seed,
                parameters, epochsTrained, bestEpoch, initialisedFrom, versions, createdAt, channelOrder);
    }

    /** The library and runtime versions to record in a new card. */
    public static Map<String, String> currentVersions() {
        Map<String, String> v = new java.util.TreeMap<>();
        v.put("workbench", "0.1.0");
        v.put("deeplearning4j", "1.0.0-M2.1");
        v.put("java", System.getProperty("java.version"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        try {
            v.put("nd4jBackend", org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName());
        } catch (RuntimeException | LinkageError e) {
            v.put("nd4jBackend", "unavailable");
        }
        return v;
    }
}
