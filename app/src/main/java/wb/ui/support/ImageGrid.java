package wb.ui.support;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.controlsfx.control.GridView;
import org.controlsfx.control.GridCell;

import wb.evaluate.ViewItem;

/**
 * A virtualised grid of prediction thumbnails with captions (true class, predicted class and probability, file
 * name); thumbnails are decoded off the FX thread. Double-click opens the image; the context menu opens its folder
 * or copies its path. Used by the Results views, the confusion-matrix cells and the Train screen's watched images.
 */
public final class ImageGrid extends GridView<ViewItem> {

    public static final double TILE = 128;

    private final Thumbnails thumbnails;
    private final Opener opener;
    private final Consumer<String> status;

    public ImageGrid(ObservableList<ViewItem> items, Thumbnails thumbnails, Opener opener, Consumer<String> status) {
        super(items);
        this.thumbnails = thumbnails;
        this.opener = opener;
        this.status = status;
        getStyleClass().add("wb-image-grid");
        setCellWidth(TILE + 24);
        setCellHeight(TILE + 72);
        setHorizontalCellSpacing(6);
        setVerticalCellSpacing(6);
        setCellFactory(g -> new Tile());
    }

    private final class Tile extends GridCell<ViewItem> {
        private final ImageView image = new ImageView();
        private final StackPane frame = new StackPane(image);
        private final Label predicted = new Label();
        private final Label truth = Ui.styled(new Label(), "wb-caption");
        private final Label file = Ui.styled(new Label(), "wb-caption-path");
        private final VBox box = new VBox(2, frame, predicted, truth, file);
        private Path showing;

        Tile() {
            getStyleClass().add("wb-grid-cell");
            image.setFitWidth(TILE);
            image.setFitHeight(TILE);
            image.setPreserveRatio(true);
            image.setSmooth(false); // small images (MNIST-like) read better with crisp pixels
            frame.setMinSize(TILE, TILE);
            frame.setMaxSize(TILE, TILE);
            box.setAlignment(Pos.TOP_CENTER);
            for (Label l : new Label[] {truth, predicted, file}) l.setMaxWidth(TILE + 16);
            setGraphic(null);
            setOnMouseClicked(e -> {
                if (getItem() != null && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) status.accept(opener.open(getItem().file()));
            });
            MenuItem open = new MenuItem("Open image");
            open.setOnAction(e -> { if (getItem() != null) status.accept(opener.open(getItem().file())); });
            MenuItem reveal = new MenuItem("Open containing folder");
            reveal.setOnAction(e -> { if (getItem() != null) status.accept(opener.reveal(getItem().file())); });
            MenuItem copy = new MenuItem("Copy path");
            copy.setOnAction(e -> {
                if (getItem() != null) {
                    Opener.copyPath(getItem().file());
                    status.accept("Copied " + getItem().file());
                }
            });
            setContextMenu(new ContextMenu(open, reveal, copy));
        }

        @Override protected void updateItem(ViewItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
                showing = null;
                return;
            }
            boolean labelled = item.trueLabel() != null;
            boolean correct = labelled && item.trueLabel().equals(item.predictedLabel());
            truth.setText(labelled ? (correct ? "correct" : "true: " + item.trueLabel()) : "true class unknown");
            predicted.setText(item.predictedLabel() + String.format(Locale.ROOT, " · %.0f%%", item.probability() * 100));
            predicted.getStyleClass().setAll("label", !labelled ? "wb-caption" : correct ? "wb-caption-correct" : "wb-caption-wrong");
            file.setText(item.file().getFileName().toString());
            setTooltip(Ui.tooltip("Predicted " + item.predictedLabel() + String.format(Locale.ROOT, " (%.2f%%)", item.probability() * 100)
                    + (labelled ? ", true class " + item.trueLabel() : "") + "\n" + item.file().toAbsolutePath()
                    + "\n\nDouble-click to open; right-click for more."));
            Path path = item.file();
            showing = path;
            image.setImage(thumbnails.cached(path));
            if (image.getImage() == null) {
                thumbnails.load(path, img -> {
                    // The cell may show another item by now (virtualisation reuses cells).
                    if (path.equals(showing)) image.setImage(img);
                });
            }
            setGraphic(box);
        }
    }
}
