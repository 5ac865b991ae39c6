package wb.train;

import java.util.random.RandomGenerator;

/**
 * Indexed examples as float tensors: what the trainer and inference consume. Implementations decode
 * images (with augmentation when training) or serve precomputed arrays (cached features). {@link #load}
 * is called concurrently from loader threads and must be thread-safe.
 */
public interface TensorSource {

    int size();

    /** Shape of one example without the batch dimension, e.g. {1, 28, 28} or {4096}. */
    int[] shape();

    /** Class index of example {@code i}, or -1 when unlabelled. */
    int label(int i);

    /**
     * Writes example {@code i} into {@code dst} at {@code offset}. With {@code augment}, random
     * augmentation is drawn from {@code rng} (the loader gives every example its own seeded generator,
     * so the result does not depend on thread scheduling).
     */
    void load(int i, float[] dst, int offset, boolean augment, RandomGenerator rng);

    /** Number of floats per example. */
    default int exampleLength() {
        int n = 1;
        for (int d : shape()) n *= d;
        return n;
    }
}
