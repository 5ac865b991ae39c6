package wb.ui;

import javafx.concurrent.Task;

import wb.common.Cancellation;
import wb.common.Progress;

/**
 * A JavaFX {@link Task} that bridges the core's {@link Progress} and {@link Cancellation}: core progress
 * reports become {@code updateMessage}/{@code updateProgress} (which JavaFX coalesces, so thousands of
 * reports cost one UI update per pulse), and cancelling the task cancels the core operation.
 */
public abstract class CoreTask<T> extends Task<T> {

    private final Cancellation cancellation = new Cancellation();

    /** A task that runs {@code work} under {@code title}. */
    public static <T> CoreTask<T> of(String title, CoreWork<T> work) {
        CoreTask<T> task = new CoreTask<>() {
            @Override protected T call() throws Exception {
                return work.run(progress(), cancellation());
            }
        };
        task.updateTitle(title);
        return task;
    }

    /** The token the core operation polls; cancelled together with this task. */
    protected final Cancellation cancellation() {
        return cancellation;
    }

    /** Forwards core progress to this task's message and progress (indeterminate when the total is unknown). */
    protected final Progress progress() {
        return (message, done, total) -> {
            if (message != null) updateMessage(message);
            if (total > 0) updateProgress(done, total);
            else updateProgress(-1, 1);
        };
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        cancellation.cancel(); // the core polls this; the interrupt alone would not reach a decode loop
        return super.cancel(mayInterruptIfRunning);
    }
}
