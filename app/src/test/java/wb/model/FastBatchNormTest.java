package wb.model;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Java batch-norm backward pass must give libnd4j's gradients. */
class FastBatchNormTest {

    private static FloatBuffer buffer(float[] values) {
        FloatBuffer b = ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        b.put(0, values);
        return b;
    }

    @Test
    void backwardMatchesTheTextbookFormulaInDoublePrecision() {
        // 20,000 rows of 5 channels: large enough to run in parts on every core, with a channel count that is no
        // multiple of a SIMD width
        int rows = 20_000, channels = 5;
        Random r = new Random(3);
        float[] x = new float[rows * channels], dy = new float[rows * channels];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * (1 + i % channels) + i % channels);
            dy[i] = (float) r.nextGaussian();
        }
        float[] mean = new float[channels], var = new float[channels], invStd = new float[channels], gamma = new float[channels];
        for (int c = 0; c < channels; c++) {
            double s = 0, ss = 0;
            for (int i = 0; i < rows; i++) s += x[i * channels + c];
            mean[c] = (float) (s / rows);
            for (int i = 0; i < rows; i++) ss += Math.pow(x[i * channels + c] - mean[c], 2);
            var[c] = (float) (ss / rows);
            invStd[c] = (float) (1 / Math.sqrt(var[c] + 1e-5));
            gamma[c] = 0.5f + c;
        }
        float[][] sums = new float[2][channels];
        FloatBuffer dx = buffer(new float[rows * channels]);
        FastBatchNorm.backward(buffer(x), buffer(dy), dx, rows * channels, channels, mean, invStd, gamma, sums);
        for (int c = 0; c < channels; c++) {
            double dBeta = 0, dGamma = 0;
            for (int i = 0; i < rows; i++) {
                double xhat = (x[i * channels + c] - mean[c]) * (double) invStd[c];
                dBeta += dy[i * channels + c];
                dGamma += dy[i * channels + c] * xhat;
            }
            assertEquals(dBeta, sums[0][c], 1e-3 * Math.max(1, Math.abs(dBeta)), "dL/dbeta, channel " + c);
            assertEquals(dGamma, sums[1][c], 1e-3 * Math.max(1, Math.abs(dGamma)), "dL/dgamma, channel " + c);
            for (int i = 0; i < rows; i += 997) {
                double xhat = (x[i * channels + c] - mean[c]) * (double) invStd[c];
                double expected = gamma[c] * invStd[c] * (dy[i * channels + c] - dBeta / rows - xhat * dGamma / rows);
                assertEquals(expected, dx.get(i * channels + c), 1e-4, "dL/dx, row " + i + " channel " + c);
            }
        }
    }

    @Test
    void batchStatisticsMatchADoublePrecisionComputation() {
        int rows = 30_000, channels = 7;
        Random r = new Random(5);
        float[] x = new float[rows * channels];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextGaussian() * 0.1 + 100 * (i % channels)); // large means
        float[][] stats = FastBatchNorm.statistics(buffer(x), x.length, channels);
        for (int c = 0; c < channels; c++) {
            double s = 0, ss = 0;
            for (int i = 0; i < rows; i++) s += x[i * channels + c];
            double mean = s / rows;
            for (int i = 0; i < rows; i++) ss += Math.pow(x[i * channels + c] - mean, 2);
            assertEquals(mean, stats[0][c], 1e-5 * Math.max(1, Math.abs(mean)), "mean of channel " + c);
            assertEquals(ss / rows, stats[1][c], 1e-3 * ss / rows, "variance of channel " + c + " (biased, as DL4J's)");
        }
    }

    private static ComputationGraph build(String model, ModelRequest req, boolean fast) {
        String old = System.getProperty("wb.fastBatchNorm");
        System.setProperty("wb.fastBatchNorm", String.valueOf(fast));
        try {
            ComputationGraph g = Networks.build(ModelZoo.standard().get(model), req, Networks.updater(Optimizer.NESTEROV, 0.02, 0.9));
            g.initGradientsView();
            return g;
        } finally {
            if (old == null) System.clearProperty("wb.fastBatchNorm");
            else System.setProperty("wb.fastBatchNorm", old);
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, double relative, String what) {
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= relative * Math.max(1, expected.amaxNumber().doubleValue()), what + " differs by " + diff);
    }

    /**
     * Each batch-norm layer on its own, against DL4J's with the same parameters, input and dL/dy: its output, the
     * gradients of gamma and beta, the running averages' updates and dL/dx. (Whole networks are not compared: a
     * ReLU after batch norm turns last-bit differences in the statistics into different gradients where a value
     * sits at zero.)
     */
    @Test
    void eachBatchNormLayerComputesWhatDl4jsComputes() {
        for (String model : new String[] {"fmnist-cnn", "minivggnet"}) {
            int channels = model.equals("fmnist-cnn") ? 1 : 3, size = model.equals("fmnist-cnn") ? 28 : 16;
            ModelRequest req = new ModelRequest(new InputShape(channels, size, size), 4, 5, 0, 0, true);
            ComputationGraph ref = build(model, req, false), fast = build(model, req, true);
            int images = 0;
            for (org.deeplearning4j.nn.api.Layer l : fast.getLayers()) {
                if (!(l instanceof FastBatchNorm.Layer ours)) continue;
                String name = l.conf().getLayer().getLayerName();
                org.deeplearning4j.nn.api.Layer theirs = ref.getLayer(name);
                assertFalse(theirs instanceof FastBatchNorm.Layer);
                Nd4j.getRandom().setSeed(name.hashCode());
                long n = ours.getParam("gamma").length();
                // [batch, h, w, channels] (channels-last images) or [batch, channels] (after the dense layer)
                boolean image = fast.getConfiguration().getVertexInputs().get(name).get(0).startsWith("conv");
                long[] shape = image ? new long[] {5, 6, 6, n} : new long[] {5, n};
                INDArray x = Nd4j.randn(DataType.FLOAT, shape).muli(3).addi(2), dy = Nd4j.randn(DataType.FLOAT, shape);
                ours.getParam("gamma").assign(Nd4j.rand(DataType.FLOAT, 1, n).addi(0.5));
                ours.getParam("beta").assign(Nd4j.randn(DataType.FLOAT, 1, n));
                theirs.setParams(ours.params().dup());
                var mgr = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
                theirs.setInput(x.dup(), mgr);
                ours.setInput(x.dup(), mgr);
                assertClose(theirs.activate(true, mgr), ours.activate(true, mgr), 1e-5, model + " " + name + " output");
                var gt = theirs.backpropGradient(dy.dup(), mgr);
                var go = ours.backpropGradient(dy.dup(), mgr);
                assertClose(gt.getSecond(), go.getSecond(), 1e-4, model + " " + name + " dL/dx");
                for (var e : gt.getFirst().gradientForVariable().entrySet()) {
                    assertClose(e.getValue(), go.getFirst().gradientForVariable().get(e.getKey()), 1e-4, model + " " + name + " " + e.getKey());
                }
                if (image) {
                    images++;
                    assertEquals(1, ours.javaBackwardPasses(), model + " " + name + ": the backward pass ran in Java");
                }
            }
            assertEquals(model.equals("fmnist-cnn") ? 2 : 4, images, model + ": the image batch-norm layers were compared");
        }
    }
}
