package wb.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TtaTest {

    @Test
    void mirroredSourceReversesEveryRowOfEveryChannel() {
        float[] x = new float[2 * 2 * 3];
        for (int i = 0; i < x.length; i++) x[i] = i;
        ArraySource src = new ArraySource(new float[][] {x}, new int[] {1}, new int[] {2, 2, 3});
        TensorSource m = Tta.mirrored(src);
        float[] out = new float[x.length];
        m.load(0, out, 0, true, new SplittableRandom(1));
        assertArrayEquals(new float[] {2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9}, out);
        assertEquals(1, m.label(0));
        float[] twice = new float[x.length];
        Tta.mirrored(m).load(0, twice, 0, false, new SplittableRandom(1));
        assertArrayEquals(x, twice);
    }

    @Test
    void flatFeaturesCannotBeMirrored() {
        ArraySource flat = new ArraySource(new float[][] {{1, 2}}, new int[] {0}, new int[] {2});
        assertThrows(IllegalArgumentException.class, () -> Tta.mirrored(flat));
    }
}
