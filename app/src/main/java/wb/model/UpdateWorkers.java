package wb.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

import wb.common.FreeThreads;

/**
 * The threads that run the workbench's Java loops inside a training step (the Adam update, the batch-norm backward
 * pass) on every core: one pool, created on first use through {@link FreeThreads} so that its threads are not bound
 * to the core of the thread that created it.
 */
final class UpdateWorkers {
    private static volatile ExecutorService pool;

    private UpdateWorkers() { }

    /** A part of the work: the half-open range [lo, hi) of {@code n} items. */
    interface Part {
        void run(int part, int lo, int hi);
    }

    /** Threads that do their share of a data-parallel step on one core: their loops run on them alone. */
    private static final ThreadLocal<Boolean> SINGLE = ThreadLocal.withInitial(() -> false);

    static void single(boolean single) {
        SINGLE.set(single);
    }

    /** Runs {@code n} items in {@code parts} contiguous parts, one per core, and waits for all of them. */
    static void run(String what, int n, int parts, Part body) {
        if (parts <= 1) {
            body.run(0, 0, n);
            return;
        }
        List<Callable<Void>> tasks = new ArrayList<>(parts);
        int chunk = (n + parts - 1) / parts;
        for (int t = 0; t < parts; t++) {
            int part = t, lo = Math.min(n, t * chunk), hi = Math.min(n, lo + chunk);
            tasks.add(() -> {
                body.run(part, lo, hi);
                return null;
            });
        }
        try {
            for (var f : pool().invokeAll(tasks)) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed", e.getCause());
        }
    }

    /** The parts to split work into on the calling thread: one per core, or one where the thread works alone. */
    static int cores() {
        return SINGLE.get() ? 1 : FreeThreads.cores();
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (UpdateWorkers.class) {
                if (pool == null) pool = FreeThreads.fixedPool(FreeThreads.cores(), "update-worker");
                p = pool;
            }
        }
        return p;
    }
}
