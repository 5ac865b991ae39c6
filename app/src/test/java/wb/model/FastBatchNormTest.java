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

    private static ComputationGraph build(String model, ModelRequest req, boolean fast) {
        String old = System.getProperty("wb.fastBatchNorm");
        System.setProperty("wb.fastBatchNorm", String.valueOf(fast));
        try {
            return Networks.build(ModelZoo.standard().get(model), req, Networks.updater(Optimizer.NESTEROV, 0.02, 0.9));
        } finally {
            if (old == null) System.clearProperty("wb.fastBatchNorm");
            else System.setProperty("wb.fastBatchNorm", old);
        }
    }

    private static long javaPasses(ComputationGraph g) {
        long n = 0;
        for (org.deeplearning4j.nn.api.Layer l : g.getLayers()) {
            if (l instanceof FastBatchNorm.Layer b) n += b.javaBackwardPasses();
        }
        return n;
    }

    @Test
    void networksWithBatchNormGetLibnd4jsGradients() {
        // FMNIST-CNN: batch norm on 28x28 and 14x14 channels-last images; MiniVGGNet also on its dense layer
        for (String model : new String[] {"fmnist-cnn", "minivggnet"}) {
            int channels = model.equals("fmnist-cnn") ? 1 : 3, size = model.equals("fmnist-cnn") ? 28 : 16;
            ModelRequest req = new ModelRequest(new InputShape(channels, size, size), 4, 5, 0, 0, true);
            ComputationGraph ref = build(model, req, false), fast = build(model, req, true);
            fast.setParams(ref.params().dup());
            Nd4j.getRandom().setSeed(8);
            INDArray x = Nd4j.rand(DataType.FLOAT, 6, channels, size, size);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 4);
            for (int i = 0; i < 6; i++) y.putScalar(i, i % 4, 1f);
            for (ComputationGraph g : new ComputationGraph[] {ref, fast}) {
                g.setInputs(x);
                g.setLabels(y);
                g.computeGradientAndScore();
            }
            // DL4J hands its helper only images; MiniVGGNet's batch norm after the dense layer stays DL4J's own code
            int imageBnLayers = model.equals("fmnist-cnn") ? 2 : 4;
            assertEquals(0, javaPasses(ref));
            assertEquals(imageBnLayers, javaPasses(fast), model + ": every image batch-norm layer's backward pass ran in Java");
            INDArray gr = ref.gradient().gradient(), gf = fast.gradient().gradient();
            double diff = gr.sub(gf).amaxNumber().doubleValue();
            assertTrue(diff <= 1e-4 * Math.max(1, gr.amaxNumber().doubleValue()), model + ": gradients differ by " + diff);
            assertFalse(fast.getConfiguration().toJson().contains("FastBatchNorm"), "saved configurations name DL4J's class");
        }
    }
}
