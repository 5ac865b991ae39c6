package wb.ui.data;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.scene.image.Image;

import wb.common.FreeThreads;
import wb.imaging.DecodeResult;
import wb.imaging.ImageDecoder;
import wb.imaging.ImageOps;
import wb.imaging.Raster;
import wb.imaging.ResizePolicy;
import wb.ui.FxImages;

/**
 * Decodes grid thumbnails off the FX thread and keeps the most recently used ones. Requests are served
 * newest first (the cells just scrolled into view), at most {@link #MAX_IN_FLIGHT} decode at once so the
 * shared background threads stay free for other work, and a cell that is reused for another image cancels
 * its request before it starts. Finished decodes are handed to the FX thread in batches: one
 * {@code runLater} drains everything that finished since the last one.
 * <p>
 * All methods except the decode itself run on the FX thread.
 */
final class ThumbnailLoader {

    /** The longest side of a thumbnail; smaller images are kept at their size and scaled by the view. */
    static final int SIZE = 96;
    /** Thumbnails kept: 2,000 of at most 96x96 RGBA is about 70 MB in the worst case. */
    static final int CACHE_SIZE = 2000;
    /**
     * Decodes running at once: one core is left to the FX and render threads, so scrolling stays fluid
     * on a two-core laptop, and no more than three, so the shared background pool stays available.
     */
    static final int MAX_IN_FLIGHT = Math.max(1, Math.min(3, FreeThreads.cores() - 1));

    /** A decoded thumbnail, or the reason the file could not be shown. */
    record Thumb(Image image, String error) { }

    /** One cell's wish for one thumbnail. */
    static final class Request {
        final Path path;
        final Consumer<Thumb> onLoaded;
        volatile boolean cancelled; // read by the decoding thread to skip work nobody wants any more

        Request(Path path, Consumer<Thumb> onLoaded) {
            this.path = path;
            this.onLoaded = onLoaded;
        }
    }

    private record Done(Request request, Raster raster, String error) { }

    private final Executor executor;
    private final Map<Path, Thumb> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Path, Thumb> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private final Deque<Request> pending = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Done> done = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private int inFlight;

    ThumbnailLoader(Executor executor) {
        this.executor = executor;
    }

    /** The cached thumbnail of {@code path}, or null. */
    Thumb cached(Path path) {
        return cache.get(path);
    }

    /** Queues a decode of {@code path}; {@code onLoaded} runs on the FX thread unless the request is cancelled first. */
    Request request(Path path, Consumer<Thumb> onLoaded) {
        Request r = new Request(path, onLoaded);
        pending.addFirst(r);
        pump();
        return r;
    }

    /** Drops a request whose cell now shows something else; a decode already running still fills the cache. */
    void cancel(Request r) {
        if (r == null) return;
        r.cancelled = true;
        pending.remove(r);
    }

    /** Forgets every thumbnail and queued request (a new dataset was opened). */
    void clear() {
        for (Request r : pending) r.cancelled = true;
        pending.clear();
        cache.clear();
    }

    private void pump() {
        while (inFlight < MAX_IN_FLIGHT && !pending.isEmpty()) {
            Request r = pending.pollFirst();
            if (r.cancelled) continue;
            Thumb hit = cache.get(r.path);
            if (hit != null) {
                r.onLoaded.accept(hit);
                continue;
            }
            inFlight++;
            executor.execute(() -> {
                Done result;
                try {
                    result = decode(r);
                } catch (RuntimeException | Error e) { // never lose the in-flight slot
                    result = new Done(r, null, e.getClass().getSimpleName());
                }
                done.add(result);
                if (drainScheduled.compareAndSet(false, true)) Platform.runLater(this::drain);
            });
        }
    }

    private void drain() {
        drainScheduled.set(false);
        for (Done d; (d = done.poll()) != null; ) {
            inFlight--;
            if (d.raster() == null && d.error() == null) continue; // skipped: cancelled before it started
            // Building the image here keeps JavaFX objects on their thread; it is one pass over at most 96x96 pixels.
            Thumb t = new Thumb(d.raster() == null ? null : FxImages.toCrispImage(d.raster(), SIZE), d.error());
            cache.put(d.request().path, t);
            if (!d.request().cancelled) d.request().onLoaded.accept(t);
        }
        pump();
    }

    private static Done decode(Request r) {
        if (r.cancelled) return new Done(r, null, null); // scrolled away before it started: cheap no-op
        DecodeResult result = ImageDecoder.decode(r.path, 0);
        if (!(result instanceof DecodeResult.Ok ok)) return new Done(r, null, ((DecodeResult.Failed) result).reason().text());
        return new Done(r, shrink(ok.raster()), null);
    }

    /** Fits the raster into {@link #SIZE} x {@link #SIZE}, keeping its aspect ratio; smaller rasters are kept as they are. */
    static Raster shrink(Raster r) {
        int longest = Math.max(r.width(), r.height());
        if (longest <= SIZE) return r;
        double s = (double) SIZE / longest;
        return ImageOps.resize(r, Math.max(1, (int) Math.round(r.width() * s)), Math.max(1, (int) Math.round(r.height() * s)), ResizePolicy.SQUASH);
    }
}
