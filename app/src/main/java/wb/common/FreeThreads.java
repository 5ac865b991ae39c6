package wb.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts worker threads that may run on every core, whichever thread asks for them.
 * <p>
 * The launcher binds OpenMP's threads to cores ({@code OMP_PROC_BIND=true}, {@code OMP_PLACES=cores}; 12-26%
 * faster training on two cores, docs/benchmarks.md). OpenMP then also binds the thread that runs a network to
 * the first core, and Linux gives every thread that a bound thread starts the same single core. Decoding threads
 * started by the training thread would all share one core: the data loader at 224 px fell from 1,650 to 890
 * images/s. Threads started here are created by one thread that exists from start-up, before any binding, so they
 * inherit its affinity (all the cores the process may use) instead.
 * <p>
 * Call {@link #init()} first thing in every entry point; a later first call still works, but its threads get the
 * affinity of that caller.
 */
public final class FreeThreads {

    private FreeThreads() { }

    private static final class Holder {
        static final int CORES = Runtime.getRuntime().availableProcessors();
        static final ThreadPoolExecutor STARTER = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "thread-starter");
            t.setDaemon(true);
            return t;
        });

        static {
            STARTER.prestartAllCoreThreads(); // the starter thread is created now, by the initialising thread
        }
    }

    /** Creates the starter thread on the calling thread (an entry point's main thread, before natives load). */
    public static void init() {
        cores();
    }

    /**
     * The processors this process may use, as seen at {@link #init()}: {@link Runtime#availableProcessors()} on a
     * thread that OpenMP has bound to one core says 1.
     */
    public static int cores() {
        return Holder.CORES;
    }

    /**
     * A fixed pool of {@code threads} daemon threads named {@code name}, each running {@code loop} once (see
     * {@link #fixedPool}). Submit nothing more than long-running loops to it.
     */
    public static ExecutorService startLoops(int threads, String name, Runnable loop) {
        ExecutorService pool = fixedPool(threads, name);
        for (int i = 0; i < Math.max(1, threads); i++) pool.submit(loop); // queued for the threads already started
        return pool;
    }

    /**
     * A fixed pool of {@code threads} daemon threads named {@code name}, all created now by the starter thread,
     * that never end while the pool is open, so every task submitted later runs on one of them.
     */
    public static ExecutorService fixedPool(int threads, String name) {
        return call(() -> {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(
                    Math.max(1, threads), r -> {
                        Thread t = new Thread(r, threads > 1 ? name + "-" + n.incrementAndGet() : name);
                        t.setDaemon(true);
                        return t;
                    });
            pool.prestartAllCoreThreads();
            return pool;
        });
    }

    /**
     * Runs {@code work} on the starter thread and returns its result: for a library call that starts service threads
     * of its own (ND4J's deallocator threads), which then may run on every core. {@code work} must not run native
     * parallel code itself: OpenMP would bind the starter thread, and every pool created afterwards, to one core.
     */
    public static <T> T call(Callable<T> work) {
        Future<T> f = Holder.STARTER.submit(work);
        try {
            return Uninterruptibly.get(f::get); // creating threads takes microseconds: finish it
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }
}
