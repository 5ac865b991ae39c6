package wb.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Worker;

import wb.common.CancelledException;
import wb.common.UserException;

/**
 * The long operations the user started (opening, splitting, importing a dataset): runs them on worker
 * threads and keeps the list of those still running, which the status bar shows with a progress bar and a
 * cancel button. Used on the FX thread only.
 */
public final class Jobs {

    private final AppState state;
    private final ObservableList<Worker<?>> running = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Worker<?>> current = new ReadOnlyObjectWrapper<>(this, "current");
    private BiConsumer<String, Throwable> errorHandler = (what, e) -> { };

    private final ExecutorService executor = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
        private final AtomicInteger n = new AtomicInteger();

        @Override public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "wb-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    public Jobs(AppState state) {
        this.state = state;
    }

    /** Where failures are reported to the user, with what failed (the main window shows a dialog). */
    public void setErrorHandler(BiConsumer<String, Throwable> handler) {
        this.errorHandler = handler;
    }

    /** Shows {@code worker} in the status bar until it ends. The caller starts it. */
    public void track(Worker<?> worker) {
        if (running.contains(worker)) return;
        running.add(worker);
        current.set(worker);
        worker.stateProperty().addListener(new javafx.beans.value.ChangeListener<Worker.State>() {
            @Override public void changed(javafx.beans.value.ObservableValue<? extends Worker.State> obs, Worker.State old, Worker.State now) {
                if (now == Worker.State.SUCCEEDED || now == Worker.State.FAILED || now == Worker.State.CANCELLED) {
                    obs.removeListener(this); // a Service is tracked again on each restart
                    running.remove(worker);
                    current.set(running.isEmpty() ? null : running.get(running.size() - 1));
                }
            }
        });
    }

    /**
     * Runs {@code work} on a worker thread, tracked in the status bar. On success {@code onSuccess} runs on
     * the FX thread; a failure goes to the error handler and the status line; cancelling is reported quietly.
     */
    public <T> CoreTask<T> submit(String title, CoreWork<T> work, Consumer<? super T> onSuccess) {
        CoreTask<T> task = CoreTask.of(title, work);
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnCancelled(e -> state.statusProperty().set(title + ": cancelled"));
        task.setOnFailed(e -> report(title, task.getException()));
        track(task);
        executor.execute(task);
        return task;
    }

    /** Reports a failed operation: the status line says what failed, the error handler shows why. */
    public void report(String title, Throwable error) {
        if (error instanceof CancelledException) {
            state.statusProperty().set(title + ": cancelled");
            return;
        }
        state.statusProperty().set(title + " failed: " + message(error));
        errorHandler.accept(title + " failed", error);
    }

    /** The most recently started operation that is still running, or null. */
    public ReadOnlyObjectProperty<Worker<?>> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** One line for the user: a {@link UserException}'s message as is, otherwise the type and message. */
    public static String message(Throwable e) {
        if (e == null) return "unknown error";
        if (e instanceof UserException) return e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) root = root.getCause();
        if (root instanceof UserException) return root.getMessage();
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
