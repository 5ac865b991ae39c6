package wb.ui.support;

import wb.common.Cancellation;
import wb.common.Progress;

/** A unit of background work for a ViewModel: reports through {@code progress}, polls {@code cancel}. */
@FunctionalInterface
public interface Work<T> {
    T run(Progress progress, Cancellation cancel) throws Exception;
}
