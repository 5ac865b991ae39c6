package wb.ui.support;

import javafx.scene.chart.NumberAxis;

/**
 * A fixed axis range with a round tick unit (1, 2 or 5 times a power of ten) whose bounds are multiples of the unit,
 * after Heckbert's "nice numbers". The live batch curves use fixed ranges instead of autoranging: an autoranging axis
 * recomputes, re-creates and re-measures its tick labels on every update (most of the charts' layout time while a run
 * trains, docs/benchmarks.md, GUI vs CLI), and a fixed range changes only when the data leaves it.
 */
public record AxisRange(double lower, double upper, double unit) {

    /** A range that holds {@code min..max} with about {@code ticks} tick marks; {@code min == max} gets a span around it. */
    public static AxisRange nice(double min, double max, int ticks) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) throw new IllegalArgumentException("range of non-finite values: " + min + ", " + max);
        if (max < min) throw new IllegalArgumentException("max " + max + " is below min " + min);
        if (max == min) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double unit = niceNumber((max - min) / Math.max(1, ticks - 1));
        return new AxisRange(Math.floor(min / unit) * unit, Math.ceil(max / unit) * unit, unit);
    }

    /**
     * A range for counts from zero to {@code max}: whole-number ticks only (an autoranging axis puts ticks at 2.5, 7.5 ...
     * images), about {@code ticks} of them, and room above the tallest bar up to the next tick; no counts gets 0-1.
     */
    public static AxisRange counts(long max, int ticks) {
        if (max < 0) throw new IllegalArgumentException("negative count " + max);
        if (max == 0) return new AxisRange(0, 1, 1);
        double unit = Math.max(1, niceNumber((double) max / Math.max(1, ticks - 1)));
        return new AxisRange(0, (Math.floor(max / unit) + 1) * unit, unit);
    }

    /** True when {@code min..max} lies within this range. */
    public boolean covers(double min, double max) {
        return lower <= min && max <= upper;
    }

    /** Fixes {@code axis} to this range; properties already equal are left alone, so an unchanged range costs no layout. */
    public void applyTo(NumberAxis axis) {
        if (axis.isAutoRanging()) axis.setAutoRanging(false);
        if (axis.getLowerBound() != lower) axis.setLowerBound(lower);
        if (axis.getUpperBound() != upper) axis.setUpperBound(upper);
        if (axis.getTickUnit() != unit) axis.setTickUnit(unit);
    }

    /** The nearest of 1, 2, 5 and 10 times a power of ten to {@code x}. */
    private static double niceNumber(double x) {
        double scale = Math.pow(10, Math.floor(Math.log10(x)));
        double f = x / scale;
        return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * scale;
    }
}
