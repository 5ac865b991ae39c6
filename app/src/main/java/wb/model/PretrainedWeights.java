package wb.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.Adler32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import wb.common.AtomicFiles;
import wb.common.Cancellation;
import wb.common.CancelledException;
import wb.common.Progress;
import wb.common.UserException;

/**
 * Loads pretrained weights: the ImageNet weights DL4J's zoo publishes, through our own cache, download and
 * integrity check, and model files the user already has.
 *
 * <p>The cache mirrors the zoo's: one folder per model, the file named as the last segment of its URL,
 * checked against the zoo's Adler32 checksum on every load. Downloads report bytes through {@link Progress},
 * stop on {@link Cancellation}, time out instead of hanging, and are written atomically, so a broken
 * download never leaves a file that looks complete. Machines without access to the download host get a
 * message naming the URL, the path to put the file at, and the {@code --init-weights FILE} alternative.
 */
public final class PretrainedWeights {

    static {
        Dl4jRuntime.init();
    }

    /** System property that overrides the cache folder. */
    public static final String CACHE_PROPERTY = "wb.weights";

    private static final int BUFFER = 1 << 16;
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};

    private final Path cacheDir;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public PretrainedWeights(Path cacheDir, Duration connectTimeout, Duration readTimeout) {
        this.cacheDir = cacheDir.toAbsolutePath();
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** The cache in {@link #defaultCacheDir()} with 15 s to connect and 60 s without data before giving up. */
    public static PretrainedWeights standard() {
        return new PretrainedWeights(defaultCacheDir(), Duration.ofSeconds(15), Duration.ofSeconds(60));
    }

    /** {@code -Dwb.weights=DIR} if set, else {@code ~/.image-workbench/weights}. */
    public static Path defaultCacheDir() {
        String p = System.getProperty(CACHE_PROPERTY);
        if (p != null && !p.isBlank()) return Path.of(p);
        return Path.of(System.getProperty("user.home"), ".image-workbench", "weights");
    }

    public Path cacheDir() { return cacheDir; }

    /** Where the weights are (or will be) cached: {@code CACHE/<model id>/<file name of the URL>}. */
    public Path cachedFile(ImageNetWeights w) {
        return cacheDir.resolve(w.modelId()).resolve(w.fileName());
    }

    /** Loads starting weights: ImageNet weights of {@code spec} through the standard cache, or a model file. */
    public static PretrainedNetwork load(ModelSpec spec, InitWeights weights, Progress progress, Cancellation cancel) {
        return switch (weights.kind()) {
            case IMAGENET -> standard().imagenet(spec, progress, cancel);
            case FILE -> fromFile(weights.file());
            case NONE -> throw new IllegalArgumentException("no pretrained weights requested");
        };
    }

    /** Loads the ImageNet weights of a zoo architecture, or says which architectures have some. */
    public PretrainedNetwork imagenet(ModelSpec spec, Progress progress, Cancellation cancel) {
        ImageNetWeights w = spec.imagenetWeights().orElseThrow(() -> new UserException(spec.displayName()
                + " has no published ImageNet weights; models that have: " + String.join(", ", ModelZoo.standard().all().stream()
                .filter(ModelSpec::pretrainedAvailable).map(ModelSpec::id).toList()) + " (or use --init-weights FILE)"));
        return load(w, progress, cancel);
    }

    /**
     * Loads published weights through the cache: the cached file if present, else a download; either way
     * verified against the checksum before it is read. This is the one path every ImageNet load takes.
     */
    public PretrainedNetwork load(ImageNetWeights w, Progress progress, Cancellation cancel) {
        Path file = fetch(w, progress, cancel);
        progress.update("loading " + w.modelId() + " weights", 0, -1);
        ComputationGraph net = restoreZip(file);
        String origin = "imagenet: DL4J zoo " + w.modelId() + " weights " + w.url() + " (Adler32 " + w.adler32() + ", cached at " + file + ")";
        return new PretrainedNetwork(net, origin, "imagenet:" + w.url() + "#adler32=" + w.adler32(), w.input(),
                w.preprocessing(wb.imaging.ResizePolicy.SQUASH), w.modelId(), java.util.List.of());
    }

    /**
     * The verified weights file in the cache, downloading it first when it is not there. A cached file
     * that fails the checksum is reported, not replaced: the user may have put it there by hand.
     */
    public Path fetch(ImageNetWeights w, Progress progress, Cancellation cancel) {
        Path file = cachedFile(w);
        if (!Files.isRegularFile(file)) {
            download(w, file, progress, cancel); // verified while it streams
            return file;
        }
        long actual;
        try {
            actual = adler32(file, progress, cancel);
        } catch (IOException e) {
            throw new UserException("cannot read the cached weights " + file + ": " + e.getMessage(), e);
        }
        if (w.adler32() != 0 && actual != w.adler32()) {
            throw new UserException("the weights file " + file + " fails its checksum (Adler32 " + actual + ", expected " + w.adler32()
                    + "): it is incomplete or corrupted. Delete it and run again to download it, or replace it with a good copy of " + w.url());
        }
        return file;
    }

    private void download(ImageNetWeights w, Path target, Progress progress, Cancellation cancel) {
        String task = "downloading " + w.modelId() + " weights";
        try {
            URLConnection c = URI.create(w.url()).toURL().openConnection();
            c.setConnectTimeout((int) connectTimeout.toMillis());
            c.setReadTimeout((int) readTimeout.toMillis());
            if (c instanceof HttpURLConnection h) {
                h.setInstanceFollowRedirects(true);
                int code = h.getResponseCode();
                if (code != HttpURLConnection.HTTP_OK) {
                    throw new UserException(offline(w, target, "the server answered HTTP " + code + " " + h.getResponseMessage()));
                }
            }
            long total = c.getContentLengthLong();
            Adler32 sum = new Adler32();
            AtomicFiles.write(target, out -> copy(c, out, sum, total, task, progress, cancel));
            // Checked again on the cached file by fetch(); checking here too keeps a bad download out of the cache.
            if (w.adler32() != 0 && sum.getValue() != w.adler32()) {
                Files.deleteIfExists(target);
                throw new UserException("the download of " + w.url() + " is corrupted (Adler32 " + sum.getValue() + ", expected "
                        + w.adler32() + "); run again to retry");
            }
        } catch (UserException | CancelledException e) {
            throw e;
        } catch (SocketTimeoutException e) {
            throw new UserException(offline(w, target, "the connection timed out"), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException(offline(w, target, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())), e);
        }
    }

    private static void copy(URLConnection c, OutputStream out, Adler32 sum, long total, String task, Progress progress,
                             Cancellation cancel) throws IOException {
        try (InputStream in = c.getInputStream()) {
            byte[] buf = new byte[BUFFER];
            long done = 0;
            int n;
            progress.update(task, 0, total);
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                sum.update(buf, 0, n);
                done += n;
                progress.update(task, done, total);
                cancel.throwIfCancelled();
            }
            if (total >= 0 && done != total) throw new IOException("the connection closed after " + done + " of " + total + " bytes");
        }
    }

    private static String offline(ImageNetWeights w, Path target, String reason) {
        return "could not download the ImageNet weights of " + w.modelId() + " from " + w.url() + " (" + reason + "). "
                + "If this machine is offline, download that file elsewhere and put it at " + target
                + " (it is checked against Adler32 " + w.adler32() + "), or start from a model file you have with --init-weights FILE";
    }

    /** The Adler32 checksum DL4J's zoo publishes for its weights files. */
    public static long adler32(Path file) throws IOException {
        return adler32(file, Progress.NONE, Cancellation.NEVER);
    }

    private static long adler32(Path file, Progress progress, Cancellation cancel) throws IOException {
        Adler32 sum = new Adler32();
        long total = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[BUFFER];
            long done = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                cancel.throwIfCancelled();
                sum.update(buf, 0, n);
                done += n;
                progress.update("verifying weights", done, total);
            }
        }
        return sum.getValue();
    }

    /**
     * Loads a model the user already has: a run folder or bundle ({@code model.zip} + {@code card.json}, whose
     * card supplies input size and preprocessing), a DL4J model zip (ComputationGraph, or MultiLayerNetwork
     * converted to a graph), or a Keras {@code .h5} saved with {@code model.save()}.
     */
    public static PretrainedNetwork fromFile(Path file) {
        if (!Files.exists(file)) throw new UserException("weights file " + file + " does not exist");
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            if (!Files.isRegularFile(abs.resolve(ModelBundle.CARD_FILE)) || !Files.isRegularFile(abs.resolve(ModelBundle.NETWORK_FILE))) {
                throw new UserException(abs + " is a folder but not a model bundle: " + ModelBundle.CARD_FILE + " and "
                        + ModelBundle.NETWORK_FILE + " expected (a run folder of 'train')");
            }
            TrainedModel m = ModelBundle.load(abs, false);
            String key = sha256(abs.resolve(ModelBundle.NETWORK_FILE));
            return new PretrainedNetwork(m.network(), "bundle: " + abs + " (" + m.card().modelId() + ", " + key.substring(0, 19) + ")", key,
                    m.card().input(), m.preprocessing(), m.card().modelId(), m.card().labels());
        }
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(abs)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UserException("cannot read " + abs + ": " + e.getMessage(), e);
        }
        String key = sha256(abs);
        String origin = "file: " + abs + " (" + key.substring(0, 19) + ")";
        if (read == 8 && java.util.Arrays.equals(head, HDF5_SIGNATURE)) {
            return new PretrainedNetwork(importKeras(abs), origin.replace("file: ", "keras: "), key, null, null, null, null);
        }
        if (read >= 4 && java.util.Arrays.equals(java.util.Arrays.copyOf(head, 4), ZIP_SIGNATURE)) {
            // A model.zip next to a card.json is one of our bundles: use what its card knows.
            Path dir = abs.getParent();
            if (abs.getFileName().toString().equals(ModelBundle.NETWORK_FILE) && dir != null && Files.isRegularFile(dir.resolve(ModelBundle.CARD_FILE))) {
                return fromFile(dir);
            }
            return new PretrainedNetwork(restoreZip(abs), origin, key, null, null, null, null);
        }
        throw new UserException(abs + " is not a model file: expected a DL4J model zip (ModelSerializer), a run folder, "
                + "or a Keras .h5 saved with model.save()");
    }

    /** Restores a DL4J model zip as a graph, whichever network type it holds. */
    static ComputationGraph restoreZip(Path file) {
        String config;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry("configuration.json");
            if (e == null) throw new UserException(file + " is a zip file but not a DL4J model (it has no configuration.json)");
            try (InputStream in = zip.getInputStream(e)) {
                config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (ZipException e) {
            throw new UserException(file + " is not a readable zip file (" + e.getMessage() + "): it may be truncated", e);
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            // Graph configurations list "vertices"; sequential ones list "confs".
            if (config.contains("\"vertices\"")) return ModelSerializer.restoreComputationGraph(file.toFile(), false);
            if (config.contains("\"confs\"")) {
                return toGraph(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false));
            }
        } catch (IOException | RuntimeException e) {
            throw new UserException(file + " could not be loaded as a DL4J model: " + e.getMessage(), e);
        }
        throw new UserException(file + " holds a DL4J configuration that is neither a ComputationGraph nor a MultiLayerNetwork");
    }

    /**
     * A sequential network as an equivalent graph with the same weights. Unlike DL4J's
     * {@code toComputationGraph()}, which numbers the layers, this keeps their names (Keras's "block5_pool"),
     * so that feature and freeze layers can be named as in the original model.
     */
    static ComputationGraph toGraph(MultiLayerNetwork mln) {
        org.deeplearning4j.nn.conf.MultiLayerConfiguration mlc = mln.getLayerWiseConfigurations();
        org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder gb = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .seed(mlc.getConf(0).getSeed()).dataType(mlc.getDataType()).graphBuilder().addInputs("input");
        String prev = "input";
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < mlc.getConfs().size(); i++) {
            org.deeplearning4j.nn.conf.layers.Layer l = mlc.getConf(i).getLayer().clone();
            String name = l.getLayerName() != null && used.add(l.getLayerName()) ? l.getLayerName() : "layer" + i;
            used.add(name);
            l.setLayerName(name);
            gb.addLayer(name, l, mlc.getInputPreProcess(i), prev);
            prev = name;
        }
        ComputationGraph g = new ComputationGraph(gb.setOutputs(prev).build());
        // Both network types lay parameters out layer by layer in the same order, so the flat vector carries over.
        g.init(mln.params().dup(), false);
        return g;
    }

    private static ComputationGraph importKeras(Path file) {
        String path = file.toString();
        try {
            return KerasModelImport.importKerasModelAndWeights(path, false);
        } catch (InvalidKerasConfigurationException functional) {
            // A Sequential model is refused by the functional importer; a file without any model configuration by both.
            try {
                return toGraph(KerasModelImport.importKerasSequentialModelAndWeights(path, false));
            } catch (InvalidKerasConfigurationException | UnsupportedKerasConfigurationException | IOException | RuntimeException e) {
                throw kerasError(file, e);
            }
        } catch (UnsupportedKerasConfigurationException | IOException | RuntimeException e) {
            throw kerasError(file, e);
        }
    }

    private static UserException kerasError(Path file, Exception e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("model_config") || m.contains("onfiguration")) {
            return new UserException(file + " is an HDF5 file but holds no Keras model configuration (a save_weights() file or other data): "
                    + "save the whole model with model.save('model.h5') (" + firstLine(m) + ")", e);
        }
        return new UserException(file + " could not be imported as a Keras model: " + firstLine(m), e);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** "sha256:HEX" of a file's content. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) >= 0) md.update(buf, 0, n);
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
