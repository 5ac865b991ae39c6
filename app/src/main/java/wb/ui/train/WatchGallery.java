package wb.ui.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import wb.evaluate.Predictions;
import wb.evaluate.ViewItem;
import wb.train.WatchFrame;
import wb.ui.support.Fmt;

/**
 * The Train screen's watched validation images: the same images after every epoch, with the network's answer and
 * its confidence, so a class can see what the network gets right as it learns. One frame per epoch; a slider
 * ({@link #frameProperty()}) moves between epochs, and while it stays on the newest frame it follows the new
 * ones as they arrive. ViewModel: no toolkit needed.
 */
public final class WatchGallery {

    private final ObservableList<ViewItem> items = FXCollections.observableArrayList();
    private final ObservableList<ViewItem> itemsView = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyIntegerWrapper frameCount = new ReadOnlyIntegerWrapper(this, "frameCount");
    private final IntegerProperty frame = new SimpleIntegerProperty(this, "frame", -1);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private List<WatchFrame> frames = List.of();

    public WatchGallery() {
        frame.addListener((o, a, b) -> show());
        show();
    }

    /** The frames of the run on screen (live or reopened), oldest first. Cheap when nothing new arrived. */
    public void setFrames(List<WatchFrame> next) {
        List<WatchFrame> f = next == null ? List.of() : next;
        if (f.size() == frames.size() && (f.isEmpty() || f.get(f.size() - 1) == frames.get(frames.size() - 1))
                && (f.isEmpty() || f.get(0) == frames.get(0))) {
            return;
        }
        boolean following = frame.get() < 0 || frame.get() >= frames.size() - 1;
        frames = List.copyOf(f);
        frameCount.set(frames.size());
        int wanted = following || frame.get() >= frames.size() ? frames.size() - 1 : frame.get();
        if (wanted == frame.get()) show();
        else frame.set(wanted);
    }

    private void show() {
        int i = frame.get();
        if (i < 0 || i >= frames.size()) {
            items.clear();
            title.set("The watched validation images appear here after the first epoch: the same images every epoch, "
                    + "with the network's answer and its confidence.");
            return;
        }
        Predictions p = frames.get(i).predictions();
        List<ViewItem> out = new ArrayList<>(p.size());
        for (int k = 0; k < p.size(); k++) {
            int t = p.trueLabels()[k];
            out.add(new ViewItem(k, p.files().get(k), t < 0 ? null : p.classes().get(t), p.classes().get(p.predicted(k)), p.confidence(k)));
        }
        items.setAll(out);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "After epoch %d: %d of %d right", frames.get(i).epoch(), p.correctCount(), p.size()));
        if (i > 0) {
            Predictions before = frames.get(i - 1).predictions();
            int changed = 0;
            if (before.files().equals(p.files())) {
                for (int k = 0; k < p.size(); k++) if (before.predicted(k) != p.predicted(k)) changed++;
                s.append(" · ").append(changed == 0 ? "no answer changed" : Fmt.plural(changed, "answer", "answers") + " changed")
                        .append(" since epoch ").append(frames.get(i - 1).epoch());
            }
        }
        title.set(s.toString());
    }

    /** The epoch of frame {@code i}, or 0 outside the frames. */
    public int epochAt(int i) {
        return i >= 0 && i < frames.size() ? frames.get(i).epoch() : 0;
    }

    /** The images of the shown frame: true class, the network's answer and its probability. */
    public ObservableList<ViewItem> items() { return itemsView; }

    /** Index of the shown frame (-1: none); set it to show another epoch. */
    public IntegerProperty frameProperty() { return frame; }

    public ReadOnlyIntegerProperty frameCountProperty() { return frameCount.getReadOnlyProperty(); }

    /** "After epoch 3: 17 of 20 right · 4 answers changed since epoch 2". */
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
}
