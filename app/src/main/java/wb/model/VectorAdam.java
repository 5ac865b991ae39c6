package wb.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FastAdam}'s two loops written with the JDK's vector API (the {@code jdk.incubator.vector} module of JDK 17),
 * reading and writing the native arrays in place.
 *
 * <p>Why: HotSpot compiles loops over Java arrays to SIMD code but not loops over native memory, so the plain loops
 * copy each chunk into Java arrays and back. Those copies are fast, but they separate the memory-bound part of the
 * update from its arithmetic (a square root and a division per value), which then add up instead of overlapping:
 * FastAdam's fused step over FMNIST-CNN's 3.3M parameters took 6.2 ms on one core with the copies and 3.2 ms with
 * these loops (docs/benchmarks.md). The arithmetic is the same operations in the same order as the plain loops
 * without fused multiply-adds, so both give the same bits.
 *
 * <p>Only usable where the JVM was started with {@code --add-modules jdk.incubator.vector} (the launcher and the
 * tests do): {@link FastAdam} loads this class behind a check and otherwise keeps the plain loops. The incubator API
 * changed after JDK 19 ({@code fromByteBuffer} gave way to memory segments); the check covers that as well.
 */
final class VectorAdam {
    private VectorAdam() { }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private static final FloatVector ZERO = FloatVector.zero(S);

    /** {@link FastAdam#tiny} on every lane. */
    private static FloatVector tiny(FloatVector x) {
        return x.blend(ZERO, x.abs().lt(FastAdam.TINY));
    }

    /** Throws where the API is missing or does not run; returns the vector width in floats. */
    static int probe() {
        ByteBuffer b = ByteBuffer.allocateDirect(S.length() * 4 * 5).order(ORDER);
        for (int i = 0; i < S.length() * 5; i++) b.putFloat(i * 4, 1f);
        ByteBuffer[] parts = new ByteBuffer[5];
        for (int i = 0; i < 5; i++) parts[i] = b.slice(i * S.length() * 4, S.length() * 4).order(ORDER);
        fused(parts[0], parts[1], parts[2], parts[3], parts[4], 0, S.length(), 0.5f, 0.9f, 0.999f, 1e-3f, 1e-8f);
        float p = parts[4].getFloat(0);
        if (!(p < 1f && p > 0.99f)) throw new IllegalStateException("vector Adam gave " + p);
        return S.length();
    }

    /** {@link FastAdam}'s fused step over the floats [lo, hi): the gradient is scale * (g1 + g2); updates m, v, p. */
    static void fused(ByteBuffer g1, ByteBuffer g2, ByteBuffer m, ByteBuffer v, ByteBuffer p, int lo, int hi,
                      float scale, float b1, float b2, float alphat, float eps) {
        float c1 = 1 - b1, c2 = 1 - b2;
        int i = lo, step = S.length();
        for (int end = hi - step; i <= end; i += step) {
            int o = i * 4;
            FloatVector g = FloatVector.fromByteBuffer(S, g1, o, ORDER).add(FloatVector.fromByteBuffer(S, g2, o, ORDER)).mul(scale);
            FloatVector mi = tiny(FloatVector.fromByteBuffer(S, m, o, ORDER).mul(b1).add(g.mul(c1)));
            FloatVector vi = tiny(FloatVector.fromByteBuffer(S, v, o, ORDER).mul(b2).add(g.mul(c2).mul(g)));
            mi.intoByteBuffer(m, o, ORDER);
            vi.intoByteBuffer(v, o, ORDER);
            FloatVector pi = FloatVector.fromByteBuffer(S, p, o, ORDER);
            pi.sub(mi.mul(alphat).div(vi.sqrt().add(eps))).intoByteBuffer(p, o, ORDER);
        }
        if (i < hi) { // the last values, fewer than a vector: the plain loop, which computes the same
            FastAdam.fusedLoop(g1.asFloatBuffer(), g2.asFloatBuffer(), m.asFloatBuffer(), v.asFloatBuffer(), p.asFloatBuffer(), i, hi,
                    scale, b1, b2, alphat, eps);
        }
    }

    /** {@link FastAdam}'s updater over the floats [lo, hi): updates m and v and writes the step into g. */
    static void update(ByteBuffer g, ByteBuffer m, ByteBuffer v, int lo, int hi, float b1, float b2, float alphat, float eps) {
        float c1 = 1 - b1, c2 = 1 - b2;
        int i = lo, step = S.length();
        for (int end = hi - step; i <= end; i += step) {
            int o = i * 4;
            FloatVector gi = FloatVector.fromByteBuffer(S, g, o, ORDER);
            FloatVector mi = tiny(FloatVector.fromByteBuffer(S, m, o, ORDER).mul(b1).add(gi.mul(c1)));
            FloatVector vi = tiny(FloatVector.fromByteBuffer(S, v, o, ORDER).mul(b2).add(gi.mul(c2).mul(gi)));
            mi.intoByteBuffer(m, o, ORDER);
            vi.intoByteBuffer(v, o, ORDER);
            mi.mul(alphat).div(vi.sqrt().add(eps)).intoByteBuffer(g, o, ORDER);
        }
        if (i < hi) FastAdam.loop(g.asFloatBuffer(), m.asFloatBuffer(), v.asFloatBuffer(), i, hi, b1, b2, alphat, eps);
    }
}
