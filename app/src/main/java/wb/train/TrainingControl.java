package wb.train;

/**
 * Lets a front end stop, pause and resume a run. The trainer checks it between batches, so a stop takes
 * effect after at most one batch and never leaves a half-updated network.
 */
public final class TrainingControl {
    private volatile boolean stopRequested;
    private boolean paused;

    public void stop() {
        stopRequested = true;
        synchronized (this) { notifyAll(); }
    }

    public boolean stopRequested() { return stopRequested; }

    public synchronized void pause() { paused = true; }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    public synchronized boolean isPaused() { return paused; }

    /** Blocks while paused; returns at once when running or when a stop is requested. */
    synchronized void awaitRunnable() throws InterruptedException {
        while (paused && !stopRequested) wait();
    }
}
