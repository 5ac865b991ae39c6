package wb.train;

/**
 * Receives a training run's progress. The console progress bar, metrics.csv, checkpoints and the GUI's
 * live charts are all observers. Callbacks run on the training thread in this order: {@code onStart},
 * then per epoch many {@code onBatch}, one {@code onEpoch} and (with validation data) one {@code onWatch}, then exactly one {@code onFinish}
 * (also after a cancel or a failure). Runs with phases (transfer learning) also get {@code onPhase}
 * before the first batch of each phase (and, on resume, of the phase the run resumes in). They must be
 * quick; hand heavy work to another thread.
 */
public interface TrainingObserver {

    default void onStart(RunStart start) { }

    /**
     * A training phase begins: {@code name} ("head", "fine-tune") and its first epoch (1-based), so a chart
     * can mark where the freeze point moved and the learning rate dropped.
     */
    default void onPhase(String name, int firstEpoch) { }

    default void onBatch(BatchMetrics batch) { }

    /**
     * A pause has taken effect: the batch under way has ended and been reported, and the run waits before the next
     * one. Once per pause, so that an observer that holds updates back can show the run as it stands.
     */
    default void onPaused() { }

    default void onEpoch(EpochMetrics epoch) { }

    /** After {@code onEpoch}: the network's answers for the run's watched validation images (runs with validation data). */
    default void onWatch(WatchFrame frame) { }

    default void onFinish(RunEnd end) { }

    /** Fans one stream of events out to several observers, in order. */
    static TrainingObserver all(java.util.List<? extends TrainingObserver> observers) {
        java.util.List<TrainingObserver> list = java.util.List.copyOf(observers);
        return new TrainingObserver() {
            @Override public void onStart(RunStart s) { list.forEach(o -> o.onStart(s)); }
            @Override public void onPhase(String name, int firstEpoch) { list.forEach(o -> o.onPhase(name, firstEpoch)); }
            @Override public void onBatch(BatchMetrics b) { list.forEach(o -> o.onBatch(b)); }
            @Override public void onPaused() { list.forEach(TrainingObserver::onPaused); }
            @Override public void onEpoch(EpochMetrics e) { list.forEach(o -> o.onEpoch(e)); }
            @Override public void onWatch(WatchFrame f) { list.forEach(o -> o.onWatch(f)); }
            @Override public void onFinish(RunEnd e) { list.forEach(o -> o.onFinish(e)); }
        };
    }
}
