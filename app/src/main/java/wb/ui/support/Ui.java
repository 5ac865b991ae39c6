package wb.ui.support;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ObservableList;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * Small builders for the layout vocabulary the screens share (cards, titles, hints, metric tiles). Every node
 * gets a style class from {@code screens.css}, so the main window's light and dark themes apply.
 */
public final class Ui {
    private Ui() { }

    /** The stylesheet of the Model, Train, Results and Export screens. */
    public static final String STYLESHEET = Ui.class.getResource("/wb/ui/screens.css").toExternalForm();

    /** Adds the screens' stylesheet and the common root style class. */
    public static <T extends Parent> T screenRoot(T root, String screenClass) {
        root.getStylesheets().add(STYLESHEET);
        root.getStyleClass().addAll("wb-screen", screenClass);
        return root;
    }

    public static Label title(String text) {
        return styled(new Label(text), "wb-title");
    }

    public static Label sectionTitle(String text) {
        return styled(new Label(text), "wb-section-title");
    }

    /** Secondary text that wraps. */
    public static Label hint(String text) {
        Label l = styled(new Label(text), "wb-hint");
        l.setWrapText(true);
        // Without this a wrapping label in a VBox keeps one line and ends in "...".
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /** A message line whose style follows its kind (info, success, warning, error). */
    public static Label message() {
        Label l = styled(new Label(), "wb-message");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }

    /** Sets a message label's kind: one of "info", "success", "warning", "error". */
    public static void messageKind(Label label, String kind) {
        label.getStyleClass().removeAll("info", "success", "warning", "error");
        if (kind != null) label.getStyleClass().add(kind);
    }

    /** A titled panel with padding and a subtle border. */
    public static VBox card(String title, Node... content) {
        VBox box = new VBox(10);
        box.getStyleClass().add("wb-card");
        if (title != null) box.getChildren().add(sectionTitle(title));
        box.getChildren().addAll(content);
        return box;
    }

    /** A big value with a caption under it, e.g. "91.2%" over "Accuracy". */
    public static VBox tile(Label value, String caption, String tooltip) {
        value.getStyleClass().add("wb-tile-value");
        Label cap = styled(new Label(caption), "wb-tile-caption");
        VBox box = new VBox(2, value, cap);
        box.getStyleClass().add("wb-tile");
        box.setAlignment(Pos.CENTER_LEFT);
        if (tooltip != null) Tooltip.install(box, tooltip(tooltip));
        return box;
    }

    public static Tooltip tooltip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(420);
        t.setShowDelay(Duration.millis(350));
        t.setShowDuration(Duration.seconds(30));
        return t;
    }

    public static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        VBox.setVgrow(r, Priority.ALWAYS);
        return r;
    }

    public static HBox row(double spacing, Node... nodes) {
        HBox b = new HBox(spacing, nodes);
        b.setAlignment(Pos.CENTER_LEFT);
        return b;
    }

    public static <T extends Node> T styled(T node, String... classes) {
        node.getStyleClass().addAll(classes);
        return node;
    }

    public static Insets pad(double v) {
        return new Insets(v);
    }

    /**
     * A drop-down list of {@code items} shown by {@code label}, bound both ways to {@code value} and disabled while
     * {@code busy} holds.
     */
    public static <T> ComboBox<T> choice(String id, ObservableList<T> items, Property<T> value,
                                         java.util.function.Function<T, String> label, ObservableBooleanValue busy) {
        ComboBox<T> box = new ComboBox<>(items);
        box.setId(id);
        box.valueProperty().bindBidirectional(value);
        box.setConverter(new StringConverter<>() {
            @Override public String toString(T t) { return t == null ? "" : label.apply(t); }
            @Override public T fromString(String s) { throw new UnsupportedOperationException(); }
        });
        box.disableProperty().bind(busy);
        return box;
    }
}
