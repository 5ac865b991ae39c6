package wb.train;

/**
 * What is needed to resume a run after {@code epochsCompleted} epochs: the step count (for the
 * schedule), and the best validation result so far (for keep-best and early stopping).
 */
public record TrainerState(int epochsCompleted, long iteration, int bestEpoch, double bestValidLoss,
                           double bestValidAccuracy, int epochsWithoutImprovement) {

    /** The state of a run that has not started. */
    public static TrainerState fresh() { return new TrainerState(0, 0, 0, Double.POSITIVE_INFINITY, Double.NaN, 0); }
}
