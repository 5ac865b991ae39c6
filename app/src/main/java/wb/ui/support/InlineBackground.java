package wb.ui.support;

import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import wb.common.Cancellation;
import wb.common.CancelledException;

/** {@link Background} that runs work on the calling thread: deterministic ViewModel tests without a toolkit. */
final class InlineBackground implements Background {

    @Override
    public <T> Job submit(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
        ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(title);
        Cancellation cancellation = new Cancellation();
        Job job = new Job() {
            @Override public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
            @Override public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
            @Override public void cancel() { cancellation.cancel(); }
        };
        T result;
        try {
            result = work.run((m, done, total) -> {
                if (m != null) message.set(m);
                progress.set(total > 0 ? (double) done / total : -1);
            }, cancellation);
        } catch (Throwable t) {
            onFailure.accept(t);
            return job;
        }
        if (cancellation.isCancelled()) onFailure.accept(new CancelledException());
        else onSuccess.accept(result);
        return job;
    }
}
