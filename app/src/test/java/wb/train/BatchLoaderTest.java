package wb.train;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchLoaderTest {

    private static ArraySource labelled(int... labels) {
        float[][] x = new float[labels.length][];
        for (int i = 0; i < labels.length; i++) x[i] = new float[] {i, i};
        return new ArraySource(x, labels, new int[] {2});
    }

    @Test
    void oneHotTargetsByDefaultAndBatchesInOrder() throws Exception {
        try (BatchLoader loader = new BatchLoader(labelled(0, 2, 1, 2), new int[] {3, 2, 1, 0}, 2, true, 3, false, 1, 2, 2)) {
            assertEquals(2, loader.batches());
            BatchLoader.Batch b = loader.next();
            assertArrayEquals(new int[] {3, 2}, b.items());
            INDArray y = b.dataSet().getLabels();
            assertArrayEquals(new float[] {0, 0, 1}, y.getRow(0).toFloatVector());
            assertArrayEquals(new float[] {0, 1, 0}, y.getRow(1).toFloatVector());
            assertEquals(3f, b.dataSet().getFeatures().getFloat(0, 0));
            b.release();
            assertArrayEquals(new int[] {1, 0}, loader.next().items());
        }
    }

    @Test
    void labelSmoothingSpreadsEOverTheClassesAndKeepsRowsSummingToOne() throws Exception {
        try (BatchLoader loader = new BatchLoader(labelled(1, 0, -1), new int[] {0, 1, 2}, 3, false, 4, false, 1, 1, 2, 0.1)) {
            INDArray y = loader.next().dataSet().getLabels();
            assertArrayEquals(new float[] {0.025f, 0.925f, 0.025f, 0.025f}, y.getRow(0).toFloatVector(), 1e-6f);
            assertArrayEquals(new float[] {0.925f, 0.025f, 0.025f, 0.025f}, y.getRow(1).toFloatVector(), 1e-6f);
            assertEquals(1.0, y.getRow(0).sumNumber().doubleValue(), 1e-6);
            assertArrayEquals(new float[] {0, 0, 0, 0}, y.getRow(2).toFloatVector(), "an unlabelled example has no target");
        }
        assertThrows(IllegalArgumentException.class, () -> new BatchLoader(labelled(0, 1), new int[] {0, 1}, 2, true, 2, false, 1, 1, 2, 1.0));
    }
}
