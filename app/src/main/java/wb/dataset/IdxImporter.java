package wb.dataset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.UserException;
import wb.imaging.Raster;

/**
 * Imports MNIST-style IDX files (MNIST, Fashion-MNIST; gzip-compressed or raw) into a fast.ai folder
 * layout of grey PNGs. Format: http://yann.lecun.com/exdb/mnist/ (big-endian header, magic 0x803 for
 * images, 0x801 for labels).
 */
public final class IdxImporter {

    /** MNIST digit classes, "0".."9". */
    public static final List<String> MNIST_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /**
     * Fashion-MNIST classes in label order, as folder-safe names for T-shirt/top, Trouser, Pullover, Dress,
     * Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot.
     */
    public static final List<String> FASHION_MNIST_CLASSES = List.of(
            "tshirt_top", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle_boot");

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxImporter() { }

    /** The images of an IDX3 file: {@code count} grey images of {@code rows x cols} bytes each. */
    public record IdxImages(int count, int rows, int cols, byte[] pixels) {
        /** Image {@code i} as a grey raster (a copy). */
        public Raster image(int i) {
            int size = rows * cols;
            byte[] px = new byte[size];
            System.arraycopy(pixels, i * size, px, 0, size);
            return new Raster(cols, rows, 1, px);
        }
    }

    /**
     * The IDX file {@code stem} (e.g. "train-images-idx3-ubyte") in {@code dir}, gzipped or raw, with either the
     * "-idx3" or the ".idx3" spelling; a {@link wb.common.UserException} naming the folder when it is missing.
     */
    public static Path locate(Path dir, String stem) {
        String dotted = stem.replace("-idx", ".idx");
        for (String name : List.of(stem + ".gz", stem, dotted + ".gz", dotted)) {
            Path p = dir.resolve(name);
            if (java.nio.file.Files.isRegularFile(p)) return p;
        }
        throw new wb.common.UserException("no " + stem + "[.gz] in " + dir);
    }

    /** Reads an IDX3 unsigned-byte image file; throws {@link UserException} on a wrong magic or size. */
    public static IdxImages readImages(Path file) {
        ByteBuffer b = ByteBuffer.wrap(readAll(file));
        header(b, file, IMAGES_MAGIC, "images", 16);
        int count = b.getInt();
        int rows = b.getInt();
        int cols = b.getInt();
        if (count < 0 || rows <= 0 || cols <= 0) throw new UserException(file + ": invalid IDX header (" + count + " images of " + rows + "x" + cols + ")");
        long expected = (long) count * rows * cols;
        if (b.remaining() != expected) {
            throw new UserException(file + ": header says " + count + " images of " + rows + "x" + cols + " = " + expected
                    + " bytes but the file has " + b.remaining() + (b.remaining() < expected ? " (truncated download?)" : ""));
        }
        byte[] pixels = new byte[(int) expected];
        b.get(pixels);
        return new IdxImages(count, rows, cols, pixels);
    }

    /** Reads an IDX1 unsigned-byte label file; throws {@link UserException} on a wrong magic or size. */
    public static byte[] readLabels(Path file) {
        ByteBuffer b = ByteBuffer.wrap(readAll(file));
        header(b, file, LABELS_MAGIC, "labels", 8);
        int count = b.getInt();
        if (b.remaining() != count) {
            throw new UserException(file + ": header says " + count + " labels but the file has " + b.remaining() + " bytes of labels");
        }
        byte[] labels = new byte[count];
        b.get(labels);
        return labels;
    }

    /**
     * Imports {@code trainImages}/{@code trainLabels} into {@code out} (train/ and valid/ class folders) and,
     * when {@code options.testLimit() != 0}, {@code testImages}/{@code testLabels} as an unlabelled Kaggle-style
     * test set with an answer key. {@code classNames} are in label order (see {@link #FASHION_MNIST_CLASSES}).
     */
    public static ImportResult importIdx(Path trainImages, Path trainLabels, Path testImages, Path testLabels,
                                         List<String> classNames, Path out, ImportOptions options,
                                         Progress progress, Cancellation cancellation) {
        progress.update("Reading " + trainImages.getFileName(), 0, -1);
        ImportWriter.Source train = source(readImages(trainImages), readLabels(trainLabels), trainImages, trainLabels);
        ImportWriter.Source test = null;
        if (options.testLimit() != 0) {
            if (testImages == null || testLabels == null) throw new IllegalArgumentException("testImages and testLabels are needed for a test set");
            cancellation.throwIfCancelled();
            test = source(readImages(testImages), readLabels(testLabels), testImages, testLabels);
        }
        return ImportWriter.write(train, test, classNames, out, options, progress, cancellation);
    }

    private static ImportWriter.Source source(IdxImages images, byte[] labels, Path imageFile, Path labelFile) {
        if (images.count() != labels.length) {
            throw new UserException("counts differ: " + imageFile.getFileName() + " has " + images.count() + " images but "
                    + labelFile.getFileName() + " has " + labels.length + " labels");
        }
        return new ImportWriter.Source() {
            @Override public int size() { return images.count(); }
            @Override public int label(int i) { return labels[i] & 0xff; }
            @Override public Raster image(int i) { return images.image(i); }
        };
    }

    /** Reads and checks the magic number first, so a swapped file gets the helpful message, then the header size. */
    private static int header(ByteBuffer b, Path file, int expectedMagic, String what, int headerBytes) {
        if (b.remaining() < 4) throw new UserException(file + ": too short for an IDX file (" + b.remaining() + " bytes)");
        int magic = b.getInt();
        if (magic != expectedMagic) throw wrongMagic(file, magic, expectedMagic, what);
        if (b.remaining() < headerBytes - 4) throw new UserException(file + ": IDX header ends early (truncated download?)");
        return magic;
    }

    private static UserException wrongMagic(Path file, int magic, int expected, String what) {
        String hint = magic == IMAGES_MAGIC || magic == LABELS_MAGIC ? "; images and labels files swapped?" : "; not an IDX unsigned-byte file";
        return new UserException(String.format("%s: magic number 0x%08X, expected 0x%08X for IDX %s%s", file, magic, expected, what, hint));
    }

    /** Reads the whole file, gunzipping it when it starts with the gzip magic (whatever its name). */
    static byte[] readAll(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                try (InputStream gz = new GZIPInputStream(raw, 1 << 16)) {
                    return gz.readAllBytes();
                }
            }
            return raw.readAllBytes();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserException("file not found: " + file, e);
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage() + " (corrupt or truncated gzip?)", e);
        }
    }
}
