package wb.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import wb.common.Cancellation;
import wb.common.FreeThreads;
import wb.common.Progress;

/** Runs a network over a {@link TensorSource} in inference mode and returns class probabilities. */
public final class Predictor {
    private Predictor() { }

    /** Probabilities for the examples {@code indices} of {@code source}, in that order. */
    public static float[][] predict(ComputationGraph net, TensorSource source, int[] indices, int batchSize,
                                    Progress progress, Cancellation cancel) {
        return outputs(net, source, indices, batchSize, "predicting", progress, cancel);
    }

    /** The network's output for every example, flattened to one row each (features from a body network). */
    public static float[][] activations(ComputationGraph net, TensorSource source, int batchSize, Progress progress, Cancellation cancel) {
        return outputs(net, source, Trainer.range(source.size()), batchSize, "extracting features", progress, cancel);
    }

    private static float[][] outputs(ComputationGraph net, TensorSource source, int[] indices, int batchSize, String task,
                                     Progress progress, Cancellation cancel) {
        float[][] out = new float[indices.length][];
        int threads = Math.max(1, Math.min(4, FreeThreads.cores()));
        try (BatchLoader loader = new BatchLoader(source, indices, batchSize, false, 0, false, 0L, threads, 3)) {
            int done = 0;
            for (int b = 0; b < loader.batches(); b++) {
                cancel.throwIfCancelled();
                BatchLoader.Batch batch = loader.next();
                try {
                    INDArray probs = net.outputSingle(false, batch.dataSet().getFeatures());
                    // Row-major copy: example j occupies [j*k, (j+1)*k), whatever the output's rank.
                    float[] flat = probs.dup('c').data().asFloat();
                    int k = (int) (probs.length() / batch.size());
                    for (int j = 0; j < batch.size(); j++) {
                        float[] row = new float[k];
                        System.arraycopy(flat, j * k, row, 0, k);
                        out[done + j] = row;
                    }
                    done += batch.size();
                } finally {
                    batch.release();
                }
                progress.update(task, done, indices.length);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new wb.common.CancelledException();
        }
        return out;
    }

    /** All examples of {@code source}. */
    public static float[][] predict(ComputationGraph net, TensorSource source, int batchSize, Progress progress, Cancellation cancel) {
        int[] all = new int[source.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return predict(net, source, all, batchSize, progress, cancel);
    }

    /** Mean cross-entropy loss and accuracy of probabilities against the source's labels. */
    public static double[] lossAndAccuracy(float[][] probs, TensorSource source, int[] indices) {
        double loss = 0;
        int correct = 0;
        int n = 0;
        for (int j = 0; j < indices.length; j++) {
            int y = source.label(indices[j]);
            if (y < 0) continue;
            float[] p = probs[j];
            loss -= Math.log(Math.max(p[y], 1e-15));
            int arg = 0;
            for (int c = 1; c < p.length; c++) if (p[c] > p[arg]) arg = c;
            if (arg == y) correct++;
            n++;
        }
        return n == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {loss / n, (double) correct / n};
    }
}
