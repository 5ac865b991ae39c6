package wb.ui.support;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.concurrent.Task;

import wb.common.Cancellation;
import wb.common.CancelledException;

/** {@link Background} on an executor: each job is a JavaFX Task, whose progress updates JavaFX coalesces. */
final class FxBackground implements Background {

    private final Executor executor;

    FxBackground(Executor executor) {
        this.executor = executor;
    }

    @Override
    public <T> Job submit(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        Cancellation cancellation = new Cancellation();
        Task<T> task = new Task<>() {
            @Override protected T call() throws Exception {
                updateMessage(title);
                updateProgress(-1, 1);
                return work.run((message, done, total) -> {
                    if (message != null) updateMessage(message);
                    // Task clamps and coalesces; a negative amount means indeterminate.
                    updateProgress(total > 0 ? done : -1, Math.max(total, 1));
                }, cancellation);
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        task.setOnCancelled(e -> onFailure.accept(new CancelledException()));
        executor.execute(task);
        return new Job() {
            @Override public ReadOnlyDoubleProperty progressProperty() { return task.progressProperty(); }
            @Override public ReadOnlyStringProperty messageProperty() { return task.messageProperty(); }
            @Override public void cancel() {
                cancellation.cancel();
                // Not interrupting: DL4J and OpenCV calls must finish their current batch cleanly.
                task.cancel(false);
            }
        };
    }
}
