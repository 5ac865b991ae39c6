package wb.train;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.random.RandomGenerator;

import wb.augment.Augmenter;
import wb.imaging.DecodeResult;
import wb.imaging.ImageDecoder;
import wb.imaging.Raster;
import wb.model.Preprocessing;

/**
 * Image files as tensors: decode, convert and resize (cached in memory while within budget, since
 * decoding dominates for small images), augment when training, then normalise. A file that fails to
 * decode here (changed since verification) becomes an all-zero example and is reported by
 * {@link #failures()}, so one bad file never stops a run.
 */
public final class ImageSource implements TensorSource {

    private final List<Path> files;
    private final int[] labels;
    private final Preprocessing pre;
    private final Augmenter augmenter;
    private final AtomicReferenceArray<Raster> cache;
    private final long cacheBudgetBytes;
    private final AtomicLong cachedBytes = new AtomicLong();
    private final java.util.Map<Integer, String> failures = new java.util.concurrent.ConcurrentSkipListMap<>();

    /**
     * @param labels          class index per file, -1 for unlabelled
     * @param augmenter       null for no augmentation
     * @param cacheBudgetBytes bytes of prepared 8-bit images kept in memory (0 = no cache)
     */
    public ImageSource(List<Path> files, int[] labels, Preprocessing pre, Augmenter augmenter, long cacheBudgetBytes) {
        if (files.size() != labels.length) throw new IllegalArgumentException("files and labels differ in length");
        this.files = List.copyOf(files);
        this.labels = labels.clone();
        this.pre = pre;
        this.augmenter = augmenter == null || augmenter.config().isIdentity() ? null : augmenter;
        this.cache = new AtomicReferenceArray<>(files.size());
        this.cacheBudgetBytes = cacheBudgetBytes;
    }

    /** The same files with other preprocessing or augmentation (sharing nothing mutable). */
    public ImageSource with(Preprocessing p, Augmenter a) {
        return new ImageSource(files, labels, p, a, cacheBudgetBytes);
    }

    public List<Path> files() { return files; }

    public Preprocessing preprocessing() { return pre; }

    @Override public int size() { return files.size(); }

    @Override public int[] shape() { return pre.input().chw(); }

    @Override public int label(int i) { return labels[i]; }

    /** The decoded, converted and resized image (before augmentation), or null if it cannot be decoded. */
    public Raster prepared(int i) {
        Raster r = cache.get(i);
        if (r != null) return r;
        DecodeResult d = ImageDecoder.decode(files.get(i), 0);
        if (d instanceof DecodeResult.Failed f) {
            failures.putIfAbsent(i, f.message());
            return null;
        }
        r = pre.prepare(((DecodeResult.Ok) d).raster());
        long size = r.pixels().length;
        if (cachedBytes.get() + size <= cacheBudgetBytes) {
            cachedBytes.addAndGet(size);
            cache.set(i, r);
        }
        return r;
    }

    @Override public void load(int i, float[] dst, int offset, boolean augment, RandomGenerator rng) {
        Raster r = prepared(i);
        if (r == null) {
            java.util.Arrays.fill(dst, offset, offset + exampleLength(), 0f);
            return;
        }
        if (augment && augmenter != null) r = augmenter.augment(r, rng);
        pre.toTensor(r, dst, offset);
    }

    /**
     * The same images seen through a fixed transform of the prepared 8-bit image (a test-time augmentation
     * view), never augmented; shares this source's cache and its list of undecodable files.
     */
    public TensorSource view(java.util.function.UnaryOperator<Raster> transform) {
        ImageSource self = this;
        return new TensorSource() {
            @Override public int size() { return self.size(); }
            @Override public int[] shape() { return self.shape(); }
            @Override public int label(int i) { return self.label(i); }

            @Override public void load(int i, float[] dst, int offset, boolean augment, RandomGenerator rng) {
                Raster r = prepared(i);
                if (r == null) {
                    java.util.Arrays.fill(dst, offset, offset + exampleLength(), 0f);
                    return;
                }
                pre.toTensor(transform.apply(r), dst, offset);
            }
        };
    }

    /** Messages for files that could not be decoded during training or prediction. */
    public List<String> failures() { return List.copyOf(failures.values()); }

    /** Indices of the examples that could not be decoded, ascending. */
    public java.util.Set<Integer> failedIndices() { return java.util.Set.copyOf(failures.keySet()); }
}
