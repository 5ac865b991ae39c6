package wb.ui.train;

/**
 * Runs training off the FX thread and reports back on it. The application uses {@link TrainingService} (a
 * JavaFX Service); the ViewModel depends only on this interface so that its logic is testable without a toolkit.
 */
public interface TrainingRunner {

    /** Receives a run's snapshots and its end, on the UI thread. */
    interface Listener {
        void onSnapshot(TrainingSnapshot snapshot);

        /** The trainer returned normally (completed, early-stopped, stopped, diverged); {@code last} is final. */
        void onSucceeded(TrainingSnapshot last);

        /** The session threw (bad input, I/O failure, a bug). */
        void onFailed(Throwable error);
    }

    /** Starts {@code job}; only one run at a time. */
    void start(TrainingJob job, Listener listener);

    void pause();

    void resume();

    /** Stops after the current batch; the best model so far stays in the run folder. */
    void stop();
}
