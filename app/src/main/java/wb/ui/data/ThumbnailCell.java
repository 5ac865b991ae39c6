package wb.ui.data;

import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;

import org.controlsfx.control.GridCell;

import wb.ui.Icons;
import wb.ui.data.DataViewModel.GridEntry;

/**
 * A grid cell showing one thumbnail. The grid reuses cells while scrolling: a cell that gets a new image
 * cancels its previous request, and a late result is applied only if the cell still shows that image.
 */
final class ThumbnailCell extends GridCell<GridEntry> {

    private final ThumbnailLoader loader;
    private final DataViewModel vm;
    private final ImageView view = new ImageView();
    private final Label broken = new Label(null, Icons.WARNING.node(22));
    private final StackPane box = new StackPane(view, broken);
    private final Tooltip tooltip = new Tooltip();
    private final InvalidationListener selectionListener = o -> updateSelection();
    private ThumbnailLoader.Request request;

    ThumbnailCell(ThumbnailLoader loader, DataViewModel vm) {
        this.loader = loader;
        this.vm = vm;
        getStyleClass().add("thumb-cell");
        box.getStyleClass().add("thumb-box");
        broken.getStyleClass().add("thumb-broken");
        // Thumbnails arrive at display size (shrunk, or enlarged by whole pixels), so they are shown 1:1.
        box.setMinSize(ThumbnailLoader.SIZE + 8, ThumbnailLoader.SIZE + 8);
        box.setMaxSize(ThumbnailLoader.SIZE + 8, ThumbnailLoader.SIZE + 8);
        // Cells come and go with the grid's size; a weak listener lets discarded ones be collected.
        vm.selectedProperty().addListener(new WeakInvalidationListener(selectionListener));
        setOnMouseClicked(e -> {
            if (getItem() != null) vm.selectedProperty().set(getItem());
        });
    }

    @Override
    protected void updateItem(GridEntry item, boolean empty) {
        super.updateItem(item, empty);
        loader.cancel(request);
        request = null;
        if (empty || item == null) {
            setGraphic(null);
            setTooltip(null);
            updateSelection();
            return;
        }
        tooltip.setText(item.path().getFileName() + "\n" + (item.label() == null ? "unlabelled" : item.label())
                + " · " + DataViewModel.splitName(item.split()));
        ThumbnailLoader.Thumb cached = loader.cached(item.path());
        if (cached != null) {
            show(cached);
        } else {
            view.setImage(null);
            broken.setVisible(false);
            box.getStyleClass().remove("thumb-error");
            if (!box.getStyleClass().contains("thumb-loading")) box.getStyleClass().add("thumb-loading");
            request = loader.request(item.path(), thumb -> {
                if (item.equals(getItem())) show(thumb); // the cell may show another image by now
            });
        }
        setTooltip(tooltip);
        setGraphic(box);
        updateSelection();
    }

    private void show(ThumbnailLoader.Thumb t) {
        request = null;
        box.getStyleClass().remove("thumb-loading");
        view.setImage(t.image());
        boolean failed = t.image() == null;
        broken.setVisible(failed);
        if (failed) {
            if (!box.getStyleClass().contains("thumb-error")) box.getStyleClass().add("thumb-error");
            tooltip.setText(tooltip.getText() + "\n" + t.error());
        } else {
            box.getStyleClass().remove("thumb-error");
        }
    }

    private void updateSelection() {
        boolean sel = getItem() != null && getItem().equals(vm.selectedProperty().get());
        pseudoClassStateChanged(SELECTED, sel);
    }

    private static final javafx.css.PseudoClass SELECTED = javafx.css.PseudoClass.getPseudoClass("picked");
}
