package wb.ui.support;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Where ViewModels run slow work. In the application the work runs on a background executor inside a JavaFX
 * {@code Task} (so progress is coalesced by JavaFX and callbacks arrive on the FX thread); ViewModel tests
 * use {@link #inline()} and need no toolkit.
 */
public interface Background {

    /**
     * Runs {@code work}; exactly one of the callbacks is called afterwards on the UI thread. A cancelled job
     * reports a {@link wb.common.CancelledException} to {@code onFailure}.
     */
    <T> Job submit(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Runs work on {@code executor} in JavaFX Tasks; callbacks on the FX thread. */
    static Background fx(Executor executor) {
        return new FxBackground(executor);
    }

    /** Runs work immediately on the calling thread (ViewModel tests). */
    static Background inline() {
        return new InlineBackground();
    }
}
