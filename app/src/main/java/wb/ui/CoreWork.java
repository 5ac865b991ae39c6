package wb.ui;

import wb.common.Cancellation;
import wb.common.Progress;

/**
 * A long core operation as the UI runs it: it reports through {@link Progress}, polls {@link Cancellation}
 * and returns an immutable result. Toolkit-free, so ViewModels can build them and tests can run them inline.
 */
@FunctionalInterface
public interface CoreWork<T> {
    T run(Progress progress, Cancellation cancellation) throws Exception;
}
