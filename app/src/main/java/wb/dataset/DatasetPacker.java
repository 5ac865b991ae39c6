package wb.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.UserException;
import wb.dataset.io.ImagePack;
import wb.imaging.DecodeResult;
import wb.imaging.ImageDecoder;
import wb.imaging.ImageOps;
import wb.imaging.Raster;
import wb.imaging.ResizePolicy;

/**
 * Packs a dataset's images into one HDF5 file ({@link ImagePack}): each image decoded once, resized to a square,
 * stored as uint8 with its label, split and path. Files that cannot be decoded are skipped and listed with their
 * reasons; they never get a row.
 */
public final class DatasetPacker {

    /** What was packed. */
    public record Result(Path file, int images, int height, int width, int channels, long pixelBytes, List<String> skipped) {
        public Result {
            skipped = List.copyOf(skipped);
        }
    }

    private DatasetPacker() { }

    /**
     * @param size     side of the square images in pixels
     * @param channels 1 (grey), 3 (RGB) or 0: grey when every image is grey, else RGB
     */
    public static Result pack(Dataset dataset, int size, ResizePolicy resize, int channels, Path out, Progress progress, Cancellation cancel)
            throws IOException {
        if (size < 8 || size > 1024) throw new UserException("image size must be 8..1024 pixels, not " + size);
        if (channels != 0 && channels != 1 && channels != 3) throw new UserException("channels must be 1, 3 or auto, not " + channels);
        List<ImageItem> items = new ArrayList<>();
        List<Byte> splits = new ArrayList<>();
        for (Dataset.Placed p : dataset.placedItems()) {
            items.add(p.item());
            splits.add((byte) p.split().ordinal());
        }
        if (items.isEmpty()) throw new UserException(dataset.root() + " has no images to pack");
        int worstChannels = channels == 0 ? 3 : channels;
        long need = ImagePack.bytesFor(items.size(), size, size, worstChannels) * 3; // rows, the 4-D copy and jhdf's buffer
        long heap = Runtime.getRuntime().maxMemory();
        if (need > heap * 3 / 4) {
            throw new UserException(String.format(java.util.Locale.ROOT,
                    "%,d images at %dx%dx%d need about %,d MB of memory to pack, more than this JVM has (%,d MB): choose a smaller --size, "
                            + "or give Java more memory (WB_JAVA_OPTS=-Xmx...)", items.size(), size, size, worstChannels, need >> 20, heap >> 20));
        }

        List<Raster> rasters = new ArrayList<>(items.size());
        List<Integer> kept = new ArrayList<>(items.size());
        List<String> skipped = new ArrayList<>();
        boolean colour = channels == 3;
        for (int i = 0; i < items.size(); i++) {
            cancel.throwIfCancelled();
            ImageItem item = items.get(i);
            DecodeResult r = ImageDecoder.decode(item.path(), channels);
            if (r instanceof DecodeResult.Failed f) {
                skipped.add(f.message());
            } else {
                Raster raster = ImageOps.resize(((DecodeResult.Ok) r).raster(), size, size, resize);
                colour |= raster.channels() == 3;
                rasters.add(raster);
                kept.add(i);
            }
            if (i % 64 == 0 || i == items.size() - 1) progress.update("packing images", i + 1, items.size());
        }
        if (rasters.isEmpty()) throw new UserException("none of the " + items.size() + " images in " + dataset.root() + " could be decoded");
        int c = colour ? 3 : 1;
        List<byte[]> pixels = new ArrayList<>(rasters.size());
        int[] labels = new int[rasters.size()];
        byte[] splitOf = new byte[rasters.size()];
        List<String> paths = new ArrayList<>(rasters.size());
        for (int k = 0; k < rasters.size(); k++) {
            Raster r = rasters.get(k);
            pixels.add(ImageOps.toChannels(r, c).pixels());
            rasters.set(k, null);
            ImageItem item = items.get(kept.get(k));
            labels[k] = item.label() == null ? -1 : dataset.labelIndex(item.label());
            splitOf[k] = splits.get(kept.get(k));
            paths.add(relative(dataset.root(), item.path()));
        }
        progress.update("writing " + out.getFileName(), 0, -1);
        ImagePack.write(out, new ImagePack.Table(pixels, labels, splitOf, dataset.classes(), paths, size, size, c, resize.name(),
                dataset.root().toAbsolutePath().toString(), Instant.now().toString()));
        return new Result(out, pixels.size(), size, size, c, ImagePack.bytesFor(pixels.size(), size, size, c), skipped);
    }

    private static String relative(Path root, Path p) {
        try {
            return root.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return p.toString();
        }
    }
}
