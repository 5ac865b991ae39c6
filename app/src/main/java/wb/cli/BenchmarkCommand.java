package wb.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.ProfilerConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import wb.augment.AugmentConfig;
import wb.augment.Augmenter;
import wb.common.Cancellation;
import wb.common.FreeThreads;
import wb.common.Progress;
import wb.dataset.IdxImporter;
import wb.imaging.DecodeResult;
import wb.imaging.ImageDecoder;
import wb.imaging.ImageOps;
import wb.imaging.ImageWriter;
import wb.imaging.Raster;
import wb.imaging.ResizePolicy;
import wb.model.InputShape;
import wb.model.LrSchedule;
import wb.model.ModelBundle;
import wb.model.ModelRequest;
import wb.model.ModelZoo;
import wb.model.Networks;
import wb.model.Optimizer;
import wb.train.ArraySource;
import wb.train.BatchMetrics;
import wb.train.EpochMetrics;
import wb.train.Predictor;
import wb.train.RunEnd;
import wb.train.Trainer;
import wb.train.TrainerSettings;
import wb.train.TrainerState;
import wb.train.TrainingControl;
import wb.train.TrainingObserver;

/**
 * Measures the reference workload of docs/benchmarks.md: FMNIST-CNN on the real Fashion-MNIST, the same
 * network, data, batch size and thread count as ../shared/peer/torch_fmnist.py. Prints one JSON line.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark FMNIST-CNN training and inference on the real Fashion-MNIST, and the image data loader. "
                + "Prints a table and one JSON line (compare with ../shared/peer/torch_fmnist.py --json).")
final class BenchmarkCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--data", defaultValue = "/usr/share/datasets/fashion-mnist",
            description = "Folder with the Fashion-MNIST IDX files (Debian package dataset-fashion-mnist) (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--limit", defaultValue = "12800", description = "Training images per epoch; 0 = all 60,000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--epochs", defaultValue = "1", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-norm", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Add batch norm (off by default: the peer network has none) (default: ${DEFAULT-VALUE}).")
    boolean batchNorm;

    @Option(names = "--model", defaultValue = "fmnist-cnn", description = "Architecture to train (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--size", defaultValue = "28", description = "Input size: the 28x28 images are resized to SIZExSIZE, to measure how cost grows (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--skip-loader", description = "Skip the image data-loader measurement.")
    boolean skipLoader;

    @Option(names = "--op-profile", description = "Time every ND4J op of the training run (ND4J's OpProfiler, warm-up included) and print "
            + "the ops by total time on stderr. Matrix products that DL4J sends to BLAS directly and Java code such as the Adam "
            + "update are not ops and do not appear. The timing itself slows training by a few percent.")
    boolean opProfile;

    @Option(names = "--json", description = "Print only the JSON line.")
    boolean json;

    private static final int WARMUP_BATCHES = 20;

    @Override public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> r = new LinkedHashMap<>();
        IdxImporter.IdxImages tr = IdxImporter.readImages(find("train-images-idx3-ubyte"));
        byte[] trl = IdxImporter.readLabels(find("train-labels-idx1-ubyte"));
        IdxImporter.IdxImages te = IdxImporter.readImages(find("t10k-images-idx3-ubyte"));
        byte[] tel = IdxImporter.readLabels(find("t10k-labels-idx1-ubyte"));
        int n = limit <= 0 ? tr.count() : Math.min(limit, tr.count());
        ArraySource train = toSource(tr, trl, n, size);
        ArraySource test = toSource(te, tel, Math.min(te.count(), size > 64 ? 2000 : te.count()), size);

        var spec = ModelZoo.standard().get(model);
        var net = Networks.build(spec, new ModelRequest(new InputShape(1, size, size), 10, 1, 0, model.equals("fmnist-cnn") ? 0.4 : spec.defaultDropout(), batchNorm),
                Networks.updater(Optimizer.ADAM, 1e-3, 0.9));
        r.put("model", model + (batchNorm ? "+bn" : ""));
        r.put("input", size + "x" + size);
        r.put("parameters", net.numParams());
        r.put("convolution_helper", Networks.convolutionHelper(net));
        r.put("train_images", n);
        r.put("epochs", epochs);
        r.put("batch", 64);
        r.put("threads", FreeThreads.cores());

        long[] steady = new long[2]; // [start nanos after warm-up, images since]
        int[] seen = {0};
        TrainingObserver timer = new TrainingObserver() {
            @Override public void onBatch(BatchMetrics b) {
                seen[0]++;
                if (seen[0] == WARMUP_BATCHES) steady[0] = System.nanoTime();
                else if (seen[0] > WARMUP_BATCHES) steady[1] += 64;
            }
        };
        List<Double> epochSeconds = new ArrayList<>();
        TrainingObserver epochs = new TrainingObserver() {
            @Override public void onEpoch(EpochMetrics e) { epochSeconds.add(e.seconds()); }
        };
        if (opProfile) {
            org.nd4j.linalg.profiler.OpProfiler.getInstance().reset();
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).checkWorkspaces(false).build());
        }
        long t0 = System.nanoTime();
        RunEnd end = new Trainer(new TrainerSettings(this.epochs, 64, 1e-3, LrSchedule.constant(), 0, 1, 0, 1),
                TrainingObserver.all(List.of(timer, epochs)), new TrainingControl(), (a, b, c) -> { })
                .fit(net, model, train, null, 10, TrainerState.fresh());
        long t1 = System.nanoTime();
        if (opProfile) {
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build()); // back to the defaults
            PrintWriter err = this.spec.commandLine().getErr();
            err.printf(Locale.ROOT, "op profile: %d training batches, %.1f s%n", seen[0], (t1 - t0) / 1e9);
            err.println(org.nd4j.linalg.profiler.OpProfiler.getInstance().getLongAggergator().asPercentageString());
            err.println(org.nd4j.linalg.profiler.OpProfiler.getInstance().getLongAggergator().asString());
            err.flush();
        }
        double steadyRate = steady[1] / ((t1 - steady[0]) / 1e9);
        r.put("train_images_per_s", round(steadyRate));
        r.put("epoch_seconds", epochSeconds.stream().map(BenchmarkCommand::round).toList());
        r.put("status", end.status().name());

        float[][] probs = Predictor.predict(net, test, 256, Progress.NONE, Cancellation.NEVER);
        int[] all = new int[test.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        r.put("test_accuracy", round4(Predictor.lossAndAccuracy(probs, test, all)[1]));
        r.put("infer_images_per_s", round(inferRate(net, test, 256)));
        r.put("infer_batch1_images_per_s", round(inferRate(net, test, 1)));
        if (!skipLoader) {
            r.put("loader_28_jpeg_images_per_s", round(loaderRate(tr, 28, 4000)));
            r.put("loader_224_jpeg_images_per_s", round(loaderRate(tr, 224, 600)));
        }
        saveTimes(net, r);
        r.put("peak_heap_mb", peakHeapMb());
        r.put("native_physical_mb", Pointer.physicalBytes() / (1 << 20));
        r.put("native_tracked_mb", Pointer.totalBytes() / (1 << 20));
        r.put("peak_rss_mb", peakRssMb());
        if (!json) {
            r.forEach((k, v) -> out.printf(Locale.ROOT, "%-30s %s%n", k, v));
        }
        out.println(ModelBundle.json().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
        return 0;
    }

    /**
     * The checkpoint written after every epoch (weights and optimizer state): milliseconds to write it as the trainer
     * does (stored, ModelBundle.writeNetwork) and as DL4J's ModelSerializer does (deflated), median of three each, and
     * the two file sizes.
     */
    private static void saveTimes(org.deeplearning4j.nn.graph.ComputationGraph net, Map<String, Object> r) throws java.io.IOException {
        Path file = Files.createTempFile("wb-bench-checkpoint", ".zip");
        try {
            double ours = medianMs(() -> {
                try (var os = Files.newOutputStream(file)) {
                    ModelBundle.writeNetwork(net, os, true);
                }
            });
            long oursBytes = Files.size(file);
            double dl4j = medianMs(() -> org.deeplearning4j.util.ModelSerializer.writeModel(net, file.toFile(), true));
            r.put("checkpoint_save_ms", round(ours));
            r.put("checkpoint_mb", round(oursBytes / 1048576.0));
            r.put("checkpoint_save_deflated_ms", round(dl4j));
            r.put("checkpoint_deflated_mb", round(Files.size(file) / 1048576.0));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private interface IoAction {
        void run() throws java.io.IOException;
    }

    /** Median of three timings of {@code action}, in milliseconds. */
    private static double medianMs(IoAction action) throws java.io.IOException {
        double[] ms = new double[3];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            action.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[1];
    }

    private double inferRate(org.deeplearning4j.nn.graph.ComputationGraph net, ArraySource test, int batch) {
        int count = batch == 1 ? 1000 : test.size();
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) idx[i] = i;
        Predictor.predict(net, test, java.util.Arrays.copyOf(idx, Math.min(count, batch * 4)), batch, Progress.NONE, Cancellation.NEVER); // warm-up
        long t = System.nanoTime();
        Predictor.predict(net, test, idx, batch, Progress.NONE, Cancellation.NEVER);
        return count / ((System.nanoTime() - t) / 1e9);
    }

    /** Decode + resize + Keras-lesson augmentation + float conversion of JPEG files, on all cores. */
    private double loaderRate(IdxImporter.IdxImages imgs, int size, int count) throws Exception {
        Path dir = Files.createTempDirectory("wb-bench");
        try {
            List<byte[]> files = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Raster r = new Raster(imgs.cols(), imgs.rows(), 1, java.util.Arrays.copyOfRange(imgs.pixels(), i * 784, (i + 1) * 784));
                Raster rgb = ImageOps.resize(ImageOps.toChannels(r, 3), size, size, ResizePolicy.SQUASH);
                files.add(ImageWriter.encodeJpeg(rgb, 90));
            }
            Augmenter aug = new Augmenter(AugmentConfig.kerasLesson());
            int threads = FreeThreads.cores();
            long t = System.nanoTime();
            ExecutorService pool = FreeThreads.fixedPool(threads, "loader-benchmark");
            List<Future<?>> ts = new ArrayList<>();
            for (int th = 0; th < threads; th++) {
                final int id = th;
                ts.add(pool.submit(() -> {
                    float[] buf = new float[3 * size * size];
                    SplittableRandom rng = new SplittableRandom(id);
                    for (int i = id; i < count; i += threads) {
                        DecodeResult d = ImageDecoder.decode(Path.of("bench.jpg"), files.get(i % files.size()), 3);
                        Raster img = ImageOps.resize(((DecodeResult.Ok) d).raster(), size, size, ResizePolicy.SQUASH);
                        ImageOps.toFloatChw(aug.augment(img, rng), buf, 0);
                    }
                }));
            }
            try {
                for (Future<?> x : ts) x.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdown();
            }
            return count / ((System.nanoTime() - t) / 1e9);
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) Files.delete(p);
            }
            Files.delete(dir);
        }
    }

    private static ArraySource toSource(IdxImporter.IdxImages imgs, byte[] labels, int n, int size) {
        int len = imgs.rows() * imgs.cols();
        float[][] x = new float[n][size * size];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            Raster r = new Raster(imgs.cols(), imgs.rows(), 1, java.util.Arrays.copyOfRange(imgs.pixels(), i * len, (i + 1) * len));
            ImageOps.toFloatChw(ImageOps.resize(r, size, size, ResizePolicy.SQUASH), x[i], 0);
            y[i] = labels[i];
        }
        return new ArraySource(x, y, new int[] {1, size, size});
    }

    private Path find(String stem) {
        if (!Files.isDirectory(data)) throw new wb.common.UserException(data + " not found (apt-get install dataset-fashion-mnist)");
        return IdxImporter.locate(data, stem);
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) peak += pool.getPeakUsage().getUsed();
        }
        return peak / (1 << 20);
    }

    private static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static double round(double v) { return Math.round(v * 10) / 10.0; }

    private static double round4(double v) { return Math.round(v * 10000) / 10000.0; }
}
