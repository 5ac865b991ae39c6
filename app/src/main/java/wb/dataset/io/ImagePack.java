package wb.dataset.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Node;

import wb.common.AtomicFiles;
import wb.common.UserException;

/**
 * A dataset's images, decoded and resized once, packed into one HDF5 file (the computer-vision book's
 * HDF5DatasetWriter), as 8-bit pixels: a 25,000-image folder at 64x64 RGB is 307 MB as uint8 where float64
 * would be 2.5 GB. Layout (h5py: {@code f['images'][i]} is an H x W x C uint8 array):
 *
 * <pre>
 * /images       uint8  [N, H, W, C]   chunked (about 1 MB per chunk), deflate
 * /labels       int32  [N]            class index, -1 = unlabelled
 * /split        uint8  [N]            0 train, 1 valid, 2 test (attribute split_names)
 * /label_names  string [K]            class names in index order
 * /paths        string [N]            image paths relative to the dataset_root attribute
 * attributes    format, height, width, channels, resize, dataset_root, created_at, split_names
 * </pre>
 *
 * Written to a temporary sibling and renamed. jhdf builds the file in memory, so the pixels must fit in the
 * heap; {@link #bytesFor} lets a caller check first.
 */
public final class ImagePack {

    /** Value of the {@code format} attribute; changes when the layout does. */
    public static final String FORMAT = "image-workbench-images/1";

    private static final int CHUNK_BYTES = 1 << 20;

    /**
     * The packed images and what they are.
     *
     * @param pixels one HWC uint8 array per image, all {@code height x width x channels} long
     */
    public record Table(List<byte[]> pixels, int[] labels, byte[] splits, List<String> labelNames, List<String> paths,
                        int height, int width, int channels, String resize, String datasetRoot, String createdAt) {
        public Table {
            pixels = List.copyOf(pixels);
            labelNames = List.copyOf(labelNames);
            paths = List.copyOf(paths);
            int n = pixels.size();
            if (labels.length != n || splits.length != n || paths.size() != n) {
                throw new IllegalArgumentException("images, labels, splits and paths differ in length");
            }
            int len = height * width * channels;
            for (byte[] p : pixels) {
                if (p.length != len) throw new IllegalArgumentException("every image must be " + height + "x" + width + "x" + channels);
            }
        }

        public int size() { return pixels.size(); }
    }

    private ImagePack() { }

    /** Bytes of pixel data for {@code n} images of the given size. */
    public static long bytesFor(long n, int height, int width, int channels) {
        return n * height * width * channels;
    }

    public static void write(Path file, Table t) throws IOException {
        if (t.size() == 0) throw new UserException("no images to store in " + file);
        int h = t.height();
        int w = t.width();
        int c = t.channels();
        byte[][][][] images = new byte[t.size()][h][w][c];
        for (int i = 0; i < t.size(); i++) {
            byte[] p = t.pixels().get(i);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) System.arraycopy(p, (y * w + x) * c, images[i][y][x], 0, c);
            }
        }
        AtomicFiles.writeVia(file, tmp -> {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                int rows = (int) Math.max(1, Math.min(t.size(), CHUNK_BYTES / bytesFor(1, h, w, c)));
                f.putDataset("images", images, DatasetCreationOptions.builder().unsigned().chunkDimensions(rows, h, w, c).deflate(4).build());
                f.putDataset("labels", t.labels());
                f.putDataset("split", t.splits(), DatasetCreationOptions.builder().unsigned().build());
                if (!t.labelNames().isEmpty()) f.putDataset("label_names", t.labelNames().toArray(new String[0]));
                f.putDataset("paths", t.paths().toArray(new String[0]));
                f.putAttribute("format", FORMAT);
                f.putAttribute("height", h);
                f.putAttribute("width", w);
                f.putAttribute("channels", c);
                f.putAttribute("resize", t.resize());
                f.putAttribute("dataset_root", t.datasetRoot());
                f.putAttribute("created_at", t.createdAt());
                f.putAttribute("split_names", String.join(",", FeatureTable.SPLIT_NAMES));
            } catch (RuntimeException e) {
                throw new IOException("could not write HDF5: " + e.getMessage(), e);
            }
        });
    }

    /** Reads the whole file back. */
    public static Table read(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) throw new UserException("image pack " + file + " does not exist");
        try (HdfFile f = new HdfFile(file)) {
            Attribute format = f.getAttribute("format");
            if (format == null || !FORMAT.equals(format.getData())) {
                throw new UserException(file + " is not an image pack of this workbench (format " + (format == null ? "missing" : format.getData()) + ")");
            }
            int h = ((Number) f.getAttribute("height").getData()).intValue();
            int w = ((Number) f.getAttribute("width").getData()).intValue();
            int c = ((Number) f.getAttribute("channels").getData()).intValue();
            Object data = ((Dataset) f.getChild("images")).getData();
            int[] labels = (int[]) ((Dataset) f.getChild("labels")).getData();
            List<byte[]> pixels = new java.util.ArrayList<>(labels.length);
            for (int i = 0; i < labels.length; i++) pixels.add(flatten(data, i, h, w, c));
            Object s = ((Dataset) f.getChild("split")).getData();
            byte[] splits = new byte[labels.length];
            if (s instanceof int[] wide) for (int i = 0; i < wide.length; i++) splits[i] = (byte) wide[i];
            else if (s instanceof byte[] b) splits = b;
            Node names = f.getChild("label_names");
            List<String> labelNames = names == null ? List.of() : Arrays.asList((String[]) ((Dataset) names).getData());
            List<String> paths = Arrays.asList((String[]) ((Dataset) f.getChild("paths")).getData());
            return new Table(pixels, labels, splits, labelNames, paths, h, w, c, String.valueOf(f.getAttribute("resize").getData()),
                    String.valueOf(f.getAttribute("dataset_root").getData()), String.valueOf(f.getAttribute("created_at").getData()));
        } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
            throw new UserException(file + " is not a valid image pack: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof UserException u) throw u;
            throw new UserException(file + " is not an HDF5 file (" + e.getMessage() + ")", e);
        }
    }

    /** One image as HWC bytes; jhdf returns unsigned bytes widened to short or int. */
    private static byte[] flatten(Object data, int i, int h, int w, int c) {
        byte[] out = new byte[h * w * c];
        Object img = java.lang.reflect.Array.get(data, i);
        int k = 0;
        for (int y = 0; y < h; y++) {
            Object row = java.lang.reflect.Array.get(img, y);
            for (int x = 0; x < w; x++) {
                Object px = java.lang.reflect.Array.get(row, x);
                for (int ch = 0; ch < c; ch++) out[k++] = (byte) ((Number) java.lang.reflect.Array.get(px, ch)).intValue();
            }
        }
        return out;
    }
}
