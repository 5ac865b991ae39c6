package wb.model;

import java.nio.FloatBuffer;
import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * DL4J's batch normalisation with a faster backward pass for channels-last images (DL4J hands its helper images only;
 * batch norm after a dense layer stays DL4J's own code).
 *
 * <p>libnd4j 1.0.0-M2.1's {@code batchnorm_bp} op took 5.4 ms per call for FMNIST-CNN's first batch-norm layer
 * (batch 32, 28x28x32, channels-last; 2.3-3.8 ms channels-first), where oneDNN's own backward batch norm inside it
 * takes 0.35-0.8 ms: libnd4j adds broadcast and reduction passes and allocations around it. With the channel as the
 * innermost dimension the backward pass is two passes over the data, which HotSpot compiles to SIMD code, on every core:
 * the per-channel sums of dL/dy and dL/dy * x-hat, then dL/dx. Everything else (the forward pass, the batch statistics
 * it keeps, the running mean and variance) stays DL4J's and oneDNN's: this class wraps DL4J's oneDNN helper and
 * replaces only its backward method.
 */
final class FastBatchNorm implements BatchNormalizationHelper {
    /** Below this many values one thread does it all. */
    private static final int PARALLEL_MIN = 1 << 15;
    /** Rows per chunk copied into Java arrays (chunk = rows x channels values). */
    private static final int CHUNK_VALUES = 4096;

    private final BatchNormalizationHelper dl4j;
    /** The last training forward pass's batch statistics, computed here (outside any workspace), and whether they are. */
    private INDArray batchMean, batchVar;
    private boolean statsInJava;
    /** Backward passes this class computed (for tests). */
    long javaBackwardPasses;

    FastBatchNorm(BatchNormalizationHelper dl4j) {
        this.dl4j = dl4j;
    }

    /** Off with {@code -Dwb.fastBatchNorm=false} (WB_JAVA_OPTS), to compare with libnd4j's op. */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty("wb.fastBatchNorm"));
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return dl4j.checkSupported(eps, fixedGammaBeta);
    }

    @Override
    public boolean checkSupported() {
        return dl4j.checkSupported();
    }

    /**
     * The forward pass. In training, DL4J's helper computes the batch mean and variance with ND4J's reductions (3.5 ms
     * per step for FMNIST-CNN's two layers at batch 32, channels-last) before oneDNN normalises. Here they are two
     * Java passes over the data, and oneDNN normalises with them as it would with the running averages.
     */
    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta, INDArray mean,
            INDArray var, double decay, double eps, CNN2DFormat format, LayerWorkspaceMgr mgr) {
        statsInJava = false;
        if (training && channelsInnermost(x, format) && contiguous(x) && x.dataType() == DataType.FLOAT && x.length() <= Integer.MAX_VALUE
                && mean != null && mean.length() == x.size(x.rank() - 1)) {
            int channels = (int) mean.length();
            if (batchMean == null || batchMean.length() != channels) {
                try (org.nd4j.linalg.api.memory.MemoryWorkspace ws = org.nd4j.linalg.factory.Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    batchMean = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, mean.shape());
                    batchVar = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, mean.shape());
                }
            }
            float[][] stats = statistics(FastAdam.floats(x), (int) x.length(), channels);
            FastAdam.floats(batchMean).put(0, stats[0], 0, channels);
            FastAdam.floats(batchVar).put(0, stats[1], 0, channels);
            INDArray out = dl4j.preOutput(x, false, shape, gamma, beta, batchMean, batchVar, decay, eps, format, mgr);
            statsInJava = true;
            return out;
        }
        return dl4j.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, mgr);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return statsInJava ? batchMean.castTo(dataType) : dl4j.getMeanCache(dataType);
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return statsInJava ? batchVar.castTo(dataType) : dl4j.getVarCache(dataType);
    }

    /** The per-channel mean and (biased, as DL4J's) variance of {@code values} values, {@code channels} per row. */
    static float[][] statistics(FloatBuffer x, int values, int channels) {
        int rows = values / channels;
        int parts = values < PARALLEL_MIN ? 1 : Math.min(UpdateWorkers.cores(), rows);
        double[][] partial = new double[parts][channels];
        UpdateWorkers.run("the batch statistics", rows, parts, (part, lo, hi) -> sum(x, lo, hi, channels, null, partial[part]));
        float[] mean = new float[channels];
        for (int c = 0; c < channels; c++) {
            double s = 0;
            for (double[] p : partial) s += p[c];
            mean[c] = (float) (s / rows);
        }
        double[][] squares = new double[parts][channels];
        UpdateWorkers.run("the batch statistics", rows, parts, (part, lo, hi) -> sum(x, lo, hi, channels, mean, squares[part]));
        float[] var = new float[channels];
        for (int c = 0; c < channels; c++) {
            double s = 0;
            for (double[] p : squares) s += p[c];
            var[c] = (float) (s / rows);
        }
        return new float[][] {mean, var};
    }

    /** Per-channel sums of the values ({@code mean} null) or of their squared deviations from {@code mean}. */
    private static void sum(FloatBuffer x, int lo, int hi, int channels, float[] mean, double[] out) {
        float[] acc = new float[channels];
        chunks(x, null, null, lo, hi, channels, (xs, unused, n) -> {
            java.util.Arrays.fill(acc, 0f);
            if (mean == null) {
                for (int base = 0; base < n; base += channels) {
                    for (int c = 0; c < channels; c++) acc[c] += xs[base + c];
                }
            } else {
                for (int base = 0; base < n; base += channels) {
                    for (int c = 0; c < channels; c++) {
                        float d = xs[base + c] - mean[c];
                        acc[c] += d * d;
                    }
                }
            }
            for (int c = 0; c < channels; c++) out[c] += acc[c]; // float within a chunk, double across chunks
        });
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return dl4j.helperMemoryUse();
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma, INDArray beta,
            INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format, LayerWorkspaceMgr mgr) {
        INDArray mean = getMeanCache(DataType.FLOAT), var = getVarCache(DataType.FLOAT);
        if (!channelsInnermost(input, format) || gamma == null || mean == null || var == null || !contiguous(input)
                || input.dataType() != DataType.FLOAT || epsilon.dataType() != DataType.FLOAT
                || !java.util.Arrays.equals(input.shape(), epsilon.shape())
                || !FastAdam.contiguousFloat(dGammaView) || !FastAdam.contiguousFloat(dBetaView)) {
            return dl4j.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format, mgr);
        }
        int channels = (int) input.size(input.rank() - 1);
        long values = input.length();
        if (values > Integer.MAX_VALUE || mean.length() != channels || var.length() != channels || gamma.length() != channels) {
            return dl4j.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format, mgr);
        }
        INDArray dy = contiguous(epsilon) ? epsilon : epsilon.dup('c');
        INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        float[] m = mean.reshape(channels).toFloatVector(), g = gamma.reshape(channels).toFloatVector();
        float[] v = var.reshape(channels).toFloatVector();
        float[] invStd = new float[channels];
        for (int c = 0; c < channels; c++) invStd[c] = (float) (1.0 / Math.sqrt(v[c] + eps));
        float[][] sums = new float[2][channels];
        backward(FastAdam.floats(input), FastAdam.floats(dy), FastAdam.floats(dx), (int) values, channels, m, invStd, g, sums);
        FastAdam.floats(dGammaView).put(0, sums[1], 0, channels);
        FastAdam.floats(dBetaView).put(0, sums[0], 0, channels);
        javaBackwardPasses++;
        Gradient grad = new DefaultGradient();
        grad.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        grad.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(grad, dx);
    }

    /**
     * The backward pass over {@code values} values, {@code channels} per row. Fills {@code sums[0]} with dL/dbeta (the
     * per-channel sum of dL/dy) and {@code sums[1]} with dL/dgamma (the sum of dL/dy * x-hat), and {@code dx} with
     * gamma / std * (dL/dy - dL/dbeta / M - x-hat * dL/dgamma / M), M = values / channels.
     */
    static void backward(FloatBuffer x, FloatBuffer dy, FloatBuffer dx, int values, int channels, float[] mean, float[] invStd,
            float[] gamma, float[][] sums) {
        int rows = values / channels;
        int parts = values < PARALLEL_MIN ? 1 : Math.min(UpdateWorkers.cores(), rows);
        float[][][] partial = new float[parts][2][channels];
        UpdateWorkers.run("the batch-norm backward pass", rows, parts,
                (part, lo, hi) -> sums(x, dy, lo, hi, channels, mean, invStd, partial[part][0], partial[part][1]));
        for (float[][] p : partial) {
            for (int c = 0; c < channels; c++) {
                sums[0][c] += p[0][c];
                sums[1][c] += p[1][c];
            }
        }
        float[] scale = new float[channels], shift = new float[channels], slope = new float[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = gamma[c] * invStd[c];
            shift[c] = sums[0][c] / rows;
            slope[c] = sums[1][c] / rows;
        }
        UpdateWorkers.run("the batch-norm backward pass", rows, parts,
                (part, lo, hi) -> inputGradient(x, dy, dx, lo, hi, channels, mean, invStd, scale, shift, slope));
    }

    /** Work on one chunk of rows: {@code xs} and {@code ds} hold its {@code n} values of x and of dL/dy. */
    private interface Chunk {
        void run(float[] xs, float[] ds, int n);
    }

    /**
     * Copies rows [lo, hi) of {@code x} (and of {@code dy} unless null) chunk by chunk into Java arrays, where HotSpot's
     * C2 compiles the loops to SIMD instructions (it does not for loops over direct buffers), runs {@code body} on each
     * chunk and, unless {@code out} is null, copies {@code ds} back into it.
     */
    private static void chunks(FloatBuffer x, FloatBuffer dy, FloatBuffer out, int lo, int hi, int channels, Chunk body) {
        int step = Math.max(1, CHUNK_VALUES / channels);
        float[] xs = new float[step * channels], ds = dy == null ? null : new float[step * channels];
        for (int r = lo; r < hi; r += step) {
            int n = Math.min(step, hi - r) * channels;
            x.get(r * channels, xs, 0, n);
            if (dy != null) dy.get(r * channels, ds, 0, n);
            body.run(xs, ds, n);
            if (out != null) out.put(r * channels, ds, 0, n);
        }
    }

    private static void sums(FloatBuffer x, FloatBuffer dy, int lo, int hi, int channels, float[] mean, float[] invStd,
            float[] sumDy, float[] sumDyXhat) {
        chunks(x, dy, null, lo, hi, channels, (xs, ds, n) -> {
            for (int base = 0; base < n; base += channels) {
                for (int c = 0; c < channels; c++) {
                    float d = ds[base + c];
                    sumDy[c] += d;
                    sumDyXhat[c] += d * (xs[base + c] - mean[c]) * invStd[c];
                }
            }
        });
    }

    private static void inputGradient(FloatBuffer x, FloatBuffer dy, FloatBuffer dx, int lo, int hi, int channels, float[] mean,
            float[] invStd, float[] scale, float[] shift, float[] slope) {
        chunks(x, dy, dx, lo, hi, channels, (xs, ds, n) -> {
            for (int base = 0; base < n; base += channels) {
                for (int c = 0; c < channels; c++) {
                    float xhat = (xs[base + c] - mean[c]) * invStd[c];
                    ds[base + c] = scale[c] * (ds[base + c] - shift[c] - xhat * slope[c]);
                }
            }
        });
    }

    /** Channels-last images (DL4J hands its helper images only; channels-first ones stay libnd4j's). */
    private static boolean channelsInnermost(INDArray a, CNN2DFormat format) {
        return a.rank() == 4 && format == CNN2DFormat.NHWC;
    }

    private static boolean contiguous(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a);
    }

    /** Configuration of a batch-norm layer with this backward pass: DL4J's BatchNormalization with another implementation. */
    public static final class Conf extends org.deeplearning4j.nn.conf.layers.BatchNormalization {
        public Conf() { super(); }

        @Override
        public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
            return ForwardReuse.wire(new Layer(conf, dataType), conf, listeners, index, paramsView, initializeParams, initializer());
        }
    }

    /** DL4J's batch-norm layer whose oneDNN helper computes the backward pass in Java. */
    static final class Layer extends org.deeplearning4j.nn.layers.normalization.BatchNormalization {
        /** DL4J keeps the helper in a package-private field. */
        private static final java.lang.reflect.Field HELPER = helperField();

        private final FastBatchNorm fast;

        Layer(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
            FastBatchNorm f = null;
            try {
                if (HELPER != null && HELPER.get(this) instanceof MKLDNNBatchNormHelper h) {
                    f = new FastBatchNorm(h);
                    HELPER.set(this, f);
                }
            } catch (IllegalAccessException e) {
                f = null; // DL4J's helper stays
            }
            fast = f;
        }

        /** Backward passes computed in Java (for tests). */
        long javaBackwardPasses() {
            return fast == null ? 0 : fast.javaBackwardPasses;
        }

        private static java.lang.reflect.Field helperField() {
            try {
                java.lang.reflect.Field f = org.deeplearning4j.nn.layers.normalization.BatchNormalization.class.getDeclaredField("helper");
                f.setAccessible(true);
                return f;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
