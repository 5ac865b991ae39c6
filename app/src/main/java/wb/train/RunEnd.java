package wb.train;

/** How a run ended, sent once to every observer. {@code message} explains a failure or a stop. */
public record RunEnd(Status status, int epochsCompleted, int bestEpoch, double bestValidLoss, double bestValidAccuracy,
                     String message) {

    /** Why the run ended. */
    public enum Status { COMPLETED, EARLY_STOPPED, CANCELLED, DIVERGED, FAILED }
}
