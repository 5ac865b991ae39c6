package wb.ui.model;

import java.util.EnumMap;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.MapChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;

import wb.imaging.ResizePolicy;
import wb.model.LayerInfo;
import wb.model.LrSchedule;
import wb.model.ModelSpec;
import wb.model.Optimizer;
import wb.ui.model.ModelViewModel.Field;
import wb.ui.support.Fmt;
import wb.ui.support.Ui;

/** The Model screen's nodes: zoo picker, hyperparameter form, layer table. Binds to {@link ModelViewModel}. */
final class ModelView {

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final ModelViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Map<Field, Node> fieldNodes = new EnumMap<>(Field.class);
    private final ListView<ModelSpec> zooList = new ListView<>();

    ModelView(ModelViewModel vm) {
        this.vm = vm;
        Ui.screenRoot(root, "model-screen");

        SplitPane split = new SplitPane(zooPane(), formPane(), layerPane());
        split.setDividerPositions(0.27, 0.62);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        root.setCenter(split);

        vm.errorFieldProperty().addListener((o, a, b) -> markInvalid(b));
        markInvalid(vm.errorFieldProperty().get());
    }

    Node root() { return root; }

    // ---- zoo ----

    private Node zooPane() {
        zooList.setId("modelList");
        zooList.getStyleClass().add("wb-zoo-list");
        zooList.setItems(vm.models());
        zooList.setCellFactory(lv -> new ZooCell());
        zooList.getSelectionModel().select(vm.selectedModelProperty().get());
        zooList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b != vm.selectedModelProperty().get()) vm.selectedModelProperty().set(b);
        });
        vm.selectedModelProperty().addListener((o, a, b) -> {
            if (b != null && zooList.getSelectionModel().getSelectedItem() != b) {
                zooList.getSelectionModel().select(b);
                zooList.scrollTo(b);
            }
        });
        vm.parameterCounts().addListener((MapChangeListener<String, Long>) c -> zooList.refresh());

        Label target = Ui.hint("");
        target.textProperty().bind(vm.targetDescriptionProperty());
        VBox box = new VBox(8, Ui.sectionTitle("Architecture"), target, zooList);
        VBox.setVgrow(zooList, Priority.ALWAYS);
        box.getStyleClass().add("wb-pane");
        box.setMinWidth(260);
        return box;
    }

    private final class ZooCell extends ListCell<ModelSpec> {
        private final Label name = Ui.styled(new Label(), "wb-zoo-name");
        private final Label id = Ui.styled(new Label(), "wb-chip");
        private final Label description = Ui.hint("");
        private final Label input = Ui.styled(new Label(), "wb-zoo-detail");
        private final Label params = Ui.styled(new Label(), "wb-zoo-detail");
        private final Label pretrained = Ui.styled(new Label(), "wb-zoo-detail");
        private final VBox box = new VBox(3, Ui.row(6, name, id), description, input, params, pretrained);

        ZooCell() {
            box.getStyleClass().add("wb-zoo-card");
            description.maxWidthProperty().bind(zooList.widthProperty().subtract(48));
            description.setMaxHeight(60);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }

        @Override protected void updateItem(ModelSpec spec, boolean empty) {
            super.updateItem(spec, empty);
            if (empty || spec == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.setText(spec.displayName());
            id.setText(spec.id());
            description.setText(spec.description());
            input.setText("Input " + ModelViewModel.inputText(spec));
            params.setText(vm.parametersText(spec) + " for this dataset");
            pretrained.setText("Pretrained weights: " + ModelViewModel.pretrainedText(spec));
            setTooltip(Ui.tooltip(spec.displayName() + "\n\n" + spec.description()));
            setGraphic(box);
        }
    }

    // ---- form ----

    private Node formPane() {
        Label title = Ui.title("");
        title.textProperty().bind(Bindings.createStringBinding(
                () -> vm.selectedModelProperty().get() == null ? "Choose an architecture" : vm.selectedModelProperty().get().displayName(),
                vm.selectedModelProperty()));
        Label description = Ui.hint("");
        description.textProperty().bind(Bindings.createStringBinding(
                () -> vm.selectedModelProperty().get() == null ? "" : vm.selectedModelProperty().get().description(),
                vm.selectedModelProperty()));
        Label facts = Ui.styled(new Label(), "wb-facts");
        facts.textProperty().bind(Bindings.createStringBinding(() -> {
            ModelSpec s = vm.selectedModelProperty().get();
            return s == null ? "" : "Input " + ModelViewModel.inputText(s) + "   ·   Pretrained weights: " + ModelViewModel.pretrainedText(s);
        }, vm.selectedModelProperty()));

        GridPane grid = new GridPane();
        grid.getStyleClass().add("wb-form");
        grid.setHgap(10);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(150);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setMinWidth(170);
        controls.setPrefWidth(190);
        ColumnConstraints hints = new ColumnConstraints();
        hints.setHgrow(Priority.ALWAYS);
        hints.setMinWidth(120);
        grid.getColumnConstraints().addAll(labels, controls, hints);

        int r = 0;
        addRow(grid, r++, "Epochs", text("epochsField", vm.epochsProperty(), Field.EPOCHS), constant("Passes over the training images."));
        addRow(grid, r++, "Batch size", text("batchSizeField", vm.batchSizeProperty(), Field.BATCH_SIZE),
                constant("Images per optimisation step; lower it if memory runs out."));

        ComboBox<Optimizer> optimizer = new ComboBox<>();
        optimizer.setId("optimizerBox");
        optimizer.getItems().setAll(Optimizer.values());
        optimizer.setConverter(names(ModelView::optimizerName));
        optimizer.valueProperty().bindBidirectional(vm.optimizerProperty());
        optimizer.setMaxWidth(Double.MAX_VALUE);
        addRow(grid, r++, "Optimizer", optimizer, constant("Adam is a robust default; SGD with momentum often generalises better."));
        addRow(grid, r++, "Learning rate", text("learningRateField", vm.learningRateProperty(), Field.LEARNING_RATE),
                constant("Starting rate, e.g. 0.001 for Adam, 0.01 for SGD."));

        TextField momentum = text("momentumField", vm.momentumProperty(), Field.MOMENTUM);
        momentum.disableProperty().bind(vm.momentumApplicableProperty().not());
        addRow(grid, r++, "Momentum", momentum, constant("Used by Momentum and Nesterov only."));

        ComboBox<LrSchedule.Kind> schedule = new ComboBox<>();
        schedule.setId("scheduleBox");
        schedule.getItems().setAll(LrSchedule.Kind.values());
        schedule.setConverter(names(ModelView::scheduleName));
        schedule.valueProperty().bindBidirectional(vm.scheduleKindProperty());
        schedule.setMaxWidth(Double.MAX_VALUE);
        TextField stepEvery = small(vm.stepEpochsProperty(), "epochs");
        TextField stepFactor = small(vm.stepFactorProperty(), "factor");
        TextField power = small(vm.polyPowerProperty(), "power");
        HBox stepBox = Ui.row(6, new Label("every"), stepEvery, new Label("epochs ×"), stepFactor);
        HBox polyBox = Ui.row(6, new Label("power"), power, Ui.styled(new Label("(1 = linear)"), "wb-hint"));
        stepBox.visibleProperty().bind(vm.scheduleKindProperty().isEqualTo(LrSchedule.Kind.STEP));
        stepBox.managedProperty().bind(stepBox.visibleProperty());
        polyBox.visibleProperty().bind(vm.scheduleKindProperty().isEqualTo(LrSchedule.Kind.POLY));
        polyBox.managedProperty().bind(polyBox.visibleProperty());
        Label scheduleHint = Ui.hint("");
        scheduleHint.textProperty().bind(Bindings.createStringBinding(() -> scheduleHint(vm.scheduleKindProperty().get()), vm.scheduleKindProperty()));
        fieldNodes.put(Field.SCHEDULE, schedule);
        addRow(grid, r++, "LR schedule", schedule, new VBox(4, stepBox, polyBox, scheduleHint));

        addRow(grid, r++, "L2 weight decay", text("l2Field", vm.l2Property(), Field.L2), constant("On weights only, e.g. 0.0005; 0 = off."));
        TextField dropout = text("dropoutField", vm.dropoutProperty(), Field.DROPOUT);
        dropout.disableProperty().bind(vm.regularisationConfigurableProperty().not());
        Label dropoutHint = Ui.hint("");
        dropoutHint.textProperty().bind(vm.dropoutHintProperty());
        addRow(grid, r++, "Dropout", dropout, dropoutHint);
        CheckBox bn = new CheckBox("After each convolution");
        bn.setId("batchNormBox");
        bn.selectedProperty().bindBidirectional(vm.batchNormProperty());
        bn.disableProperty().bind(vm.regularisationConfigurableProperty().not());
        addRow(grid, r++, "Batch norm", bn, constant("Faster, steadier training; fixed designs ignore it."));
        addRow(grid, r++, "Early stopping", text("patienceField", vm.patienceProperty(), Field.PATIENCE),
                constant("Stop after this many epochs without a lower validation loss; 0 = off."));
        TextField size = text("inputSizeField", vm.inputSizeProperty(), Field.INPUT_SIZE);
        size.disableProperty().bind(vm.inputSizeEditableProperty().not());
        size.setPromptText("default");
        Label sizeHint = Ui.hint("");
        sizeHint.textProperty().bind(vm.inputSizeHintProperty());
        addRow(grid, r++, "Input size (px)", size, sizeHint);
        ComboBox<ResizePolicy> resize = new ComboBox<>();
        resize.setId("resizeBox");
        resize.getItems().setAll(ResizePolicy.values());
        resize.setConverter(names(p -> p == ResizePolicy.SQUASH ? "Squash (stretch)" : "Crop centre (keep aspect)"));
        resize.valueProperty().bindBidirectional(vm.resizeProperty());
        resize.setMaxWidth(Double.MAX_VALUE);
        addRow(grid, r++, "Resize", resize, constant("Squash keeps everything but distorts; crop keeps shapes but cuts edges."));
        addRow(grid, r++, "Validation fraction", text("validFractionField", vm.validFractionProperty(), Field.VALID_FRACTION),
                constant("Held out from train when the dataset has no valid/ folder, e.g. 0.2."));
        addRow(grid, r, "Seed", text("seedField", vm.seedProperty(), Field.SEED), constant("Same seed, same split, shuffle and initial weights."));

        Label error = Ui.message();
        error.setId("formError");
        Ui.messageKind(error, "error");
        error.textProperty().bind(Bindings.createStringBinding(
                () -> !vm.errorProperty().get().isEmpty() ? vm.errorProperty().get() : vm.architectureErrorProperty().get(),
                vm.errorProperty(), vm.architectureErrorProperty()));

        Label state = Ui.styled(new Label(), "wb-hint");
        state.setId("settingsState");
        state.textProperty().bind(Bindings.createStringBinding(() -> {
            if (vm.configProperty().get() == null) return "Fix the highlighted field to use these settings.";
            return vm.dirtyProperty().get() ? "Changes not applied yet." : "These settings are used for the next training run.";
        }, vm.configProperty(), vm.dirtyProperty()));

        Button defaults = new Button("Restore defaults");
        defaults.setOnAction(e -> vm.restoreDefaults());
        defaults.setTooltip(Ui.tooltip("The recommended recipe: Adam 0.001 with cosine decay, batch 64, batch norm, 10 epochs."));
        Button revert = new Button("Revert");
        revert.setId("revertButton");
        revert.disableProperty().bind(vm.dirtyProperty().not());
        revert.setOnAction(e -> vm.revert());
        Button apply = new Button("Use these settings");
        apply.setId("applySettingsButton");
        apply.setDefaultButton(true);
        apply.getStyleClass().add("wb-primary");
        apply.disableProperty().bind(vm.canApplyProperty().not());
        apply.setOnAction(e -> vm.apply());
        HBox buttons = Ui.row(8, state, Ui.spacer(), defaults, revert, apply);

        VBox header = new VBox(6, title, description, facts);
        VBox card = Ui.card("Training settings", grid);
        VBox content = new VBox(14, header, card, error, buttons);
        content.setPadding(new Insets(4, 8, 8, 4));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("wb-scroll");
        VBox pane = new VBox(scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        pane.getStyleClass().add("wb-pane");
        return pane;
    }

    private TextField text(String id, StringProperty property, Field field) {
        TextField tf = new TextField();
        tf.setId(id);
        tf.textProperty().bindBidirectional(property);
        fieldNodes.put(field, tf);
        return tf;
    }

    private static TextField small(StringProperty property, String prompt) {
        TextField tf = new TextField();
        tf.setPrefColumnCount(4);
        tf.setPromptText(prompt);
        tf.textProperty().bindBidirectional(property);
        return tf;
    }

    private static void addRow(GridPane grid, int row, String label, Node control, Node hint) {
        Label l = new Label(label);
        l.setLabelFor(control);
        l.getStyleClass().add("wb-form-label");
        grid.add(l, 0, row);
        grid.add(control, 1, row);
        grid.add(hint, 2, row);
        GridPane.setValignment(l, javafx.geometry.VPos.TOP);
        GridPane.setMargin(l, new Insets(4, 0, 0, 0));
    }

    private static Label constant(String text) {
        return Ui.hint(text);
    }

    private void markInvalid(Field field) {
        fieldNodes.forEach((f, n) -> n.pseudoClassStateChanged(INVALID, f == field));
    }

    private static <T> StringConverter<T> names(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override public String toString(T t) { return t == null ? "" : f.apply(t); }
            @Override public T fromString(String s) { throw new UnsupportedOperationException(); }
        };
    }

    static String optimizerName(Optimizer o) {
        return switch (o) {
            case SGD -> "SGD";
            case MOMENTUM -> "SGD + momentum";
            case NESTEROV -> "Nesterov momentum";
            case ADAM -> "Adam";
            case RMSPROP -> "RMSProp";
        };
    }

    static String scheduleName(LrSchedule.Kind k) {
        return switch (k) {
            case CONSTANT -> "Constant";
            case STEP -> "Step decay";
            case POLY -> "Polynomial decay";
            case COSINE -> "Cosine decay";
        };
    }

    private static String scheduleHint(LrSchedule.Kind k) {
        if (k == null) return "";
        return switch (k) {
            case CONSTANT -> "The same rate for the whole run.";
            case STEP -> "Multiplies the rate by the factor every few epochs.";
            case POLY -> "Decays to zero by the last epoch.";
            case COSINE -> "Half a cosine from the starting rate to zero (SGDR without restarts).";
        };
    }

    // ---- layer table ----

    private Node layerPane() {
        TableView<LayerInfo> table = new TableView<>();
        table.setId("layerTable");
        table.setItems(vm.layers());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No layers to show."));

        TableColumn<LayerInfo, Number> index = new TableColumn<>("#");
        index.setSortable(false);
        index.setCellFactory(col -> new TableCell<>() {
            @Override protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty ? null : Integer.toString(getIndex() + 1));
            }
        });
        index.setPrefWidth(36);
        index.setMaxWidth(48);
        TableColumn<LayerInfo, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        TableColumn<LayerInfo, String> type = new TableColumn<>("Type");
        type.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type()));
        TableColumn<LayerInfo, String> shape = new TableColumn<>("Output shape");
        shape.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().outputShape()));
        TableColumn<LayerInfo, Number> params = new TableColumn<>("Parameters");
        params.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().parameters()));
        params.setCellFactory(col -> new TableCell<>() {
            @Override protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : Fmt.count(n.longValue()));
            }
        });
        params.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<LayerInfo, String> frozen = new TableColumn<>("Frozen");
        frozen.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().frozen() ? "yes" : ""));
        frozen.setPrefWidth(60);
        frozen.setMaxWidth(80);
        table.getColumns().setAll(java.util.List.of(index, name, type, shape, params, frozen));

        Label summary = Ui.hint("");
        summary.setId("layerSummary");
        summary.textProperty().bind(vm.layersSummaryProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setMaxSize(18, 18);
        busy.visibleProperty().bind(vm.layersBusyProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Tooltip.install(busy, Ui.tooltip("Building the network configuration (large models take a moment)"));

        Label busyText = Ui.hint("Building the layer table…");
        busyText.visibleProperty().bind(vm.layersBusyProperty().and(Bindings.isEmpty(vm.layers())));
        StackPane tableStack = new StackPane(table, busyText);
        StackPane.setAlignment(busyText, Pos.CENTER);
        VBox.setVgrow(tableStack, Priority.ALWAYS);

        VBox box = new VBox(8, Ui.row(8, Ui.sectionTitle("Layers"), busy), summary, tableStack);
        box.getStyleClass().add("wb-pane");
        box.setMinWidth(300);
        return box;
    }
}
