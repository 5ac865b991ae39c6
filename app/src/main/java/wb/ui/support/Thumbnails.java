package wb.ui.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import wb.imaging.DecodeResult;
import wb.imaging.ImageDecoder;
import wb.imaging.ImageOps;
import wb.imaging.Raster;
import wb.imaging.ResizePolicy;

/**
 * Decodes image files into small JavaFX images off the FX thread, with the workbench's own decoder (so every
 * format the dataset accepts shows, not only what JavaFX reads) and a bounded most-recently-used cache.
 * All methods are called on the FX thread; callbacks arrive on it too, batched through {@link FxDrain}.
 */
public final class Thumbnails {

    private final Executor executor;
    private final int size;
    private final int capacity;
    private final FxDrain drain = new FxDrain();
    private final Map<Path, Image> cache;
    private final Map<Path, List<Consumer<Image>>> pending = new HashMap<>();

    /** {@code size}: longest side in pixels; {@code capacity}: images kept in memory. */
    public Thumbnails(Executor executor, int size, int capacity) {
        this.executor = executor;
        this.size = size;
        this.capacity = capacity;
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<Path, Image> eldest) {
                return size() > Thumbnails.this.capacity;
            }
        };
    }

    public int size() { return size; }

    /** The cached thumbnail, or null when it has not been decoded yet. */
    public Image cached(Path file) {
        return cache.get(file);
    }

    /**
     * Calls {@code onLoaded} with the thumbnail (null when the file cannot be decoded), at once when cached,
     * otherwise later on the FX thread.
     */
    public void load(Path file, Consumer<Image> onLoaded) {
        Image hit = cache.get(file);
        if (hit != null) {
            onLoaded.accept(hit);
            return;
        }
        List<Consumer<Image>> waiting = pending.get(file);
        if (waiting != null) {
            waiting.add(onLoaded);
            return;
        }
        waiting = new ArrayList<>();
        waiting.add(onLoaded);
        pending.put(file, waiting);
        try {
            executor.execute(() -> {
                Image img = decode(file, size);
                drain.post(() -> deliver(file, img));
            });
        } catch (RejectedExecutionException e) {
            deliver(file, null);
        }
    }

    private void deliver(Path file, Image img) {
        if (img != null) cache.put(file, img);
        List<Consumer<Image>> waiting = pending.remove(file);
        if (waiting != null) waiting.forEach(c -> c.accept(img));
    }

    /** Decodes and shrinks one file to fit {@code maxSide}, keeping its aspect ratio; null when it cannot be read. */
    public static Image decode(Path file, int maxSide) {
        DecodeResult d = ImageDecoder.decode(file, 3);
        if (!(d instanceof DecodeResult.Ok ok)) return null;
        Raster r = ok.raster();
        double scale = Math.min(1.0, (double) maxSide / Math.max(r.width(), r.height()));
        if (scale < 1.0) {
            int w = Math.max(1, (int) Math.round(r.width() * scale));
            int h = Math.max(1, (int) Math.round(r.height() * scale));
            r = ImageOps.resize(r, w, h, ResizePolicy.SQUASH);
        }
        return toImage(r);
    }

    /** Wraps a raster as a JavaFX image (safe off the FX thread: the image is not yet in a scene). */
    public static WritableImage toImage(Raster r) {
        Raster rgb = r.channels() == 3 ? r : ImageOps.toChannels(r, 3);
        WritableImage img = new WritableImage(rgb.width(), rgb.height());
        img.getPixelWriter().setPixels(0, 0, rgb.width(), rgb.height(), PixelFormat.getByteRgbInstance(), rgb.pixels(), 0, rgb.width() * 3);
        return img;
    }

    /** Reads a JavaFX image (e.g. a chart snapshot) into an RGB raster for the PNG writer. */
    public static Raster toRaster(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            rgb[i * 3] = (byte) (p >> 16);
            rgb[i * 3 + 1] = (byte) (p >> 8);
            rgb[i * 3 + 2] = (byte) p;
        }
        return new Raster(w, h, 3, rgb);
    }
}
