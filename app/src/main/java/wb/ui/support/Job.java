package wb.ui.support;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/** A submitted piece of background work, for progress display and cancellation. */
public interface Job {

    /** 0..1, or -1 while the amount of work is unknown. Changes on the UI thread. */
    ReadOnlyDoubleProperty progressProperty();

    /** What the work is doing now, e.g. "predicting". Changes on the UI thread. */
    ReadOnlyStringProperty messageProperty();

    /** Asks the work to stop; its failure callback then receives a {@link wb.common.CancelledException}. */
    void cancel();
}
