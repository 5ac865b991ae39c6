package wb.model;

/**
 * A learning-rate schedule over epochs. STEP multiplies by {@code factor} every {@code stepEpochs};
 * POLY decays as (1 - t/T)^power to zero over the run (power 1 = linear decay); COSINE follows half a
 * cosine from the initial rate to zero (Loshchilov &amp; Hutter, SGDR, 2017, without restarts); ONE_CYCLE warms up
 * linearly from rate/25 to the rate over the first 30% of the run, then follows a cosine to zero (Smith,
 * "Super-convergence", 2018; fastai's fit_one_cycle).
 */
public record LrSchedule(Kind kind, int stepEpochs, double factor, double power) {

    private static final double WARMUP = 0.3;

    /** The schedule shape. */
    public enum Kind { CONSTANT, STEP, POLY, COSINE, ONE_CYCLE }

    public LrSchedule {
        if (kind == null) throw new IllegalArgumentException("schedule kind is required");
        if (kind == Kind.STEP && (stepEpochs < 1 || !(factor > 0 && factor <= 1))) {
            throw new IllegalArgumentException("step schedule needs stepEpochs >= 1 and 0 < factor <= 1");
        }
        if (kind == Kind.POLY && !(power > 0 && power < 100)) throw new IllegalArgumentException("poly schedule needs 0 < power < 100, e.g. poly:2");
    }

    public static LrSchedule constant() { return new LrSchedule(Kind.CONSTANT, 0, 1, 1); }
    public static LrSchedule step(int everyEpochs, double factor) { return new LrSchedule(Kind.STEP, everyEpochs, factor, 1); }
    public static LrSchedule poly(double power) { return new LrSchedule(Kind.POLY, 0, 1, power); }
    public static LrSchedule linear() { return poly(1.0); }
    public static LrSchedule cosine() { return new LrSchedule(Kind.COSINE, 0, 1, 1); }
    public static LrSchedule oneCycle() { return new LrSchedule(Kind.ONE_CYCLE, 0, 1, 1); }

    /**
     * The rate at a fractional epoch position {@code t} (0 at the start; {@code epoch + batch/batches}) of a
     * run of {@code totalEpochs}.
     */
    public double rate(double base, double t, int totalEpochs) {
        double frac = Math.min(1.0, Math.max(0.0, t / Math.max(1, totalEpochs)));
        return switch (kind) {
            case CONSTANT -> base;
            case STEP -> base * Math.pow(factor, Math.floor(t / stepEpochs));
            case POLY -> base * Math.pow(1.0 - frac, power);
            case COSINE -> base * 0.5 * (1.0 + Math.cos(Math.PI * frac));
            case ONE_CYCLE -> frac < WARMUP
                    ? base / 25 + (base - base / 25) * frac / WARMUP
                    : base * 0.5 * (1.0 + Math.cos(Math.PI * (frac - WARMUP) / (1 - WARMUP)));
        };
    }

    /** Parses "constant", "step:EPOCHS:FACTOR", "poly:POWER", "linear", "cosine", "onecycle". */
    public static LrSchedule parse(String text) {
        String[] p = text.trim().toLowerCase(java.util.Locale.ROOT).split(":");
        try {
            return switch (p[0]) {
                case "constant" -> constant();
                case "step" -> step(p.length > 1 ? Integer.parseInt(p[1]) : 10, p.length > 2 ? Double.parseDouble(p[2]) : 0.1);
                case "poly" -> poly(p.length > 1 ? Double.parseDouble(p[1]) : 1.0);
                case "linear" -> linear();
                case "cosine" -> cosine();
                case "onecycle", "one-cycle" -> oneCycle();
                default -> throw new IllegalArgumentException("unknown schedule '" + text + "': use constant, step:EPOCHS:FACTOR, poly:POWER, linear, cosine or onecycle");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad schedule '" + text + "': numbers expected, e.g. step:5:0.5 or poly:2");
        }
    }

    @Override public String toString() {
        return switch (kind) {
            case CONSTANT -> "constant";
            case STEP -> "step:" + stepEpochs + ":" + factor;
            case POLY -> power == 1.0 ? "linear" : "poly:" + power;
            case COSINE -> "cosine";
            case ONE_CYCLE -> "onecycle";
        };
    }
}
