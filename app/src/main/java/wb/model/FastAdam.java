package wb.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;


/**
 * Adam with the same state layout and arithmetic as DL4J's, in one pass over the parameters on every core.
 *
 * <p>libnd4j 1.0.0-M2.1's {@code adam_updater} op took 9.2 ms per step for FMNIST-CNN's 3.2M dense weights, of which
 * 6.6 ms is its square root (scalar, one thread: libnd4j's plain {@code sqrt} transform is as slow). This update
 * reads the gradient and both moments once and writes them once, in place with the JDK's vector API
 * ({@link VectorAdam}), or where the JVM lacks it in chunks copied into Java arrays, which HotSpot compiles to SIMD code
 * (about twice as slow). The network's configuration keeps DL4J's {@link Adam},
 * whose learning rate and betas this reads at every step, and the moments live in the same state array, so
 * checkpoints and saved optimizer state are DL4J's own.
 */
public final class FastAdam extends Adam {
    private static final long serialVersionUID = 1L;
    /** Below this many values one thread does it all; the hand-off costs more than it saves. */
    private static final int PARALLEL_MIN = 1 << 16;

    /**
     * A copy of an Adam configuration. It equals that configuration (Adam's equals compares the values), so DL4J
     * groups parameters into the same updater blocks as for plain Adam and the optimizer state keeps its layout.
     * DL4J rebuilds its updater blocks whenever the learning rate changes, and with them these copies.
     */
    FastAdam(Adam adam) {
        super(adam.getLearningRate(), adam.getBeta1(), adam.getBeta2(), adam.getEpsilon());
        setLearningRateSchedule(adam.getLearningRateSchedule());
    }

    /** Off with {@code -Dwb.fastAdam=false} (WB_JAVA_OPTS), to compare with libnd4j's op. */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty("wb.fastAdam"));
    }

    /** A training configuration whose Adam updaters are this one; other updaters unchanged. */
    static TrainingConfig wrap(TrainingConfig c) {
        return enabled() ? new Config(c) : c;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        // as Adam.instantiate in 1.0.0-M2.1: a flat state array, the first half m and the second v
        Updater u = new Updater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        u.setStateViewArray(flat, new long[] {flat.length() / 2}, flat.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(state, initializeStateArrays);
        return u;
    }

    @Override
    public FastAdam clone() {
        return new FastAdam(this);
    }

    /** DL4J's Adam updater (state, layout) with a faster update. */
    static final class Updater extends AdamUpdater {
        Updater(Adam config) {
            super(config);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            INDArray m = getM(), v = getV();
            if (!contiguousFloat(gradient) || !contiguousFloat(m) || !contiguousFloat(v) || gradient.length() != m.length()
                    || gradient.length() > Integer.MAX_VALUE) {
                super.applyUpdater(gradient, iteration, epoch);
                return;
            }
            Adam c = getConfig();
            double alphat = alphat(c, iteration, epoch);
            int n = (int) gradient.length();
            float b1 = (float) c.getBeta1(), b2 = (float) c.getBeta2(), a = (float) alphat, eps = (float) c.getEpsilon();
            UpdateWorkers.Part body;
            if (vectorFits(n)) {
                ByteBuffer gb = bytes(gradient), mb = bytes(m), vb = bytes(v);
                body = (part, lo, hi) -> VectorAdam.update(gb, mb, vb, lo, hi, b1, b2, a, eps);
            } else {
                FloatBuffer gf = floats(gradient), mf = floats(m), vf = floats(v);
                body = (part, lo, hi) -> loop(gf, mf, vf, lo, hi, b1, b2, a, eps);
            }
            UpdateWorkers.run("the Adam update", n, n < PARALLEL_MIN ? 1 : UpdateWorkers.cores(), body);
        }
    }

    /**
     * True where {@code u} is this class's updater on float arrays that {@link #fusedStep} can work on.
     */
    public static boolean fusable(GradientUpdater<?> u) {
        return u instanceof Updater a && contiguousFloat(a.getM()) && contiguousFloat(a.getV()) && a.getM().length() <= Integer.MAX_VALUE;
    }

    /**
     * A data-parallel step's whole update of one updater block, over the values [lo, hi) of it: the gradient is
     * {@code scale * (g1 + g2)} (two half-batches' gradients and one over the batch size), the moments are updated as
     * in {@link Updater#applyUpdater}, and the resulting step is subtracted from {@code params} at once. One pass
     * instead of four (add, divide, Adam, subtract), each of which reads and writes all the parameters; neither
     * gradient array is written. Two threads may each take a part of the block.
     */
    public static void fusedStep(GradientUpdater<?> u, INDArray g1, INDArray g2, float scale, INDArray params, int iteration, int epoch,
                                 int lo, int hi) {
        Updater a = (Updater) u;
        Adam c = a.getConfig();
        float b1 = (float) c.getBeta1(), b2 = (float) c.getBeta2(), at = (float) alphat(c, iteration, epoch), eps = (float) c.getEpsilon();
        if (vectorFits(g1.length())) {
            VectorAdam.fused(bytes(g1), bytes(g2), bytes(a.getM()), bytes(a.getV()), bytes(params), lo, hi, scale, b1, b2, at, eps);
        } else {
            fusedLoop(floats(g1), floats(g2), floats(a.getM()), floats(a.getV()), floats(params), lo, hi, scale, b1, b2, at, eps);
        }
    }

    /**
     * Whether the loops of {@link VectorAdam} run here: the JVM has the vector API ({@code --add-modules
     * jdk.incubator.vector}, as the launcher and the tests start it) and {@code -Dwb.vectorAdam=false} is not set.
     */
    public static boolean vectorized() {
        return VECTOR;
    }

    private static final boolean VECTOR = probeVector();

    private static boolean probeVector() {
        if ("false".equalsIgnoreCase(System.getProperty("wb.vectorAdam"))) return false;
        try {
            VectorAdam.probe();
            return true;
        } catch (LinkageError | RuntimeException e) { // no such module in this JVM, or another version of its API
            return false;
        }
    }

    /** The vector loops index bytes with an int. */
    private static boolean vectorFits(long floats) {
        return VECTOR && floats <= Integer.MAX_VALUE / 4;
    }

    private static double alphat(Adam c, int iteration, int epoch) {
        double lr = c.getLearningRate(iteration, epoch);
        double alphat = lr * Math.sqrt(1 - Math.pow(c.getBeta2(), iteration + 1)) / (1 - Math.pow(c.getBeta1(), iteration + 1));
        return Double.isNaN(alphat) || alphat == 0 ? c.getEpsilon() : alphat; // as DL4J does
    }

    static void fusedLoop(FloatBuffer g1, FloatBuffer g2, FloatBuffer m, FloatBuffer v, FloatBuffer p, int lo, int hi,
                                  float scale, float b1, float b2, float alphat, float eps) {
        float[][] s = FUSED_SCRATCH.get();
        float[] as = s[0], bs = s[1], ms = s[2], vs = s[3], ps = s[4];
        float c1 = 1 - b1, c2 = 1 - b2;
        for (int start = lo; start < hi; start += CHUNK) {
            int len = Math.min(CHUNK, hi - start);
            g1.get(start, as, 0, len);
            g2.get(start, bs, 0, len);
            m.get(start, ms, 0, len);
            v.get(start, vs, 0, len);
            p.get(start, ps, 0, len);
            for (int i = 0; i < len; i++) {
                float gi = (as[i] + bs[i]) * scale;
                float mi = tiny(b1 * ms[i] + c1 * gi);
                float vi = tiny(b2 * vs[i] + c2 * gi * gi);
                ms[i] = mi;
                vs[i] = vi;
                ps[i] -= alphat * mi / ((float) Math.sqrt(vi) + eps);
            }
            m.put(start, ms, 0, len);
            v.put(start, vs, 0, len);
            p.put(start, ps, 0, len);
        }
    }

    /**
     * Moments smaller than this are stored as zero. A weight whose gradient stopped (a ReLU unit that no longer fires)
     * has its first moment shrink by beta1 every step, into the range of subnormal floats after about 700 steps,
     * where every multiplication takes a microcode detour on Intel CPUs: FMNIST-CNN's update slowed from 2.7 to 7-9 ms
     * per step late in the first epoch (docs/benchmarks.md). At this size a moment moves no weight: the step
     * alphat * m / (sqrt(v) + eps) is below 1e-20 of the learning rate, and sqrt(v) below 1e-15 is nothing beside
     * eps. NaN stays NaN.
     */
    static final float TINY = 1e-30f;

    static float tiny(float x) {
        return Math.abs(x) < TINY ? 0f : x;
    }

    /** Values per chunk: three chunks stay in the core's L1/L2 cache. */
    private static final int CHUNK = 2048;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][CHUNK]);
    private static final ThreadLocal<float[][]> FUSED_SCRATCH = ThreadLocal.withInitial(() -> new float[5][CHUNK]);

    /**
     * Copies chunks of the native arrays into Java arrays, where HotSpot's C2 compiles the update to SIMD
     * instructions (it does not for loops over direct buffers), and copies them back.
     */
    static void loop(FloatBuffer g, FloatBuffer m, FloatBuffer v, int lo, int hi, float b1, float b2, float alphat, float eps) {
        float[][] s = SCRATCH.get();
        float[] gs = s[0], ms = s[1], vs = s[2];
        for (int start = lo; start < hi; start += CHUNK) {
            int len = Math.min(CHUNK, hi - start);
            g.get(start, gs, 0, len);
            m.get(start, ms, 0, len);
            v.get(start, vs, 0, len);
            kernel(gs, ms, vs, len, b1, b2, alphat, eps);
            m.put(start, ms, 0, len);
            v.put(start, vs, 0, len);
            g.put(start, gs, 0, len);
        }
    }

    static void kernel(float[] g, float[] m, float[] v, int len, float b1, float b2, float alphat, float eps) {
        float c1 = 1 - b1, c2 = 1 - b2;
        for (int i = 0; i < len; i++) {
            float gi = g[i];
            float mi = tiny(b1 * m[i] + c1 * gi);
            float vi = tiny(b2 * v[i] + c2 * gi * gi);
            m[i] = mi;
            v[i] = vi;
            g[i] = alphat * mi / ((float) Math.sqrt(vi) + eps);
        }
    }

    static boolean contiguousFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.isVectorOrScalar() && (a.length() == 1 || a.elementWiseStride() == 1);
    }

    /** The array's values as a direct buffer over its native memory (a contiguous vector). */
    static FloatBuffer floats(INDArray a) {
        long start = start(a);
        return new FloatPointer(a.data().addressPointer()).capacity(start + a.length()).limit(start + a.length()).position(start).asBuffer();
    }

    /** The array's bytes as a direct buffer over its native memory (a contiguous float vector), in native order. */
    static ByteBuffer bytes(INDArray a) {
        long start = start(a) * 4, end = start + a.length() * 4;
        return new BytePointer(a.data().addressPointer()).capacity(end).limit(end).position(start).asByteBuffer().order(ByteOrder.nativeOrder());
    }

    /** Where the array's first value lies in its buffer, in values; checks that the whole array lies inside it. */
    private static long start(INDArray a) {
        // addressPointer() already points at the buffer's offset; in ND4J 1.0.0-M2.1 a view's offset is its buffer's.
        long start = a.offset() - a.data().offset();
        if (start < 0 || start + a.length() > a.data().length()) throw new IllegalStateException("array outside its buffer: offset " + a.offset());
        return start;
    }

    /** A layer's training configuration with {@link FastAdam} in place of each Adam updater. */
    private record Config(TrainingConfig c) implements TrainingConfig {
        @Override public String getLayerName() { return c.getLayerName(); }
        @Override public List<Regularization> getRegularizationByParam(String p) { return c.getRegularizationByParam(p); }
        @Override public boolean isPretrainParam(String p) { return c.isPretrainParam(p); }
        @Override public GradientNormalization getGradientNormalization() { return c.getGradientNormalization(); }
        @Override public double getGradientNormalizationThreshold() { return c.getGradientNormalizationThreshold(); }
        @Override public void setDataType(DataType dataType) { c.setDataType(dataType); }

        @Override
        public IUpdater getUpdaterByParam(String p) {
            IUpdater u = c.getUpdaterByParam(p);
            return u != null && u.getClass() == Adam.class ? new FastAdam((Adam) u) : u;
        }
    }
}
