package wb.train;

import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import wb.common.FreeThreads;

/**
 * Prefetches batches on background threads so decoding and augmentation overlap training.
 *
 * <p>A fixed ring of batch slots is allocated once: each slot owns its heap staging buffers and its
 * off-heap feature/label arrays, so steady-state training allocates nothing (page faults are costly on
 * our VMs, see NOTES-DL4J.md). Workers fill free slots in batch order; the consumer takes them in order
 * and hands each back with {@link Batch#release()} after the network has used it.
 */
public final class BatchLoader implements AutoCloseable {

    /** One filled batch; valid until {@link #release()}. */
    public final class Batch {
        private final Slot slot;
        private final int index;
        private final int count;
        private final DataSet dataSet;

        private Batch(Slot slot, int index, int count, DataSet dataSet) {
            this.slot = slot;
            this.index = index;
            this.count = count;
            this.dataSet = dataSet;
        }

        /** Position of the batch in the epoch (0-based). */
        public int index() { return index; }

        public int size() { return count; }

        public DataSet dataSet() { return dataSet; }

        /** The examples' indices in the source, in batch order. */
        public int[] items() { return java.util.Arrays.copyOf(slot.items, count); }

        /** Returns the slot to the loader. */
        public void release() { free.offer(slot); }
    }

    private static final class Slot {
        final float[] x;
        final float[] y;
        final int[] items;
        final INDArray features;
        final INDArray labels;
        final DataSet dataSet;
        int count;

        Slot(int batch, int exampleLength, int[] shape, int classes) {
            x = new float[batch * exampleLength];
            y = new float[batch * Math.max(classes, 1)];
            items = new int[batch];
            long[] fshape = new long[shape.length + 1];
            fshape[0] = batch;
            for (int i = 0; i < shape.length; i++) fshape[i + 1] = shape[i];
            features = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, fshape);
            labels = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, batch, Math.max(classes, 1));
            dataSet = new DataSet(features, labels);
        }
    }

    private final TensorSource source;
    private final int[] order;
    private final int batchSize;
    private final int classes;
    private final boolean augment;
    private final float offTarget;
    private final float onTarget;
    private final long seed;
    private final int batches;
    private final BlockingQueue<Slot> free;
    private final Slot[] ready;
    private final Object lock = new Object();
    private final ExecutorService workers;
    private final AtomicInteger nextToFill = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private int nextToTake;
    private volatile boolean closed;

    /**
     * @param order       example indices in the order to serve them (already shuffled for training)
     * @param dropLast    drop a final partial batch (training), or serve it (inference)
     * @param classes     number of classes for one-hot labels; 0 to skip labels
     * @param augment     draw augmentation for each example
     * @param seed        seed from which each example's augmentation generator is derived
     * @param threads     loader threads
     * @param depth       batches prefetched ahead of the consumer
     */
    public BatchLoader(TensorSource source, int[] order, int batchSize, boolean dropLast, int classes,
                       boolean augment, long seed, int threads, int depth) {
        this(source, order, batchSize, dropLast, classes, augment, seed, threads, depth, 0);
    }

    /**
     * As above, with label smoothing {@code smoothing} in [0, 1): targets are {@code 1 - e + e/K} for the true class
     * and {@code e/K} for the others; an unlabelled example keeps an all-zero row.
     */
    public BatchLoader(TensorSource source, int[] order, int batchSize, boolean dropLast, int classes,
                       boolean augment, long seed, int threads, int depth, double smoothing) {
        if (!(smoothing >= 0 && smoothing < 1)) throw new IllegalArgumentException("label smoothing must be in [0, 1)");
        this.offTarget = classes > 0 ? (float) (smoothing / classes) : 0f;
        this.onTarget = (float) (1 - smoothing) + offTarget;
        this.source = source;
        this.order = order;
        this.batchSize = batchSize;
        this.classes = classes;
        this.augment = augment;
        this.seed = seed;
        int full = order.length / batchSize;
        this.batches = dropLast && full > 0 ? full : (order.length + batchSize - 1) / batchSize;
        int slots = Math.max(2, depth + 1);
        this.free = new ArrayBlockingQueue<>(slots);
        this.ready = new Slot[batches];
        int ex = source.exampleLength();
        for (int i = 0; i < slots; i++) free.add(new Slot(batchSize, ex, source.shape(), classes));
        // Started from FreeThreads: the training thread that creates a loader may be bound to one core by OpenMP.
        this.workers = FreeThreads.startLoops(Math.max(1, threads), "batch-loader", this::work);
    }

    public int batches() { return batches; }

    /** Batches filled and waiting for the consumer: the prefetch queue depth shown in metrics. */
    public int queued() {
        synchronized (lock) {
            int n = 0;
            for (int b = nextToTake; b < batches && ready[b] != null; b++) n++;
            return n;
        }
    }

    private void work() {
        try {
            while (!closed) {
                Slot slot = free.poll(100, TimeUnit.MILLISECONDS);
                if (slot == null) continue;
                int b = nextToFill.getAndIncrement();
                if (b >= batches) {
                    free.offer(slot);
                    return;
                }
                fill(slot, b);
                synchronized (lock) {
                    ready[b] = slot;
                    lock.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            synchronized (lock) { lock.notifyAll(); }
        }
    }

    private void fill(Slot s, int b) {
        int start = b * batchSize;
        int n = Math.min(batchSize, order.length - start);
        int ex = source.exampleLength();
        if (classes > 0) java.util.Arrays.fill(s.y, 0f);
        for (int j = 0; j < n; j++) {
            int item = order[start + j];
            s.items[j] = item;
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + item);
            source.load(item, s.x, j * ex, augment, rng);
            if (classes > 0) {
                int label = source.label(item);
                if (label >= 0) {
                    if (offTarget > 0) java.util.Arrays.fill(s.y, j * classes, (j + 1) * classes, offTarget);
                    s.y[j * classes + label] = onTarget;
                }
            }
        }
        s.count = n;
        // Copy into the slot's off-heap arrays; for a short final batch only the first n rows are used (see next()).
        s.features.data().asNioFloat().put(0, s.x, 0, n * ex);
        if (classes > 0) s.labels.data().asNioFloat().put(0, s.y, 0, n * classes);
    }

    /** The next batch in order, waiting for it if needed. */
    public Batch next() throws InterruptedException {
        Slot s;
        int b;
        synchronized (lock) {
            if (nextToTake >= batches) throw new IllegalStateException("no more batches");
            b = nextToTake;
            while (ready[b] == null) {
                Throwable t = failure.get();
                if (t != null) throw new IllegalStateException("batch loading failed: " + t.getMessage(), t);
                lock.wait(100);
            }
            s = ready[b];
            ready[b] = null;
            nextToTake++;
        }
        if (s.count < batchSize) {
            // A short final batch is served as views of the slot's first rows, so its DataSet has the true size.
            INDArrayIndex rows = NDArrayIndex.interval(0, s.count);
            return new Batch(s, b, s.count, new DataSet(s.features.get(rows), s.labels.get(rows)));
        }
        return new Batch(s, b, s.count, s.dataSet);
    }

    @Override public void close() {
        closed = true;
        workers.shutdownNow();
    }
}
