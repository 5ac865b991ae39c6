package wb.train;

/**
 * A stretch of a run trained with one set of frozen layers and one learning-rate multiplier, from
 * {@code firstEpoch} until the next phase starts (transfer learning's warm-up and fine-tune phases).
 */
public record TrainingPhase(String name, int firstEpoch, double lrFactor) {
    public TrainingPhase {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("phase name is required");
        if (firstEpoch < 1) throw new IllegalArgumentException("a phase starts at epoch 1 or later");
        if (!(lrFactor > 0)) throw new IllegalArgumentException("learning-rate factor must be > 0");
    }

    /** The phase that contains {@code epoch}: the last one starting at or before it (null when none does). */
    static TrainingPhase at(java.util.List<TrainingPhase> phases, int epoch) {
        TrainingPhase found = null;
        for (TrainingPhase p : phases) if (p.firstEpoch() <= epoch) found = p;
        return found;
    }
}
