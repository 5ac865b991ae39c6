package wb.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.UserException;
import wb.imaging.Raster;

/**
 * Imports CIFAR-10 binary batches into a fast.ai folder layout of RGB PNGs. Each record is one label byte
 * followed by 3072 bytes: the 32x32 red plane, then green, then blue, rows top to bottom
 * (https://www.cs.toronto.edu/~kriz/cifar.html, "binary version").
 */
public final class CifarImporter {

    /** CIFAR-10 class names in label order, as in {@code batches.meta.txt}. */
    public static final List<String> CIFAR10_CLASSES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    static final int SIDE = 32;
    static final int PLANE = SIDE * SIDE;
    static final int RECORD = 1 + 3 * PLANE;

    private CifarImporter() { }

    /** The records of one or more batch files: labels and planar RGB pixels. */
    public record CifarBatch(byte[] labels, byte[] planes) {
        public int size() { return labels.length; }

        /** Record {@code i} as an interleaved RGB raster. */
        public Raster image(int i) {
            byte[] px = new byte[3 * PLANE];
            int base = i * 3 * PLANE;
            for (int p = 0; p < PLANE; p++) {
                px[3 * p] = planes[base + p];
                px[3 * p + 1] = planes[base + PLANE + p];
                px[3 * p + 2] = planes[base + 2 * PLANE + p];
            }
            return new Raster(SIDE, SIDE, 3, px);
        }
    }

    /** Reads and concatenates binary batch files; throws {@link UserException} when a size is not whole records. */
    public static CifarBatch readBatches(List<Path> files) {
        List<byte[]> contents = new ArrayList<>();
        int records = 0;
        for (Path f : files) {
            byte[] b = IdxImporter.readAll(f);
            if (b.length == 0 || b.length % RECORD != 0) {
                throw new UserException(f + ": " + b.length + " bytes is not a whole number of CIFAR-10 records of " + RECORD
                        + " bytes (is it the binary version, not the Python pickle?)");
            }
            contents.add(b);
            records += b.length / RECORD;
        }
        byte[] labels = new byte[records];
        byte[] planes = new byte[records * 3 * PLANE];
        int r = 0;
        for (byte[] b : contents) {
            for (int off = 0; off < b.length; off += RECORD, r++) {
                labels[r] = b[off];
                System.arraycopy(b, off + 1, planes, r * 3 * PLANE, 3 * PLANE);
            }
        }
        return new CifarBatch(labels, planes);
    }

    /** Reads class names from {@code batches.meta.txt}: one per non-blank line, in label order. */
    public static List<String> readMeta(Path metaTxt) {
        try {
            return Files.readAllLines(metaTxt, StandardCharsets.UTF_8).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UserException("cannot read class names from " + metaTxt + ": " + e.getMessage(), e);
        }
    }

    /**
     * Imports {@code trainBatches} (e.g. data_batch_1..5.bin) into {@code out} and, when
     * {@code options.testLimit() != 0}, {@code testBatch} as an unlabelled Kaggle-style test set. Class names
     * come from {@code batches.meta.txt} next to the first batch when present, else {@link #CIFAR10_CLASSES}.
     */
    public static ImportResult importBatches(List<Path> trainBatches, Path testBatch, Path out, ImportOptions options,
                                             Progress progress, Cancellation cancellation) {
        if (trainBatches.isEmpty()) throw new IllegalArgumentException("no training batches given");
        Path meta = trainBatches.get(0).toAbsolutePath().resolveSibling("batches.meta.txt");
        List<String> classes = Files.isRegularFile(meta) ? readMeta(meta) : CIFAR10_CLASSES;
        progress.update("Reading CIFAR batches", 0, -1);
        CifarBatch train = readBatches(trainBatches);
        CifarBatch test = null;
        if (options.testLimit() != 0) {
            if (testBatch == null) throw new IllegalArgumentException("testBatch is needed for a test set");
            test = readBatches(List.of(testBatch));
        }
        return ImportWriter.write(source(train), test == null ? null : source(test), classes, out, options, progress, cancellation);
    }

    private static ImportWriter.Source source(CifarBatch batch) {
        return new ImportWriter.Source() {
            @Override public int size() { return batch.size(); }
            @Override public int label(int i) { return batch.labels()[i] & 0xff; }
            @Override public Raster image(int i) { return batch.image(i); }
        };
    }
}
