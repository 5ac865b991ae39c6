package wb.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import wb.common.AtomicFiles;

/**
 * An exponential moving average of a network's weights (Polyak averaging; timm's "model EMA"), updated after every
 * batch: {@code avg = d * avg + (1 - d) * weights}, with {@code d = min(decay, (1 + t) / (10 + t))} after {@code t}
 * updates so the average does not start out dominated by the random initial weights. Batch-norm statistics are
 * part of the weights and are averaged too. Evaluation, the saved model and the watched images use the average;
 * the optimizer keeps working on the weights themselves. Training thread only.
 */
public final class WeightAverage {

    private static final int FORMAT = 1;

    private final double decay;
    private INDArray average;
    private long updates;
    private INDArray training; // the optimizer's weights while the average is swapped in

    public WeightAverage(double decay) {
        if (!(decay > 0 && decay < 1)) throw new IllegalArgumentException("the averaging decay must be in (0, 1), e.g. 0.999, not " + decay);
        this.decay = decay;
    }

    public double decay() { return decay; }

    public long updates() { return updates; }

    /** Folds the network's current weights into the average (the first call starts it from them). */
    public void update(ComputationGraph net) {
        INDArray w = net.params();
        if (average == null || average.length() != w.length()) {
            average = w.dup();
            updates = 0;
        }
        double d = Math.min(decay, (1.0 + updates) / (10.0 + updates));
        average.muli(d);
        Nd4j.getBlasWrapper().level1().axpy(average.length(), 1 - d, w, average);
        updates++;
    }

    /** Forgets the average (after the network was rebuilt, e.g. a new training phase). */
    public void reset() {
        average = null;
        updates = 0;
    }

    /** Puts the average into the network, keeping the optimizer's weights aside; no-op before the first update. */
    public void swapIn(ComputationGraph net) {
        if (average == null || training != null) return;
        training = net.params().dup();
        net.setParams(average);
    }

    /** Puts the optimizer's weights back. */
    public void swapOut(ComputationGraph net) {
        if (training == null) return;
        net.setParams(training);
        training = null;
    }

    /** The optimizer's weights while the average is swapped in, else null. */
    public INDArray trainingWeights() { return training; }

    /**
     * Writes what a resumed run needs: the update count and the optimizer's weights (the checkpoint's network holds
     * the average while it is swapped in, which is when the session saves it). Atomic.
     */
    public void save(Path file, INDArray trainingWeights) throws IOException {
        float[] w = trainingWeights.toFloatVector();
        AtomicFiles.write(file, out -> {
            DataOutputStream d = new DataOutputStream(new java.io.BufferedOutputStream(out));
            d.writeInt(FORMAT);
            d.writeDouble(decay);
            d.writeLong(updates);
            d.writeInt(w.length);
            for (float v : w) d.writeFloat(v);
            d.flush();
        });
    }

    /**
     * Restores a run saved by {@link #save}: {@code net} was loaded from the checkpoint and holds the average; its
     * weights become the average again and the optimizer's weights go back into the network.
     */
    public static WeightAverage resume(Path file, ComputationGraph net) throws IOException {
        try (InputStream in = Files.newInputStream(file); DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in))) {
            int format = d.readInt();
            if (format != FORMAT) throw new IOException(file + ": unknown format " + format);
            WeightAverage a = new WeightAverage(d.readDouble());
            a.updates = d.readLong();
            int n = d.readInt();
            if (n != net.numParams()) throw new IOException(file + " holds " + n + " weights; the network has " + net.numParams());
            float[] w = new float[n];
            for (int i = 0; i < n; i++) w[i] = d.readFloat();
            a.average = net.params().dup();
            net.setParams(Nd4j.createFromArray(w).reshape(net.params().shape()).castTo(net.params().dataType()));
            return a;
        }
    }
}
