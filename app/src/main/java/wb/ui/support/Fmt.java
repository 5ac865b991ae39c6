package wb.ui.support;

import java.math.BigDecimal;
import java.util.Locale;

/** Number and duration formatting shared by the screens; "—" stands for a value that does not exist. */
public final class Fmt {
    private Fmt() { }

    public static final String NONE = "—";

    /** 0.9123 -> "91.2%". */
    public static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", fraction * 100) : NONE;
    }

    /** Fixed decimals, or "—" for NaN. */
    public static String decimal(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : NONE;
    }

    /** 1234567 -> "1,234,567". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 3274634 -> "3.3M", 84212 -> "84.2K", 950 -> "950". */
    public static String compact(long n) {
        if (n < 0) return NONE;
        if (n >= 1_000_000_000L) return trim(n / 1e9) + "B";
        if (n >= 1_000_000L) return trim(n / 1e6) + "M";
        if (n >= 10_000L) return trim(n / 1e3) + "K";
        return Long.toString(n);
    }

    private static String trim(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** 3725 -> "1 h 02 min", 125 -> "2 min 05 s", 7.4 -> "7 s"; "—" when unknown. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return NONE;
        long s = Math.round(seconds);
        if (s >= 3600) return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        if (s >= 60) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return s + " s";
    }

    /** A number as typed in a form: 0.001 stays "0.001", 1e-5 becomes "0.00001", 42.0 becomes "42". */
    public static String plain(double value) {
        if (!Double.isFinite(value)) return "";
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A learning rate for a chart or label: 0.001 -> "0.001", 3.2e-6 -> "3.2e-06". */
    public static String rate(double value) {
        if (!Double.isFinite(value)) return NONE;
        if (value == 0) return "0";
        double a = Math.abs(value);
        return a >= 1e-3 && a < 1e4 ? plain(Double.parseDouble(String.format(Locale.ROOT, "%.4g", value)))
                : String.format(Locale.ROOT, "%.2g", value);
    }

    /** "1 image" / "3 images". */
    public static String plural(long n, String singular, String plural) {
        return count(n) + " " + (n == 1 ? singular : plural);
    }
}
