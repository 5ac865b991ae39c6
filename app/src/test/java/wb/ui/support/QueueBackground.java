package wb.ui.support;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link Background} for ViewModel tests that holds submitted work until the test runs it, so a test can
 * check what happens while work is pending and in which order results arrive. No toolkit needed.
 */
public final class QueueBackground implements Background {

    private final List<Pending<?>> queue = new ArrayList<>();
    private final Background inline = Background.inline();

    private record Pending<T>(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        void run(Background inline) {
            inline.submit(title, work, onSuccess, onFailure);
        }
    }

    @Override
    public <T> Job submit(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        queue.add(new Pending<>(title, work, onSuccess, onFailure));
        return new Job() {
            private final javafx.beans.property.ReadOnlyDoubleWrapper progress = new javafx.beans.property.ReadOnlyDoubleWrapper(-1);
            private final javafx.beans.property.ReadOnlyStringWrapper message = new javafx.beans.property.ReadOnlyStringWrapper(title);
            @Override public javafx.beans.property.ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
            @Override public javafx.beans.property.ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
            @Override public void cancel() { }
        };
    }

    /** Titles of the work waiting to run, in submission order. */
    public List<String> pending() {
        return queue.stream().map(Pending::title).toList();
    }

    /** Runs (and removes) every waiting job whose title starts with {@code prefix}; returns how many ran. */
    public int run(String prefix) {
        List<Pending<?>> due = new ArrayList<>();
        for (Iterator<Pending<?>> it = queue.iterator(); it.hasNext();) {
            Pending<?> p = it.next();
            if (p.title().startsWith(prefix)) {
                due.add(p);
                it.remove();
            }
        }
        due.forEach(p -> p.run(inline));
        return due.size();
    }

    /** Drops waiting jobs whose title starts with {@code prefix} without running them. */
    public void discard(String prefix) {
        queue.removeIf(p -> p.title().startsWith(prefix));
    }
}
