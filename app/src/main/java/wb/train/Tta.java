package wb.train;

import java.util.random.RandomGenerator;

/**
 * Test-time augmentation: predict several deterministic views of each image and average the
 * probabilities. FLIP averages the image and its mirror image (right for classes that are symmetric
 * left-right, like clothing or animals; wrong for digits or text).
 */
public enum Tta {
    NONE, FLIP;

    /** The source whose examples are the mirror images of {@code source}'s (CHW tensors). */
    static TensorSource mirrored(TensorSource source) {
        int[] shape = source.shape();
        if (shape.length != 3) throw new IllegalArgumentException("flip test-time augmentation needs image tensors, not shape " + java.util.Arrays.toString(shape));
        int width = shape[2];
        return new TensorSource() {
            @Override public int size() { return source.size(); }
            @Override public int[] shape() { return source.shape(); }
            @Override public int label(int i) { return source.label(i); }

            @Override public void load(int i, float[] dst, int offset, boolean augment, RandomGenerator rng) {
                source.load(i, dst, offset, false, rng);
                int rows = shape[0] * shape[1];
                for (int r = 0; r < rows; r++) {
                    int a = offset + r * width;
                    for (int x = 0, y = width - 1; x < y; x++, y--) {
                        float t = dst[a + x];
                        dst[a + x] = dst[a + y];
                        dst[a + y] = t;
                    }
                }
            }
        };
    }
}
