package wb.ui.support;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class AxisRangeTest {

    @Test
    void boundsAreMultiplesOfARoundUnitThatHoldTheData() {
        assertEquals(new AxisRange(0, 400, 50), AxisRange.nice(0, 399, 8));
        AxisRange loss = AxisRange.nice(0.31, 2.34, 6);
        assertEquals(0.5, loss.unit(), 1e-12);
        assertEquals(0, loss.lower(), 1e-12);
        assertEquals(2.5, loss.upper(), 1e-12);
        AxisRange rate = AxisRange.nice(0, 0.00105, 6);
        assertEquals(0.0002, rate.unit(), 1e-15);
        assertTrue(rate.covers(0, 0.00105) && rate.upper() <= 0.0012 + 1e-15, rate.toString());
        for (double[] c : new double[][] {{-3.7, 12.2}, {1e-7, 3e-7}, {1234, 98765}, {0.999, 1.001}}) {
            AxisRange r = AxisRange.nice(c[0], c[1], 6);
            assertTrue(r.covers(c[0], c[1]), r + " holds " + c[0] + ".." + c[1]);
            double ticks = (r.upper() - r.lower()) / r.unit();
            assertTrue(ticks >= 2 && ticks <= 12, r + ": " + ticks + " ticks");
            assertEquals(Math.rint(r.lower() / r.unit()), r.lower() / r.unit(), 1e-6, "lower bound on the grid: " + r);
            double mantissa = r.unit() / Math.pow(10, Math.floor(Math.log10(r.unit())));
            assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9 || Math.abs(mantissa - 5) < 1e-9, r.toString());
        }
    }

    @Test
    void aSingleValueGetsASpanAroundIt() {
        AxisRange one = AxisRange.nice(0.01, 0.01, 6);
        assertTrue(one.lower() < 0.01 && 0.01 < one.upper(), one.toString());
        AxisRange zero = AxisRange.nice(0, 0, 6);
        assertTrue(zero.lower() < 0 && 0 < zero.upper(), zero.toString());
    }

    @Test
    void countsGetWholeNumberTicksFromZero() {
        AxisRange r = AxisRange.counts(19, 6);
        assertEquals(new AxisRange(0, 20, 5), r, "an autoranging axis put ticks at 2.5, 5, 7.5 ...");
        assertEquals(new AxisRange(0, 4, 1), AxisRange.counts(3, 6), "never a tick unit below one image; the tallest bar below the top");
        assertEquals(new AxisRange(0, 8, 1), AxisRange.counts(7, 6));
        assertEquals(new AxisRange(0, 1, 1), AxisRange.counts(0, 6));
        assertEquals(new AxisRange(0, 60000, 10000), AxisRange.counts(54000, 6));
        assertThrows(IllegalArgumentException.class, () -> AxisRange.counts(-1, 6));
    }

    @Test
    void rejectsNonFiniteAndInvertedRanges() {
        assertThrows(IllegalArgumentException.class, () -> AxisRange.nice(Double.NaN, 1, 6));
        assertThrows(IllegalArgumentException.class, () -> AxisRange.nice(0, Double.POSITIVE_INFINITY, 6));
        assertThrows(IllegalArgumentException.class, () -> AxisRange.nice(2, 1, 6));
    }
}
