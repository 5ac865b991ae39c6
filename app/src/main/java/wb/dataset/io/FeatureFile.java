package wb.dataset.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Node;

import wb.common.AtomicFiles;
import wb.common.UserException;

/**
 * Reads and writes cached features as HDF5 (jhdf), in a layout h5py and Keras users know:
 *
 * <pre>
 * /features     float32 [N, D]   chunked (about 1 MB per chunk), shuffle + deflate
 * /labels       int32   [N]      class index, -1 = unlabelled
 * /split        uint8   [N]      0 train, 1 valid, 2 test (attribute split_names)
 * /label_names  string  [K]      class names in index order
 * /paths        string  [N]      image paths relative to the dataset_root attribute
 * attributes    format, model_id, layer, feature_shape (int32[]), weights, weights_source, weights_key,
 *               input_shape (int32[] C,H,W), resize, mean/std (float32[], [0,1] scale), preprocessing,
 *               dataset_root, dataset_fingerprint, cache_key, created_at, split_names
 * </pre>
 *
 * Strings are fixed-length UTF-8 (h5py returns {@code bytes}). The file is written to a temporary sibling
 * and renamed, so a reader never sees half a cache. jhdf builds the file in memory before writing it, so
 * the features must fit in the heap (checked by the extractor before it starts).
 */
public final class FeatureFile {

    /** Value of the {@code format} attribute; changes when the layout does. */
    public static final String FORMAT = "image-workbench-features/1";

    private static final int CHUNK_BYTES = 1 << 20;

    private FeatureFile() { }

    public static void write(Path file, FeatureTable t) throws IOException {
        if (t.size() == 0) throw new UserException("no images to store in " + file);
        FeatureMeta m = t.meta();
        int d = m.featureSize();
        AtomicFiles.writeVia(file, tmp -> {
            try (WritableHdfFile h = HdfFile.write(tmp)) {
                int rows = Math.max(1, Math.min(t.size(), CHUNK_BYTES / (4 * d)));
                h.putDataset("features", t.features(), DatasetCreationOptions.builder().chunkDimensions(rows, d).shuffle().deflate(4).build());
                h.putDataset("labels", t.labels());
                h.putDataset("split", t.splits(), DatasetCreationOptions.builder().unsigned().build());
                if (!t.labelNames().isEmpty()) h.putDataset("label_names", t.labelNames().toArray(new String[0]));
                h.putDataset("paths", t.paths().toArray(new String[0]));
                h.putAttribute("format", FORMAT);
                h.putAttribute("model_id", m.modelId());
                h.putAttribute("layer", m.layer());
                h.putAttribute("feature_shape", m.featureShape());
                h.putAttribute("weights", m.weights());
                h.putAttribute("weights_source", m.weightsSource());
                h.putAttribute("weights_key", m.weightsKey());
                h.putAttribute("input_shape", m.inputShape());
                h.putAttribute("resize", m.resize());
                h.putAttribute("mean", m.mean());
                h.putAttribute("std", m.std());
                h.putAttribute("channel_order", m.channelOrder());
                h.putAttribute("preprocessing", m.preprocessingText());
                h.putAttribute("dataset_root", m.datasetRoot());
                h.putAttribute("dataset_fingerprint", m.datasetFingerprint());
                h.putAttribute("cache_key", m.cacheKey());
                h.putAttribute("created_at", m.createdAt());
                h.putAttribute("split_names", String.join(",", FeatureTable.SPLIT_NAMES));
            } catch (RuntimeException e) {
                throw new IOException("could not write HDF5: " + e.getMessage(), e);
            }
        });
    }

    /** Reads the whole file. */
    public static FeatureTable read(Path file) {
        try (HdfFile h = open(file)) {
            FeatureMeta meta = meta(h, file);
            float[][] features = (float[][]) dataset(h, file, "features").getData();
            int[] labels = (int[]) dataset(h, file, "labels").getData();
            Object s = dataset(h, file, "split").getData();
            byte[] splits = new byte[labels.length];
            // jhdf widens unsigned bytes to int when reading.
            if (s instanceof int[] wide) for (int i = 0; i < wide.length; i++) splits[i] = (byte) wide[i];
            else if (s instanceof byte[] b) splits = b;
            Node names = h.getChild("label_names");
            List<String> labelNames = names == null ? List.of() : Arrays.asList((String[]) ((Dataset) names).getData());
            List<String> paths = Arrays.asList((String[]) dataset(h, file, "paths").getData());
            return new FeatureTable(features, labels, splits, labelNames, paths, meta);
        } catch (ClassCastException | IllegalArgumentException e) {
            throw new UserException(file + " is not a valid feature file: " + e.getMessage(), e);
        }
    }

    /** Reads only the attributes (cheap: no feature data), or null when the file is HDF5 but not a feature file of ours. */
    public static FeatureMeta readMeta(Path file) {
        try (HdfFile h = open(file)) {
            Attribute format = h.getAttribute("format");
            if (format == null || !FORMAT.equals(format.getData())) return null;
            return meta(h, file);
        }
    }

    private static HdfFile open(Path file) {
        if (!Files.isRegularFile(file)) throw new UserException("feature file " + file + " does not exist");
        try {
            return new HdfFile(file);
        } catch (RuntimeException e) {
            throw new UserException(file + " is not an HDF5 file (" + e.getMessage() + ")", e);
        }
    }

    private static FeatureMeta meta(HdfFile h, Path file) {
        Object format = attr(h, file, "format");
        if (!FORMAT.equals(format)) throw new UserException(file + " is not a feature file of this workbench (format " + format + ", expected " + FORMAT + ")");
        return new FeatureMeta(str(h, file, "model_id"), str(h, file, "layer"), (int[]) attr(h, file, "feature_shape"), str(h, file, "weights"),
                str(h, file, "weights_source"), str(h, file, "weights_key"), (int[]) attr(h, file, "input_shape"), str(h, file, "resize"),
                (float[]) attr(h, file, "mean"), (float[]) attr(h, file, "std"), str(h, file, "dataset_root"), str(h, file, "dataset_fingerprint"),
                str(h, file, "cache_key"), str(h, file, "created_at"),
                h.getAttribute("channel_order") == null ? "RGB" : String.valueOf(h.getAttribute("channel_order").getData()));
    }

    private static Object attr(HdfFile h, Path file, String name) {
        Attribute a = h.getAttribute(name);
        if (a == null) throw new UserException(file + " is not a feature file of this workbench (attribute '" + name + "' is missing)");
        return a.getData();
    }

    private static String str(HdfFile h, Path file, String name) {
        return String.valueOf(attr(h, file, name));
    }

    private static Dataset dataset(HdfFile h, Path file, String name) {
        if (!(h.getChild(name) instanceof Dataset d)) throw new UserException(file + " has no '" + name + "' dataset");
        return d;
    }
}
