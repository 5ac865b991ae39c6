package wb.train;

import java.util.SplittableRandom;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;

import wb.common.Cancellation;
import wb.common.Seeds;
import wb.model.LearningRates;
import wb.model.Networks;

/**
 * The training loop: shuffles, feeds prefetched batches, applies the learning-rate schedule, watches for
 * divergence, evaluates each epoch, stops early, and reports everything to one {@link TrainingObserver}.
 */
public final class Trainer {

    private static final double SMOOTHING = 0.98;

    private final TrainerSettings settings;
    private final TrainingObserver observer;
    private final TrainingControl control;
    private final EpochHook hook;

    public Trainer(TrainerSettings settings, TrainingObserver observer, TrainingControl control, EpochHook hook) {
        this.settings = settings;
        this.observer = observer;
        this.control = control;
        this.hook = hook;
    }

    /**
     * Trains {@code net} from {@code state} (fresh, or loaded from a checkpoint) to the configured number
     * of epochs. {@code valid} may be null.
     */
    public RunEnd fit(ComputationGraph net, String modelId, TensorSource train, TensorSource valid, int numClasses, TrainerState state) {
        return fit(net, modelId, train, valid, numClasses, state, java.util.List.of(), null);
    }

    /**
     * Trains in phases: before the first epoch of each phase (or the phase a resumed run starts in),
     * {@code phaseSwitch} prepares the network, observers get {@code onPhase}, and the phase's learning-rate
     * factor multiplies the schedule from then on. The schedule still spans the whole run.
     */
    public RunEnd fit(ComputationGraph net, String modelId, TensorSource train, TensorSource valid, int numClasses, TrainerState state,
                      java.util.List<TrainingPhase> phases, PhaseSwitch phaseSwitch) {
        return fit(net, modelId, train, valid, numClasses, state, phases, phaseSwitch, null);
    }

    /**
     * As above, with weight averaging when {@code average} is not null: it is updated after every batch, and each
     * epoch's evaluation and the hook (the saved model, the watched images) see the averaged weights.
     */
    public RunEnd fit(ComputationGraph net, String modelId, TensorSource train, TensorSource valid, int numClasses, TrainerState state,
                      java.util.List<TrainingPhase> phases, PhaseSwitch phaseSwitch, WeightAverage average) {
        if (!phases.isEmpty() && phaseSwitch == null) throw new IllegalArgumentException("phases need a phase switch");
        Seeds seeds = new Seeds(settings.seed());
        int batchesPerEpoch = Math.max(1, train.size() / settings.batchSize());
        int firstEpoch = state.epochsCompleted() + 1;
        observer.onStart(new RunStart(modelId, net.numParams(), settings.epochs(), firstEpoch, batchesPerEpoch, train.size(),
                valid == null ? 0 : valid.size(), Nd4j.getBackend().getClass().getSimpleName(), Networks.convolutionHelper(net),
                DataParallel.describe(net, settings.batchSize())));
        int[] trainEval = evalSample(train.size(), settings.trainEvalSample(), seeds.stream("train-eval"));
        int[] validAll = valid == null ? null : range(valid.size());

        long iteration = state.iteration();
        int bestEpoch = state.bestEpoch();
        double bestLoss = state.bestValidLoss();
        double bestAcc = state.bestValidAccuracy();
        int stale = state.epochsWithoutImprovement();
        int completed = state.epochsCompleted();
        double smooth = 0;
        long smoothCount = 0;
        double lastLr = Double.NaN;
        TrainingPhase phase = null;
        double lrFactor = 1.0;
        long runStart = System.nanoTime();
        long imagesThisRun = 0;
        DataParallel parallel = null; // the two-core step, where it pays (DataParallel.forNetwork)

        try {
            for (int epoch = firstEpoch; epoch <= settings.epochs(); epoch++) {
                TrainingPhase p = TrainingPhase.at(phases, epoch);
                if (p != null && !p.equals(phase)) {
                    ComputationGraph before = net;
                    net = phaseSwitch.enter(p, net);
                    if (average != null && net != before) average.reset(); // a rebuilt network starts a new average
                    phase = p;
                    lrFactor = p.lrFactor();
                    lastLr = Double.NaN; // a rebuilt network has a fresh updater: set its rate
                    observer.onPhase(p.name(), p.firstEpoch());
                }
                if (parallel == null || parallel.network() != net) {
                    if (parallel != null) parallel.close();
                    parallel = DataParallel.forNetwork(net, settings.batchSize(), seeds.seedFor("replica") + epoch);
                }
                long epochStart = System.nanoTime();
                int[] order = range(train.size());
                shuffle(order, new SplittableRandom(seeds.seedFor("shuffle") + epoch));
                double lossSum = 0;
                int lossCount = 0;
                long windowStart = System.nanoTime();
                int windowImages = 0;
                double rate = 0;
                try (BatchLoader loader = new BatchLoader(train, order, settings.batchSize(), true, numClasses, true,
                        seeds.seedFor("augment") + epoch * 1_000_003L, settings.loaderThreads(), 4, settings.labelSmoothing())) {
                    for (int b = 0; b < loader.batches(); b++) {
                        control.awaitRunnable(observer::onPaused);
                        if (control.stopRequested()) {
                            return finish(RunEnd.Status.CANCELLED, completed, bestEpoch, bestLoss, bestAcc,
                                    "stopped by the user during epoch " + epoch + "; the last completed epoch is " + completed);
                        }
                        double lr = lrFactor * settings.schedule().rate(settings.learningRate(), (epoch - 1) + (double) b / loader.batches(), settings.epochs());
                        // The schedule moves in steps of 0.5% of the base rate (from when DL4J's setLearningRate, which
                        // rebuilds the updater, cost ~18% of a FMNIST-CNN step); LearningRates.set changes it in place.
                        if (Double.isNaN(lastLr) || Math.abs(lr - lastLr) > 0.005 * lrFactor * settings.learningRate()) {
                            LearningRates.set(net, lr);
                            lastLr = lr;
                        }
                        int queued = loader.queued();
                        BatchLoader.Batch batch = loader.next();
                        int n = batch.size();
                        double loss;
                        try {
                            if (parallel != null) {
                                loss = parallel.fit(batch.dataSet());
                            } else {
                                net.fit(batch.dataSet());
                                loss = net.score();
                            }
                        } finally {
                            batch.release();
                        }
                        if (average != null) average.update(net);
                        if (!Double.isFinite(loss)) {
                            return finish(RunEnd.Status.DIVERGED, completed, bestEpoch, bestLoss, bestAcc,
                                    String.format(java.util.Locale.ROOT, "training diverged: the loss became %s at epoch %d, batch %d (learning rate %.3g). "
                                            + "Lower the learning rate (try %.3g) or turn on batch norm.", loss, epoch, b + 1, lr, lr / 10));
                        }
                        iteration++;
                        lossSum += loss;
                        lossCount++;
                        smoothCount++;
                        smooth = SMOOTHING * smooth + (1 - SMOOTHING) * loss;
                        double smoothed = smooth / (1 - Math.pow(SMOOTHING, smoothCount));
                        windowImages += n;
                        imagesThisRun += n;
                        long now = System.nanoTime();
                        double windowSec = (now - windowStart) / 1e9;
                        if (windowSec > 0.5 || rate == 0) {
                            rate = windowImages / Math.max(windowSec, 1e-9);
                            if (windowSec > 2) { // slide the window so the figure tracks recent speed
                                windowStart = now;
                                windowImages = 0;
                            }
                        }
                        long remainingBatches = (long) (loader.batches() - b - 1) + (long) (settings.epochs() - epoch) * loader.batches();
                        double eta = rate > 0 ? remainingBatches * settings.batchSize() / rate : Double.NaN;
                        observer.onBatch(new BatchMetrics(epoch, iteration - 1, b + 1, loader.batches(), loss, smoothed, lr, rate, eta, queued));
                    }
                }
                if (parallel != null) parallel.pause(); // evaluation below uses every core
                double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
                if (average != null) average.swapIn(net);
                try {
                    double epochRate = lossCount * (double) settings.batchSize() / trainSeconds;

                    float[][] trainProbs = Predictor.predict(net, train, trainEval, Math.max(settings.batchSize(), 128), wb.common.Progress.NONE, Cancellation.NEVER);
                    double[] trainLa = Predictor.lossAndAccuracy(trainProbs, train, trainEval);
                    double validLoss = Double.NaN;
                    double validAcc = Double.NaN;
                    if (valid != null && valid.size() > 0) {
                        float[][] vp = Predictor.predict(net, valid, validAll, Math.max(settings.batchSize(), 128), wb.common.Progress.NONE, Cancellation.NEVER);
                        double[] la = Predictor.lossAndAccuracy(vp, valid, validAll);
                        validLoss = la[0];
                        validAcc = la[1];
                    }
                    boolean improved;
                    if (valid == null || Double.isNaN(validLoss)) {
                        improved = true; // without validation data the latest model is the best we know
                        bestEpoch = epoch;
                    } else if (validLoss < bestLoss) {
                        improved = true;
                        bestLoss = validLoss;
                        bestAcc = validAcc;
                        bestEpoch = epoch;
                        stale = 0;
                    } else {
                        improved = false;
                        stale++;
                    }
                    completed = epoch;
                    EpochMetrics m = new EpochMetrics(epoch, settings.epochs(), lossSum / Math.max(1, lossCount), trainLa[1], validLoss, validAcc,
                            lastLr, (System.nanoTime() - epochStart) / 1e9, epochRate, improved);
                    observer.onEpoch(m);
                    hook.afterEpoch(net, m, new TrainerState(completed, iteration, bestEpoch, bestLoss, bestAcc, stale));
                } finally {
                    if (average != null) average.swapOut(net);
                }
                if (settings.patience() > 0 && stale >= settings.patience() && epoch < settings.epochs()) {
                    return finish(RunEnd.Status.EARLY_STOPPED, completed, bestEpoch, bestLoss, bestAcc,
                            "early stopping: validation loss has not improved for " + epochs(stale) + " (best at epoch " + bestEpoch + ")");
                }
            }
            double secs = (System.nanoTime() - runStart) / 1e9;
            return finish(RunEnd.Status.COMPLETED, completed, bestEpoch, bestLoss, bestAcc,
                    String.format(java.util.Locale.ROOT, "trained %s in %.0f s (%.0f images/s)", epochs(completed), secs, imagesThisRun / Math.max(secs, 1e-9)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finish(RunEnd.Status.CANCELLED, completed, bestEpoch, bestLoss, bestAcc, "interrupted");
        } catch (java.io.IOException e) {
            return finish(RunEnd.Status.FAILED, completed, bestEpoch, bestLoss, bestAcc, "could not save the model: " + e.getMessage());
        } catch (RuntimeException e) {
            finish(RunEnd.Status.FAILED, completed, bestEpoch, bestLoss, bestAcc, "training failed: " + e);
            throw e;
        } finally {
            if (parallel != null) parallel.close();
        }
    }

    private RunEnd finish(RunEnd.Status status, int completed, int bestEpoch, double bestLoss, double bestAcc, String message) {
        RunEnd end = new RunEnd(status, completed, bestEpoch, bestLoss, bestAcc, message);
        observer.onFinish(end);
        return end;
    }

    static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] evalSample(int n, int max, SplittableRandom rng) {
        int[] all = range(n);
        if (n <= max) return all;
        shuffle(all, rng);
        int[] s = java.util.Arrays.copyOf(all, max);
        java.util.Arrays.sort(s);
        return s;
    }

    /** "1 epoch", "2 epochs": the run's messages are shown as they are, in the window and on the console. */
    public static String epochs(int n) {
        return n + (n == 1 ? " epoch" : " epochs");
    }
}
