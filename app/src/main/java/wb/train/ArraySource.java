package wb.train;

import java.util.random.RandomGenerator;

/** A {@link TensorSource} over examples already in memory (imported arrays, cached features). */
public final class ArraySource implements TensorSource {
    private final float[][] examples;
    private final int[] labels;
    private final int[] shape;

    public ArraySource(float[][] examples, int[] labels, int[] shape) {
        if (examples.length != labels.length) throw new IllegalArgumentException("examples and labels differ in length");
        this.examples = examples;
        this.labels = labels;
        this.shape = shape.clone();
        int n = exampleLength();
        for (float[] e : examples) if (e.length != n) throw new IllegalArgumentException("example length " + e.length + " != " + n);
    }

    @Override public int size() { return examples.length; }
    @Override public int[] shape() { return shape.clone(); }
    @Override public int label(int i) { return labels[i]; }

    @Override public void load(int i, float[] dst, int offset, boolean augment, RandomGenerator rng) {
        System.arraycopy(examples[i], 0, dst, offset, examples[i].length);
    }
}
