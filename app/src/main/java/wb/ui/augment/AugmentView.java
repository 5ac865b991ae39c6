package wb.ui.augment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.StringConverter;

import wb.ui.FileDialogs;
import wb.dataset.ImageItem;
import wb.imaging.FillMode;
import wb.imaging.Raster;
import wb.imaging.ResizePolicy;
import wb.ui.FxImages;
import wb.ui.Icons;
import wb.ui.augment.AugmentViewModel.MontageResult;
import wb.ui.augment.AugmentViewModel.Preset;
import wb.ui.augment.AugmentViewModel.ResizePreview;
import wb.ui.augment.AugmentViewModel.Tile;

/**
 * The Augment screen's nodes: the parameter controls on the left, and on the right the chosen image with
 * its augmented variants and the side-by-side resize preview. Slider moves are debounced before the view
 * model renders, so dragging stays fluid.
 */
final class AugmentView {

    /** Quiet time after the last control change before re-rendering. */
    static final Duration DEBOUNCE = Duration.millis(150);
    private static final int COLUMNS = 4;

    private final AugmentViewModel vm;
    private final Window owner;
    private final BorderPane root = new BorderPane();
    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private final TilePane tiles = new TilePane();
    private final List<ImageView> tileViews = new ArrayList<>();
    private final List<Label> tileCaptions = new ArrayList<>();

    AugmentView(AugmentViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
        root.getStyleClass().addAll("screen", "augment-screen");
        root.setTop(header());
        ScrollPane controls = new ScrollPane(controls());
        controls.setFitToWidth(true);
        controls.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        controls.getStyleClass().addAll("page-scroll", "controls-scroll");
        controls.setPrefWidth(340);
        controls.setMinWidth(300);
        root.setLeft(controls);
        root.setCenter(preview());

        debounce.setOnFinished(e -> vm.refresh());
        for (var p : List.of(vm.configProperty(), vm.seedProperty(), vm.imageProperty(), vm.resizePolicyProperty(),
                vm.effectiveSizeProperty(), vm.modelDefaultSizeProperty(), vm.inputSizeProperty())) {
            p.addListener((o, old, now) -> debounce.playFromStart());
        }
        vm.refresh();
    }

    Node root() {
        return root;
    }

    /** The montage tile images, original first (tests read their pixels). */
    List<ImageView> tileViews() {
        return tileViews;
    }

    // ---- header ------------------------------------------------------------------------------------

    private Node header() {
        Label title = new Label("Augment");
        title.getStyleClass().add("screen-title");
        Label subtitle = new Label("Random changes applied to each training image, so the model learns what does not matter");
        subtitle.getStyleClass().add("screen-subtitle");
        VBox titles = new VBox(2, title, subtitle);
        HBox.setHgrow(titles, Priority.ALWAYS);
        titles.setMinWidth(0);

        Label presetLabel = new Label("Preset");
        presetLabel.getStyleClass().add("muted");
        ToggleGroup group = new ToggleGroup();
        HBox segmented = new HBox();
        segmented.getStyleClass().add("segmented");
        for (Preset p : Preset.values()) {
            ToggleButton b = new ToggleButton(p.label());
            b.setUserData(p);
            b.setToggleGroup(group);
            b.setOnAction(e -> {
                vm.applyPreset(p);
                b.setSelected(true);
            });
            b.setId("preset-" + p.name().toLowerCase(Locale.ROOT));
            segmented.getChildren().add(b);
        }
        Label custom = new Label("Custom");
        custom.getStyleClass().add("custom-badge");
        Runnable syncPreset = () -> {
            Preset p = vm.presetProperty().get();
            group.getToggles().forEach(t -> t.setSelected(t.getUserData() == p));
            custom.setVisible(p == null);
        };
        vm.presetProperty().addListener(o -> syncPreset.run());
        syncPreset.run();
        custom.managedProperty().bind(custom.visibleProperty());
        HBox presets = new HBox(10, presetLabel, segmented, custom);
        presets.setAlignment(Pos.CENTER_RIGHT);

        HBox header = new HBox(16, titles, presets);
        header.getStyleClass().add("screen-header");
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    // ---- controls ----------------------------------------------------------------------------------

    private Node controls() {
        VBox box = new VBox(6);
        box.getStyleClass().add("controls");

        box.getChildren().add(section("Geometry"));
        box.getChildren().add(slider("Rotation", vm.rotationProperty(), 0, 90, 1, v -> v == 0 ? "off" : String.format(Locale.ROOT, "± %.0f°", v),
                "Turn by a random angle up to this many degrees either way", "rotation"));
        box.getChildren().add(slider("Width shift", vm.widthShiftProperty(), 0, 0.5, 0.01, AugmentView::percent,
                "Move left or right by up to this fraction of the width", "width-shift"));
        box.getChildren().add(slider("Height shift", vm.heightShiftProperty(), 0, 0.5, 0.01, AugmentView::percent,
                "Move up or down by up to this fraction of the height", "height-shift"));
        box.getChildren().add(slider("Shear", vm.shearProperty(), 0, 30, 0.5, v -> v == 0 ? "off" : String.format(Locale.ROOT, "± %.1f°", v),
                "Slant by a random shear angle up to this many degrees", "shear"));
        box.getChildren().add(slider("Zoom from", vm.zoomMinProperty(), 0.5, 1.5, 0.01, v -> String.format(Locale.ROOT, "%.2f×", v),
                "Smallest zoom factor (Keras semantics: above 1 shows a larger area, so content shrinks)", "zoom-min"));
        box.getChildren().add(slider("Zoom to", vm.zoomMaxProperty(), 0.5, 1.5, 0.01, v -> String.format(Locale.ROOT, "%.2f×", v),
                "Largest zoom factor; x and y are drawn independently", "zoom-max"));

        box.getChildren().add(section("Flips, crop and erasing"));
        CheckBox hflip = new CheckBox("Flip left–right");
        hflip.selectedProperty().bindBidirectional(vm.horizontalFlipProperty());
        hflip.setTooltip(new Tooltip("Mirror half of the images left to right (fine for most photos, wrong for text or digits)"));
        CheckBox vflip = new CheckBox("Flip top–bottom");
        vflip.selectedProperty().bindBidirectional(vm.verticalFlipProperty());
        vflip.setTooltip(new Tooltip("Mirror half of the images top to bottom (for aerial or microscope images)"));
        HBox flips = new HBox(18, hflip, vflip);
        flips.getStyleClass().add("control-row");
        box.getChildren().add(flips);
        box.getChildren().add(spinner("Random crop padding", vm.cropPaddingProperty(), 0, 64, "px",
                "Pad by this many pixels, then crop back to size at a random offset (0 turns it off)"));
        box.getChildren().add(slider("Random erasing", vm.erasingProperty(), 0, 1, 0.05, v -> v == 0 ? "off" : String.format(Locale.ROOT, "%.0f%%", v * 100),
                "The share of images in which a random rectangle (2-40% of the image) is replaced by noise (Zhong et al. 2017)", "erasing"));

        box.getChildren().add(section("Colour"));
        box.getChildren().add(slider("Channel shift", vm.channelShiftProperty(), 0, 100, 1, v -> v == 0 ? "off" : String.format(Locale.ROOT, "± %.0f", v),
                "Add a random offset up to this value (of 255) to each colour channel", "channel-shift"));

        box.getChildren().add(section("Fill"));
        ChoiceBox<FillMode> fill = new ChoiceBox<>();
        fill.getItems().setAll(FillMode.values());
        fill.setConverter(new StringConverter<>() {
            @Override public String toString(FillMode m) { return m == null ? "" : fillName(m); }
            @Override public FillMode fromString(String s) { return null; }
        });
        fill.valueProperty().bindBidirectional(vm.fillModeProperty());
        fill.setTooltip(new Tooltip("How areas moved in from outside the image are filled"));
        fill.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(fill, Priority.ALWAYS);
        Label fillLabel = new Label("Fill mode");
        fillLabel.getStyleClass().add("control-label");
        fillLabel.setMinWidth(90);
        HBox fillRow = new HBox(10, fillLabel, fill);
        fillRow.setAlignment(Pos.CENTER_LEFT);
        fillRow.getStyleClass().add("control-row");
        Label fillHelp = new Label();
        fillHelp.getStyleClass().add("muted");
        fillHelp.setWrapText(true);
        fillHelp.textProperty().bind(Bindings.createStringBinding(() -> fillHelp(vm.fillModeProperty().get()), vm.fillModeProperty()));
        box.getChildren().addAll(fillRow, fillHelp);
        IntegerSliderAdapter fillValue = new IntegerSliderAdapter(vm.fillValueProperty());
        Node fillValueRow = slider("Fill value", fillValue.value, 0, 255, 1, v -> String.format(Locale.ROOT, "%.0f", v),
                "The grey level used by the constant fill", "fill-value");
        fillValueRow.disableProperty().bind(vm.fillModeProperty().isNotEqualTo(FillMode.CONSTANT));
        box.getChildren().add(fillValueRow);

        box.getChildren().add(section("Input"));
        ToggleGroup policyGroup = new ToggleGroup();
        HBox policy = new HBox();
        policy.getStyleClass().add("segmented");
        for (ResizePolicy p : ResizePolicy.values()) {
            ToggleButton b = new ToggleButton(p == ResizePolicy.SQUASH ? "Squash" : "Crop centre");
            b.setUserData(p);
            b.setToggleGroup(policyGroup);
            b.setTooltip(new Tooltip(p == ResizePolicy.SQUASH ? "Stretch to the input size: keeps everything, distorts shapes"
                    : "Keep the aspect ratio and cut the overflow: never distorts, loses the edges"));
            b.setOnAction(e -> {
                vm.resizePolicyProperty().set(p);
                b.setSelected(true);
            });
            policy.getChildren().add(b);
        }
        Runnable syncPolicy = () -> policyGroup.getToggles().forEach(t -> t.setSelected(t.getUserData() == vm.resizePolicyProperty().get()));
        vm.resizePolicyProperty().addListener(o -> syncPolicy.run());
        syncPolicy.run();
        Label policyLabel = new Label("Resize");
        policyLabel.getStyleClass().add("control-label");
        policyLabel.setMinWidth(90);
        HBox policyRow = new HBox(10, policyLabel, policy);
        policyRow.setAlignment(Pos.CENTER_LEFT);
        policyRow.getStyleClass().add("control-row");
        box.getChildren().add(policyRow);

        CheckBox modelDefault = new CheckBox();
        modelDefault.selectedProperty().bindBidirectional(vm.modelDefaultSizeProperty());
        modelDefault.textProperty().bind(Bindings.createStringBinding(() -> vm.modelSizeProperty().get() > 0
                ? "Model default (" + vm.modelSizeProperty().get() + " px)" : "Model default", vm.modelSizeProperty()));
        Spinner<Integer> size = new Spinner<>(8, 1024, vm.inputSizeProperty().get(), 8);
        size.setEditable(true);
        size.setPrefWidth(110);
        size.getValueFactory().valueProperty().addListener((o, old, now) -> {
            if (now != null) vm.inputSizeProperty().set(now);
        });
        vm.inputSizeProperty().addListener((o, old, now) -> size.getValueFactory().setValue(now.intValue()));
        size.disableProperty().bind(vm.modelDefaultSizeProperty());
        size.focusedProperty().addListener((o, was, is) -> { if (!is) size.increment(0); });
        Label sizeLabel = new Label("Input size");
        sizeLabel.getStyleClass().add("control-label");
        sizeLabel.setMinWidth(90);
        HBox sizeRow = new HBox(10, sizeLabel, modelDefault);
        sizeRow.setAlignment(Pos.CENTER_LEFT);
        sizeRow.getStyleClass().add("control-row");
        Region indent = new Region();
        indent.setMinWidth(90);
        Label px = new Label("px");
        px.getStyleClass().add("muted");
        HBox customRow = new HBox(10, indent, size, px);
        customRow.setAlignment(Pos.CENTER_LEFT);
        customRow.getStyleClass().add("control-row");
        box.getChildren().addAll(sizeRow, customRow);

        Label error = new Label();
        error.textProperty().bind(vm.errorProperty());
        error.setWrapText(true);
        error.getStyleClass().add("severity-error");
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        Label note = new Label("Training uses these settings. Validation and test images are only resized, never augmented.");
        note.setWrapText(true);
        note.getStyleClass().addAll("muted", "controls-note");
        box.getChildren().addAll(error, note);
        return box;
    }

    private static Label section(String text) {
        Label l = new Label(text.toUpperCase(Locale.ROOT));
        l.getStyleClass().add("control-section");
        return l;
    }

    /**
     * A labelled slider with its value. The slider's range grows to hold a value set elsewhere (a preset or a
     * loaded configuration), so showing a value never changes it.
     */
    private static Node slider(String name, DoubleProperty value, double min, double max, double step, DoubleFunction<String> format,
                               String tip, String id) {
        Slider s = new Slider(min, Math.max(max, value.get()), value.get());
        s.setBlockIncrement(step);
        s.setId("slider-" + id);
        Label label = new Label(name);
        label.getStyleClass().add("control-label");
        Label shown = new Label(format.apply(value.get()));
        shown.getStyleClass().add("control-value");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(label, grow, shown);
        boolean[] guard = {false};
        s.valueProperty().addListener((o, old, now) -> {
            if (guard[0]) return;
            double rounded = Math.round(now.doubleValue() / step) * step;
            rounded = Math.round(rounded * 1e6) / 1e6; // keep 0.1 as 0.1, not 0.10000000000000001
            guard[0] = true;
            try {
                value.set(rounded);
                s.setValue(rounded); // the thumb snaps to the step, so what it shows is what is used
            } finally {
                guard[0] = false;
            }
        });
        value.addListener((o, old, now) -> {
            shown.setText(format.apply(now.doubleValue()));
            if (guard[0]) return;
            guard[0] = true;
            try {
                if (now.doubleValue() > s.getMax()) s.setMax(now.doubleValue());
                s.setValue(now.doubleValue());
            } finally {
                guard[0] = false;
            }
        });
        VBox row = new VBox(2, top, s);
        row.getStyleClass().add("control-row");
        Tooltip.install(row, new Tooltip(tip));
        return row;
    }

    private static Node spinner(String name, IntegerProperty value, int min, int max, String unit, String tip) {
        Spinner<Integer> sp = new Spinner<>(min, Math.max(max, value.get()), value.get());
        sp.setEditable(true);
        sp.setPrefWidth(96);
        sp.getValueFactory().valueProperty().addListener((o, old, now) -> {
            if (now != null) value.set(now);
        });
        value.addListener((o, old, now) -> sp.getValueFactory().setValue(now.intValue()));
        sp.focusedProperty().addListener((o, was, is) -> { if (!is) sp.increment(0); });
        sp.setTooltip(new Tooltip(tip));
        Label label = new Label(name);
        label.getStyleClass().add("control-label");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label u = new Label(unit);
        u.getStyleClass().add("muted");
        HBox row = new HBox(8, label, grow, sp, u);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("control-row");
        return row;
    }

    /** An integer property seen as a double one, for a slider. */
    private static final class IntegerSliderAdapter {
        final DoubleProperty value = new javafx.beans.property.SimpleDoubleProperty();

        IntegerSliderAdapter(IntegerProperty target) {
            value.set(target.get());
            value.addListener((o, old, now) -> target.set((int) Math.round(now.doubleValue())));
            target.addListener((o, old, now) -> value.set(now.intValue()));
        }
    }

    static String percent(double v) {
        return v == 0 ? "off" : String.format(Locale.ROOT, "± %.0f %%", v * 100);
    }

    static String fillName(FillMode m) {
        return switch (m) {
            case NEAREST -> "Nearest";
            case CONSTANT -> "Constant";
            case REFLECT -> "Reflect";
            case WRAP -> "Wrap";
        };
    }

    static String fillHelp(FillMode m) {
        if (m == null) return "";
        return switch (m) {
            case NEAREST -> "Areas moved in from outside repeat the edge pixels.";
            case CONSTANT -> "Areas moved in from outside get one grey level.";
            case REFLECT -> "Areas moved in from outside mirror the image at its edge.";
            case WRAP -> "Areas moved in from outside tile the image.";
        };
    }

    // ---- preview -----------------------------------------------------------------------------------

    private Node preview() {
        Label current = new Label();
        current.getStyleClass().add("image-name");
        current.setGraphic(Icons.IMAGE.node(15));
        current.setMinWidth(0);
        current.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        Tooltip currentTip = new Tooltip();
        current.setTooltip(currentTip);
        Runnable showCurrent = () -> {
            Path p = vm.imageProperty().get();
            current.setText(p == null ? "No image" : (p.getParent() == null ? "" : p.getParent().getFileName() + " / ") + p.getFileName());
            currentTip.setText(p == null ? "Open a dataset or browse for an image" : p.toString());
        };
        vm.imageProperty().addListener((o, old, now) -> showCurrent.run());
        showCurrent.run();

        MenuButton examples = new MenuButton("Examples");
        examples.setTooltip(new Tooltip("The first training image of each class"));
        Runnable fillExamples = () -> {
            examples.getItems().clear();
            for (ImageItem item : vm.examples()) {
                MenuItem mi = new MenuItem((item.label() == null ? "" : item.label() + "  —  ") + item.path().getFileName());
                mi.setMnemonicParsing(false);
                mi.setOnAction(e -> vm.imageProperty().set(item.path()));
                examples.getItems().add(mi);
            }
        };
        vm.examples().addListener((javafx.collections.ListChangeListener<ImageItem>) c -> fillExamples.run());
        fillExamples.run();
        examples.disableProperty().bind(Bindings.isEmpty(vm.examples()));

        Button random = new Button("Random", Icons.IMAGE.node(14));
        random.setTooltip(new Tooltip("Pick a random training image"));
        random.setOnAction(e -> vm.randomImage());
        random.disableProperty().bind(Bindings.isEmpty(vm.examples()));
        Button browse = new Button("Browse…", Icons.FOLDER.node(14));
        browse.setTooltip(new Tooltip("Preview augmentation on any image file"));
        browse.setOnAction(e -> browse());
        Button reshuffle = new Button("Reshuffle", Icons.SHUFFLE.node(14));
        reshuffle.setId("reshuffle");
        reshuffle.getStyleClass().add("accent");
        reshuffle.setTooltip(new Tooltip("Draw new random variants with the same settings"));
        reshuffle.setOnAction(e -> vm.reshuffle());
        Label seed = new Label();
        seed.getStyleClass().add("muted");
        seed.textProperty().bind(Bindings.createStringBinding(() -> "seed " + vm.seedProperty().get(), vm.seedProperty()));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.renderingProperty());
        for (javafx.scene.control.Control c : List.of(examples, random, browse, reshuffle)) c.setMinWidth(Region.USE_PREF_SIZE);
        seed.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(current, Priority.ALWAYS);
        current.setMaxWidth(Double.MAX_VALUE);
        HBox toolbar = new HBox(8, current, examples, random, browse, busy, seed, reshuffle);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("toolbar-row");

        tiles.setPrefColumns(COLUMNS);
        tiles.setHgap(12);
        tiles.setVgap(12);
        tiles.getStyleClass().add("montage");
        for (int i = 0; i <= AugmentViewModel.VARIANTS; i++) {
            ImageView view = new ImageView();
            view.setPreserveRatio(true);
            Label caption = new Label();
            caption.setWrapText(true);
            caption.getStyleClass().add("tile-caption");
            StackPane frame = new StackPane(view);
            frame.getStyleClass().add("tile-frame");
            VBox tile = new VBox(6, frame, caption);
            tile.getStyleClass().add(i == 0 ? "tile-original" : "tile");
            tileViews.add(view);
            tileCaptions.add(caption);
            tiles.getChildren().add(tile);
        }
        Label empty = new Label("Open a dataset or browse for an image to preview augmentation.");
        empty.getStyleClass().add("muted");
        Label failed = new Label();
        failed.getStyleClass().add("severity-error");
        failed.setGraphic(Icons.ERROR.node(16));
        failed.textProperty().bind(vm.renderErrorProperty());
        failed.visibleProperty().bind(vm.renderErrorProperty().isNotEmpty());
        empty.visibleProperty().bind(vm.imageProperty().isNull());
        tiles.visibleProperty().bind(vm.montageProperty().isNotNull());
        StackPane montageBox = new StackPane(tiles, empty, failed);
        montageBox.setAlignment(Pos.TOP_LEFT);
        VBox montageCard = card("Augmented variants", montageBox);

        HBox resize = new HBox(16);
        resize.getStyleClass().add("resize-row");
        VBox resizeCard = card("Resize to the input size", resize);
        resizeCard.visibleProperty().bind(vm.resizePreviewProperty().isNotNull());
        resizeCard.managedProperty().bind(resizeCard.visibleProperty());

        VBox page = new VBox(16, toolbar, montageCard, resizeCard);
        page.getStyleClass().add("page");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");

        // Tile size follows the width available to the montage.
        montageBox.widthProperty().addListener(o -> layoutTiles(montageBox.getWidth()));
        vm.montageProperty().addListener((o, old, now) -> showMontage(now));
        vm.resizePreviewProperty().addListener((o, old, now) -> showResize(resize, now));
        showMontage(vm.montageProperty().get());
        showResize(resize, vm.resizePreviewProperty().get());
        return scroll;
    }

    private void layoutTiles(double width) {
        double tile = Math.max(96, Math.min(220, Math.floor((width - (COLUMNS - 1) * tiles.getHgap()) / COLUMNS) - 18));
        tiles.setPrefTileWidth(tile + 18);
        for (ImageView v : tileViews) {
            v.setFitWidth(tile);
            v.setFitHeight(tile);
        }
        for (Label c : tileCaptions) c.setMaxWidth(tile);
    }

    private void showMontage(MontageResult m) {
        if (m == null) {
            tileViews.forEach(v -> v.setImage(null));
            tileCaptions.forEach(c -> c.setText(""));
            return;
        }
        for (int i = 0; i < tileViews.size(); i++) {
            ImageView v = tileViews.get(i);
            Label c = tileCaptions.get(i);
            if (i >= m.tiles().size()) {
                v.setImage(null);
                c.setText("");
                continue;
            }
            Tile t = m.tiles().get(i);
            // Small inputs (28x28) are enlarged by whole pixels: crisp, as the network sees them.
            v.setImage(FxImages.toCrispImage(t.image(), 220));
            c.setText(caption(t));
        }
    }

    /** The caption with readable units: "rot -7.2deg" becomes "rot −7.2°". */
    static String caption(Tile t) {
        if (t.original()) return t.caption();
        return t.caption().replace("deg", "°").replace("identity", "unchanged");
    }

    private void showResize(HBox row, ResizePreview p) {
        row.getChildren().clear();
        if (p == null) return;
        row.getChildren().add(resizeTile("Original", p.originalWidth() + " × " + p.originalHeight(), p.original(), false));
        boolean squash = vm.resizePolicyProperty().get() == ResizePolicy.SQUASH;
        row.getChildren().add(resizeTile("Squash", p.size() + " × " + p.size() + ", shapes stretched", p.squash(), squash));
        row.getChildren().add(resizeTile("Crop centre", p.size() + " × " + p.size() + ", edges cut", p.crop(), !squash));
    }

    private static Node resizeTile(String title, String detail, Raster raster, boolean chosen) {
        ImageView view = new ImageView(FxImages.toCrispImage(raster, 180));
        view.setPreserveRatio(true);
        view.setFitWidth(180);
        view.setFitHeight(180);
        StackPane frame = new StackPane(view);
        frame.getStyleClass().add("tile-frame");
        frame.setPrefSize(196, 196);
        Label t = new Label(title);
        t.getStyleClass().add("resize-title");
        Label d = new Label(detail);
        d.getStyleClass().add("muted");
        HBox head = new HBox(8, t);
        head.setAlignment(Pos.CENTER_LEFT);
        if (chosen) {
            Label badge = new Label("used for training");
            badge.getStyleClass().add("chosen-badge");
            head.getChildren().add(badge);
        }
        VBox box = new VBox(6, frame, head, d);
        box.getStyleClass().add(chosen ? "resize-tile-chosen" : "resize-tile");
        return box;
    }

    static VBox card(String title, Node body) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        VBox card = new VBox(12, t, body);
        card.getStyleClass().add("card");
        return card;
    }

    private void browse() {
        FileDialogs.openFile(owner, "Choose an image", FileDialogs.startingPoint(vm.imageProperty().get()), FileDialogs.IMAGES)
                .ifPresent(vm.imageProperty()::set);
    }

}
