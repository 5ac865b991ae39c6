package wb.train;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lets a front end stop, pause and resume a run. The trainer checks it between batches, so a stop takes
 * effect after at most one batch and never leaves a half-updated network.
 */
public final class TrainingControl {
    private volatile boolean stopRequested;
    private boolean paused;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void stop() {
        stopRequested = true;
        synchronized (this) { notifyAll(); }
        changed();
    }

    public boolean stopRequested() { return stopRequested; }

    public void pause() {
        synchronized (this) { paused = true; }
        changed();
    }

    public void resume() {
        synchronized (this) {
            paused = false;
            notifyAll();
        }
        changed();
    }

    /**
     * Runs {@code listener} after every stop, pause and resume, on the thread that asked for it: how a run in another
     * process ({@link TrainingProcess}) hears of them.
     */
    public void onChange(Runnable listener) { listeners.add(listener); }

    private void changed() { listeners.forEach(Runnable::run); }

    public synchronized boolean isPaused() { return paused; }

    /**
     * Blocks while paused; returns at once when running or when a stop is requested. {@code beforeWaiting} runs once
     * before it blocks, outside the lock (the trainer tells its observers that the run now stands still).
     */
    void awaitRunnable(Runnable beforeWaiting) throws InterruptedException {
        synchronized (this) {
            if (!paused || stopRequested) return;
        }
        beforeWaiting.run();
        synchronized (this) {
            while (paused && !stopRequested) wait();
        }
    }
}
