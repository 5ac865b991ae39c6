package wb.train;

import java.util.Objects;

import wb.evaluate.Predictions;

/**
 * What the network answered for the run's watched validation images after one epoch. The same images are watched
 * every epoch ({@link WatchSet}), so the frames of a run show how its answers change as it learns.
 */
public record WatchFrame(int epoch, Predictions predictions) {
    public WatchFrame {
        if (epoch < 1) throw new IllegalArgumentException("epochs count from 1, not " + epoch);
        Objects.requireNonNull(predictions, "predictions");
    }
}
