package wb.model;

/**
 * The optimisation settings an architecture trains with unless the user chooses others: the defaults of the
 * Model screen and of the {@code train} command.
 *
 * @param source where the recipe comes from (a measurement in docs/benchmarks.md, or "standard")
 */
public record Recipe(Optimizer optimizer, double learningRate, double momentum, LrSchedule schedule, int batchSize, double l2,
                     double weightAverage, String source) {

    /** A recipe without weight averaging. */
    public Recipe(Optimizer optimizer, double learningRate, double momentum, LrSchedule schedule, int batchSize, double l2, String source) {
        this(optimizer, learningRate, momentum, schedule, batchSize, l2, 0, source);
    }

    /**
     * Adam 1e-3 with cosine decay, batch 64, no L2: robust across architectures and datasets without tuning (fast.ai's
     * and Keras's usual starting point).
     */
    public static final Recipe STANDARD = new Recipe(Optimizer.ADAM, 1e-3, 0.9, LrSchedule.cosine(), 64, 0, "standard");

    public Recipe {
        if (optimizer == null || schedule == null) throw new IllegalArgumentException("a recipe needs an optimizer and a schedule");
        if (!(learningRate > 0) || batchSize < 1 || !(l2 >= 0) || !(weightAverage >= 0 && weightAverage < 1)) {
            throw new IllegalArgumentException("bad recipe values");
        }
    }

    /** One line for the zoo list. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s lr %s, %s, batch %d%s", optimizer.name().toLowerCase(java.util.Locale.ROOT),
                learningRate, schedule, batchSize, l2 > 0 ? ", L2 " + l2 : "") + (weightAverage > 0 ? ", weight averaging " + weightAverage : "");
    }
}
