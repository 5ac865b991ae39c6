package wb.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

import wb.common.FreeThreads;
import wb.model.FastAdam;
import wb.model.ForwardReuse;
import wb.model.NativeThreads;

/**
 * One training step on two cores as two half-batches: the network computes the gradient of the first half on the
 * calling thread while a replica (the same layers on the same parameters) computes the second half's on another
 * core, each with single-threaded native code; the two gradients are added and the network's own updater applies
 * them, exactly as DL4J's {@code fit} applies the gradient of the whole batch.
 *
 * <p>A small network's layers do not split well over two threads: a batch of 64 FMNIST-CNN images takes about 31 ms
 * on two threads against 51 on one. Two halves, each on one core, need no splitting. What changes: the
 * dropout masks are drawn from two random streams, and batch norm normalises each half with its own statistics
 * (its running averages get the mean of the two halves' updates). So it is used from {@link #MIN_HALF} images per
 * half, where the statistics of a half are as good as a whole batch's.
 */
final class DataParallel implements AutoCloseable {
    /** The smallest half-batch worth splitting for: fewer images leave the step dominated by its fixed costs. */
    static final int MIN_HALF = 32;

    private final ComputationGraph net;
    private final ComputationGraph replica;
    private final ExecutorService worker;
    private final int ompThreads;
    private boolean pinned;
    /** Adam blocks updated by the fused pass so far (for tests). */
    long fusedBlocks;
    /** Off with {@code -Dwb.fusedUpdate=false}: DL4J's updater and step function, to compare. */
    private final boolean fusedUpdate = !"false".equalsIgnoreCase(System.getProperty("wb.fusedUpdate"));
    /** Whether the calling thread's native libraries are set to one thread (between {@link #fit} and {@link #pause}). */
    private boolean single;
    /** When the last step ended (for the time between steps). */
    private long lastEnd;
    /** With {@code -Dwb.stepTiming=true}: where each step's time goes, printed to stderr at {@link #pause}. */
    private final StepTiming timing = Boolean.getBoolean("wb.stepTiming") ? new StepTiming() : null;

    private DataParallel(ComputationGraph net, long seed) {
        this.net = net;
        this.replica = ForwardReuse.replica(net);
        this.ompThreads = NativeThreads.ompThreads();
        this.worker = FreeThreads.fixedPool(1, "data-parallel");
        call(() -> {
            // the process-wide settings are the training thread's to change (fit) and restore (pause)
            NativeThreads.singleForThisThread();
            Nd4j.getRandom().setSeed(seed); // the replica's dropout masks: reproducible
            return null;
        });
        if (net.getGradientsViewArray() == null) net.initGradientsView();
        if (replica.getGradientsViewArray() == null) replica.initGradientsView();
    }

    /** On with {@code -Dwb.dataParallel=true} (the default); {@code false} trains each batch on one network. */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty("wb.dataParallel"));
    }

    /**
     * A data-parallel step for {@code net} where it pays: two or more cores, batches of at least twice
     * {@link #MIN_HALF}, one input and one output, convolution layers (whose single-threaded speed is what this
     * exploits); null otherwise.
     */
    static DataParallel forNetwork(ComputationGraph net, int batchSize, long seed) {
        return applies(net, batchSize) ? new DataParallel(net, seed) : null;
    }

    static boolean applies(ComputationGraph net, int batchSize) {
        if (!enabled() || FreeThreads.cores() < 2 || batchSize < 2 * MIN_HALF) return false;
        if (net.getNumInputArrays() != 1 || net.getNumOutputArrays() != 1) return false;
        for (Layer l : net.getLayers()) {
            if (l.conf().getLayer() instanceof ConvolutionLayer) return true;
        }
        return false;
    }

    /** For the start of a run: how a batch is spread over the cores, or "" where it is not split. */
    static String describe(ComputationGraph net, int batchSize) {
        return applies(net, batchSize) ? "each batch as two halves of " + batchSize / 2 + " on two cores" : "";
    }

    /** The cores the worker thread may run on (for tests). */
    List<Integer> workerCpus() {
        return call(() -> Pinning.allowedCpus("thread-self"));
    }

    ComputationGraph network() {
        return net;
    }

    /** One training step on {@code batch}; returns its loss (the network's score afterwards, as after {@code fit}). */
    double fit(DataSet batch) {
        INDArray f = batch.getFeatures(), y = batch.getLabels();
        int n = (int) f.size(0);
        if (n < MIN_HALF || batch.hasMaskArrays()) { // a short last batch: the usual step
            net.fit(batch);
            return net.score();
        }
        int h = n / 2;
        long t0 = System.nanoTime();
        long outside = lastEnd == 0 ? 0 : t0 - lastEnd;
        long[] t2 = new long[1];
        Future<Double> second = worker.submit(() -> {
            double s = halfGradient(replica, rows(f, h, n), rows(y, h, n));
            t2[0] = System.nanoTime();
            return s;
        });
        double s1, s2;
        if (!single) {
            NativeThreads.single();
            single = true;
        }
        s1 = halfGradient(net, rows(f, 0, h), rows(y, 0, h));
        long t1 = System.nanoTime();
        s2 = join(second);
        long tj = System.nanoTime();

        if (!pinned) { // after the first step: OpenMP binds each thread to the first core when it first uses it
            Pinning.pinPair(worker);
            pinned = true;
        }
        INDArray g = net.getGradientsViewArray(), g2 = replica.getGradientsViewArray();
        double score = (s1 * h + s2 * (n - h)) / n;
        int iteration = BaseOptimizer.getIterationCount(net), epoch = BaseOptimizer.getEpochCount(net);
        long tu = System.nanoTime();
        if (!update(g, g2, n, iteration, epoch)) {
            // What DL4J's Solver does after computing a gradient (StochasticGradientDescent.optimize, 1.0.0-M2.1)
            g.addi(g2);
            for (UpdaterBlock b : blocks()) {
                for (UpdaterBlock.ParamState p : b.getLayersAndVariablesInBlock()) {
                    if (isUpdate(p)) p.getGradView().muli(0.5);
                }
            }
            net.getUpdater().update(net.gradient(), iteration, epoch, n, LayerWorkspaceMgr.noWorkspaces());
            INDArray params = net.params();
            Nd4j.getBlasWrapper().level1().axpy(params.length(), -1.0, g.reshape(g.length()), params);
        }
        long tr = System.nanoTime();
        net.setScore(score);
        for (TrainingListener l : net.getListeners()) l.iterationDone(net, iteration, epoch);
        BaseOptimizer.incrementIterationCount(net, 1);
        BaseOptimizer.applyConstraints(net);
        BaseOptimizer.incrementIterationCount(replica, 1);
        net.clearLayersStates();
        lastEnd = System.nanoTime();
        if (timing != null) timing.add(t1 - t0, t2[0] - t0, tj - t0, tr - tu, lastEnd - tr, Math.abs(t1 - t2[0]), outside);
        return score;
    }

    /**
     * The update DL4J's updater and step function would make from {@code g + g2}, block by block, with Adam's blocks in
     * one fused pass ({@link FastAdam#fusedStep}) split between the two threads. Returns false, having changed
     * nothing, where a layer normalises its gradients or a block is skipped (pretraining), which DL4J's path then does.
     */
    private boolean update(INDArray g, INDArray g2, int n, int iteration, int epoch) {
        if (!fusedUpdate) return false;
        List<UpdaterBlock> blocks = blocks();
        for (UpdaterBlock b : blocks) {
            if (b.skipDueToPretrainConfig(false)) return false;
            for (UpdaterBlock.ParamState p : b.getLayersAndVariablesInBlock()) {
                var norm = p.getLayer().getConfig().getGradientNormalization();
                if (norm != null && norm != GradientNormalization.None) return false;
            }
        }
        long len = g.length();
        INDArray gf = g.reshape(len), g2f = g2.reshape(len), params = net.params().reshape(len);
        for (UpdaterBlock b : blocks) {
            int lo = b.getParamOffsetStart(), hi = b.getParamOffsetEnd();
            if (hi <= lo) continue;
            INDArray bg = gf.get(NDArrayIndex.interval(lo, hi)), bg2 = g2f.get(NDArrayIndex.interval(lo, hi));
            INDArray bp = params.get(NDArrayIndex.interval(lo, hi));
            GradientUpdater<?> u = b.getGradientUpdater();
            if (FastAdam.fusable(u) && plainAdam(b)) {
                int size = hi - lo, mid = size / 2;
                Future<?> upper = worker.submit(() -> FastAdam.fusedStep(u, bg, bg2, 1f / n, bp, iteration, epoch, mid, size));
                FastAdam.fusedStep(u, bg, bg2, 1f / n, bp, iteration, epoch, 0, mid);
                join(upper);
                fusedBlocks++;
            } else { // DL4J's own steps for this block: add, divide (running averages: halve), updater, subtract
                bg.addi(bg2);
                for (UpdaterBlock.ParamState p : b.getLayersAndVariablesInBlock()) {
                    if (isUpdate(p)) p.getGradView().muli(0.5);
                    else p.getGradView().divi(n);
                }
                b.update(iteration, epoch);
                bp.subi(bg);
            }
        }
        return true;
    }

    private List<UpdaterBlock> blocks() {
        return ((BaseMultiLayerUpdater<?>) net.getUpdater()).getUpdaterBlocks();
    }

    /**
     * A "gradient" that is an update (batch norm's running mean and variance: DL4J does not divide them by the batch
     * size): the two halves' updates are averaged, not added.
     */
    private static boolean isUpdate(UpdaterBlock.ParamState p) {
        return !p.getLayer().updaterDivideByMinibatch(p.getParamName());
    }

    /** An Adam block whose parameters take no regularization and are all divided by the batch size. */
    private static boolean plainAdam(UpdaterBlock b) {
        for (UpdaterBlock.ParamState p : b.getLayersAndVariablesInBlock()) {
            var reg = p.getLayer().getConfig().getRegularizationByParam(p.getParamName());
            if (reg != null && !reg.isEmpty()) return false;
            if (isUpdate(p)) return false;
        }
        return true;
    }

    private static double halfGradient(ComputationGraph g, INDArray x, INDArray y) {
        g.setInputs(x);
        g.setLabels(y);
        g.computeGradientAndScore();
        double s = g.score();
        g.clearLayersStates();
        return s;
    }

    private static INDArray rows(INDArray a, int from, int to) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        idx[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < idx.length; i++) idx[i] = NDArrayIndex.all();
        return a.get(idx);
    }

    private <T> T call(java.util.concurrent.Callable<T> c) {
        return join(worker.submit(c));
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a training step", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The native libraries back to all cores for the calling thread, for work between training steps (evaluation);
     * the next {@link #fit} sets them to one thread again. Setting them costs about 1 ms, too much for every step.
     */
    void pause() {
        if (timing != null) timing.print();
        if (single) {
            NativeThreads.restore(ompThreads);
            single = false;
        }
    }

    @Override
    public void close() {
        pause();
        worker.shutdown();
    }

    /** Mean milliseconds per step of each phase, skipping the first 20 steps (warm-up). */
    private static final class StepTiming {
        private final double[] sum = new double[7];
        private int steps, seen;

        void add(long... nanos) {
            if (++seen <= 20) return;
            for (int i = 0; i < sum.length; i++) sum[i] += nanos[i] / 1e6;
            steps++;
        }

        void print() {
            if (steps == 0) return;
            System.err.printf("data-parallel step timing over %d steps (ms): first half %.2f, second half %.2f (from the start), "
                    + "both %.2f, update %.2f, listeners and the rest %.2f; halves apart by %.2f; between steps %.2f%n", steps, sum[0] / steps,
                    sum[1] / steps, sum[2] / steps, sum[3] / steps, sum[4] / steps, sum[5] / steps, sum[6] / steps);
            java.util.Arrays.fill(sum, 0);
            steps = 0;
        }
    }

    /**
     * Binds the worker to a core other than the calling thread's, where the calling thread is bound to one core.
     * OpenMP binds every thread that starts native work to the first core when it first does (the launcher's
     * {@code OMP_PROC_BIND}): the calling thread and the worker alike. Without that binding neither thread is bound,
     * and this does nothing. Uses Linux's {@code taskset}; without it the worker stays where OpenMP put it (slower,
     * still right).
     */
    static final class Pinning {
        private Pinning() { }

        static void pinPair(ExecutorService worker) {
            try {
                List<Integer> mine = allowedCpus("thread-self");
                List<Integer> all = allowedCpus("self"); // the process's first thread: every core the process may use
                if (mine.size() != 1 || all.size() < 2) return;
                int other = all.stream().filter(c -> !c.equals(mine.get(0))).findFirst().orElseThrow();
                taskset(Integer.toString(other), join(worker.submit(Pinning::threadId)));
            } catch (IOException | RuntimeException e) {
                // not pinned: slower, still right
            }
        }

        /** The calling thread's id for the kernel. */
        static String threadId() throws IOException {
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        }

        /** The cores a thread may run on: "thread-self" the calling thread, "self" the process's first thread. */
        static List<Integer> allowedCpus(String which) throws IOException {
            String list = Files.readAllLines(Path.of("/proc", which, "status")).stream()
                    .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst()
                    .orElseThrow(() -> new IOException("no Cpus_allowed_list")).substring(18).strip();
            return parseCpuList(list);
        }

        /** "0-2,5" to [0, 1, 2, 5]. */
        static List<Integer> parseCpuList(String list) {
            List<Integer> cpus = new ArrayList<>();
            for (String part : list.split(",")) {
                String p = part.strip();
                if (p.isEmpty()) continue;
                int dash = p.indexOf('-');
                int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash)), hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1));
                for (int c = lo; c <= hi; c++) cpus.add(c);
            }
            return cpus;
        }

        /** Binds thread {@code tid} to the cores of {@code cpus} ("1", "0-1"). */
        static void taskset(String cpus, String tid) throws IOException {
            Process p = new ProcessBuilder("taskset", "-p", "-c", cpus, tid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                if (p.waitFor() != 0) throw new IOException("taskset failed for thread " + tid);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }
}
