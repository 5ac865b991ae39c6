package wb.ui;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Window;

import wb.ui.support.Ui;

/**
 * The ensemble's controls, the same on Results and Export: the Ensemble… button (a folder dialog that starts next to
 * the last added run), the "Ensemble: + N runs" label and its Clear link.
 */
public final class EnsembleControls {

    private final Button button = new Button("Ensemble…");
    private final Label text = new Label();
    private final Hyperlink clear = new Hyperlink("Clear");

    /**
     * @param runs  the added runs (for where the dialog starts)
     * @param add   what the screen does with a chosen folder (its ViewModel checks it and says why not)
     * @param busy  true while the screen predicts: no changes then
     */
    public EnsembleControls(String idPrefix, ObservableList<Path> runs, ReadOnlyStringProperty summary, Consumer<Path> add, Runnable clearAll,
                            ObservableBooleanValue busy, Supplier<Window> window, String tooltip) {
        button.setId(idPrefix + "Button");
        button.setTooltip(Ui.tooltip(tooltip));
        button.disableProperty().bind(busy);
        button.setOnAction(e -> FileDialogs.folder(window.get(), "Run folder to add to the ensemble",
                FileDialogs.startingPoint(runs.isEmpty() ? null : runs.get(runs.size() - 1).getParent())).ifPresent(add));
        text.setId(idPrefix + "Text");
        text.textProperty().bind(summary);
        clear.visibleProperty().bind(summary.isNotEmpty().and(Bindings.not(busy)));
        clear.managedProperty().bind(clear.visibleProperty());
        clear.setOnAction(e -> clearAll.run());
    }

    public Button button() { return button; }

    /** "Ensemble: + N runs", styled by the screen. */
    public Label text() { return text; }

    public Hyperlink clear() { return clear; }
}
