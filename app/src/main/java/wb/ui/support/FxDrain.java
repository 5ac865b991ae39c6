package wb.ui.support;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.application.Platform;

/**
 * Hands results from worker threads to the FX thread in batches: however many arrive, at most one
 * {@code Platform.runLater} is pending at a time (the same coalescing JavaFX's Task.updateValue does), so a
 * page of thumbnails costs a handful of FX-thread pulses instead of one per image.
 */
public final class FxDrain {

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** Runs {@code action} on the FX thread soon, together with everything else posted meanwhile. */
    public void post(Runnable action) {
        queue.add(action);
        if (scheduled.compareAndSet(false, true)) Platform.runLater(this::drain);
    }

    private void drain() {
        // Cleared before draining: anything posted while we run schedules the next pulse.
        scheduled.set(false);
        Runnable r;
        while ((r = queue.poll()) != null) r.run();
    }
}
