package wb.ui.model;

import java.util.EnumMap;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
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
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;

import wb.ui.FileDialogs;
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

        VBox right = new VBox(12, formPane(), layerPane());
        VBox.setVgrow(right.getChildren().get(1), Priority.ALWAYS);
        right.setPadding(new Insets(4, 10, 8, 6));
        ScrollPane scroll = new ScrollPane(right);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("wb-scroll");
        SplitPane split = new SplitPane(zooPane(), scroll);
        split.setDividerPositions(0.26);
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
        vm.targetProperty().addListener((o, a, b) -> zooList.refresh());

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
            input.setText("Input " + vm.inputText(spec));
            params.setText(vm.parametersText(spec));
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
            return s == null ? "" : "Input " + vm.inputText(s) + "   ·   Pretrained weights: " + ModelViewModel.pretrainedText(s);
        }, vm.selectedModelProperty(), vm.targetProperty()));

        GridPane grid = new GridPane();
        grid.getStyleClass().add("wb-form");
        grid.setHgap(10);
        grid.setVgap(8);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints labels = new ColumnConstraints();
            labels.setMinWidth(Region.USE_PREF_SIZE);
            labels.setHalignment(HPos.RIGHT);
            ColumnConstraints controls = new ColumnConstraints();
            controls.setMinWidth(100);
            controls.setPrefWidth(180);
            controls.setHgrow(Priority.SOMETIMES);
            grid.getColumnConstraints().addAll(labels, controls);
        }
        Label help = Ui.hint("Select a field to see what it does.");
        help.setId("fieldHelp");
        help.setMinHeight(36);

        int r = 0;
        field(grid, help, 0, r, "Epochs", text("epochsField", vm.epochsProperty(), Field.EPOCHS), fixed("Passes over the training images."));
        field(grid, help, 1, r++, "Batch size", text("batchSizeField", vm.batchSizeProperty(), Field.BATCH_SIZE),
                fixed("Images per optimisation step. Lower it if memory runs out."));

        ComboBox<Optimizer> optimizer = new ComboBox<>();
        optimizer.setId("optimizerBox");
        optimizer.getItems().setAll(Optimizer.values());
        optimizer.setConverter(names(ModelView::optimizerName));
        optimizer.valueProperty().bindBidirectional(vm.optimizerProperty());
        optimizer.setMaxWidth(Double.MAX_VALUE);
        field(grid, help, 0, r, "Optimizer", optimizer, fixed("Adam is a robust default; SGD with momentum often generalises a little better."));
        field(grid, help, 1, r++, "Learning rate", text("learningRateField", vm.learningRateProperty(), Field.LEARNING_RATE),
                fixed("The starting rate, e.g. 0.001 for Adam or 0.01 for SGD. Lower it if training diverges."));

        ComboBox<LrSchedule.Kind> schedule = new ComboBox<>();
        schedule.setId("scheduleBox");
        schedule.getItems().setAll(LrSchedule.Kind.values());
        schedule.setConverter(names(ModelView::scheduleName));
        schedule.valueProperty().bindBidirectional(vm.scheduleKindProperty());
        schedule.setMaxWidth(Double.MAX_VALUE);
        fieldNodes.put(Field.SCHEDULE, schedule);
        field(grid, help, 0, r, "LR schedule", schedule,
                Bindings.createStringBinding(() -> scheduleHint(vm.scheduleKindProperty().get()), vm.scheduleKindProperty()));
        TextField momentum = text("momentumField", vm.momentumProperty(), Field.MOMENTUM);
        momentum.disableProperty().bind(vm.momentumApplicableProperty().not());
        field(grid, help, 1, r++, "Momentum", momentum, fixed("Used by SGD + momentum and Nesterov only, e.g. 0.9."));

        TextField stepEvery = small(vm.stepEpochsProperty(), "epochs");
        TextField stepFactor = small(vm.stepFactorProperty(), "factor");
        TextField power = small(vm.polyPowerProperty(), "power");
        HBox stepBox = Ui.row(6, new Label("Multiply by"), stepFactor, new Label("every"), stepEvery, new Label("epochs"));
        HBox polyBox = Ui.row(6, new Label("Power"), power, Ui.styled(new Label("1 = linear decay to zero"), "wb-hint"));
        stepBox.visibleProperty().bind(vm.scheduleKindProperty().isEqualTo(LrSchedule.Kind.STEP));
        stepBox.managedProperty().bind(stepBox.visibleProperty());
        polyBox.visibleProperty().bind(vm.scheduleKindProperty().isEqualTo(LrSchedule.Kind.POLY));
        polyBox.managedProperty().bind(polyBox.visibleProperty());
        HBox scheduleParams = new HBox(stepBox, polyBox);
        scheduleParams.managedProperty().bind(stepBox.visibleProperty().or(polyBox.visibleProperty()));
        scheduleParams.visibleProperty().bind(scheduleParams.managedProperty());
        grid.add(scheduleParams, 1, r++, 3, 1);

        field(grid, help, 0, r, "L2 weight decay", text("l2Field", vm.l2Property(), Field.L2),
                fixed("Weight decay on weights (not biases), e.g. 0.0005; 0 turns it off."));
        TextField dropout = text("dropoutField", vm.dropoutProperty(), Field.DROPOUT);
        dropout.disableProperty().bind(vm.regularisationConfigurableProperty().not());
        dropout.promptTextProperty().bind(Bindings.createStringBinding(() -> vm.selectedModelProperty().get() == null ? ""
                : "default " + Fmt.plain(vm.selectedModelProperty().get().defaultDropout()), vm.selectedModelProperty()));
        field(grid, help, 1, r++, "Dropout", dropout, vm.dropoutHintProperty());

        TextField size = text("inputSizeField", vm.inputSizeProperty(), Field.INPUT_SIZE);
        size.disableProperty().bind(vm.inputSizeEditableProperty().not());
        size.promptTextProperty().bind(Bindings.createStringBinding(() -> vm.selectedModelProperty().get() == null ? ""
                : "default " + vm.selectedModelProperty().get().defaultInput().height(), vm.selectedModelProperty()));
        field(grid, help, 0, r, "Input size (px)", size, vm.inputSizeHintProperty());
        ComboBox<ResizePolicy> resize = new ComboBox<>();
        resize.setId("resizeBox");
        resize.getItems().setAll(ResizePolicy.values());
        resize.setConverter(names(p -> p == ResizePolicy.SQUASH ? "Squash" : "Crop centre"));
        resize.valueProperty().bindBidirectional(vm.resizeProperty());
        resize.setMaxWidth(Double.MAX_VALUE);
        field(grid, help, 1, r++, "Resize", resize,
                fixed("Squash stretches every image to a square (keeps all content); crop centre keeps the aspect ratio and cuts the edges."));

        field(grid, help, 0, r, "Early stopping", text("patienceField", vm.patienceProperty(), Field.PATIENCE),
                fixed("Stop after this many epochs without a lower validation loss; 0 turns early stopping off."));
        CheckBox bn = new CheckBox("After convolutions");
        bn.setId("batchNormBox");
        bn.selectedProperty().bindBidirectional(vm.batchNormProperty());
        bn.disableProperty().bind(vm.regularisationConfigurableProperty().not());
        field(grid, help, 1, r++, "Batch norm", bn,
                fixed("Batch normalisation after each convolution: faster, steadier training. Architectures with a fixed design ignore it."));

        field(grid, help, 0, r, "Validation fraction", text("validFractionField", vm.validFractionProperty(), Field.VALID_FRACTION),
                fixed("Held out from the training images when the dataset has no valid/ folder, e.g. 0.2."));
        field(grid, help, 1, r++, "Seed", text("seedField", vm.seedProperty(), Field.SEED),
                fixed("The same seed gives the same split, shuffle order, augmentation and initial weights."));
        field(grid, help, 0, r, "Label smoothing", text("labelSmoothingField", vm.labelSmoothingProperty(), Field.LABEL_SMOOTHING),
                fixed("Train towards 1 - e + e/K for the true class and e/K for the others (e.g. 0.1): less over-confident predictions. 0 = off."));
        field(grid, help, 1, r++, "Weight averaging", text("weightAverageField", vm.weightAverageProperty(), Field.WEIGHT_AVERAGE),
                fixed("Evaluate and save a moving average of the weights (decay, e.g. 0.9998) instead of the last ones: smoother, "
                        + "often a little more accurate. 0 = off."));

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
        VBox card = Ui.card("Training settings", grid, help);
        return new VBox(12, header, card, transferPane(), error, buttons);
    }

    // ---- transfer learning ----

    private Node transferPane() {
        ComboBox<ModelViewModel.StartFrom> from = new ComboBox<>(FXCollections.observableArrayList(ModelViewModel.StartFrom.values()));
        from.setId("startFromField");
        from.valueProperty().bindBidirectional(vm.startFromProperty());
        from.setCellFactory(lv -> new ListCell<>() {
            @Override protected void updateItem(ModelViewModel.StartFrom item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.toString());
                // No ImageNet weights are published for most architectures of the zoo.
                setDisable(!empty && item == ModelViewModel.StartFrom.IMAGENET && !vm.imagenetAvailableProperty().get());
            }
        });
        fieldNodes.put(Field.WEIGHTS, from);

        Label file = Ui.hint("");
        file.setId("weightsFileLabel");
        file.textProperty().bind(Bindings.createStringBinding(
                () -> vm.weightsFileProperty().get() == null ? "No file chosen" : vm.weightsFileProperty().get().toString(), vm.weightsFileProperty()));
        Button choose = new Button("Choose…");
        choose.setId("chooseWeightsButton");
        choose.setOnAction(e -> chooseWeights());
        HBox fileRow = Ui.row(6, choose, file);
        fileRow.visibleProperty().bind(vm.startFromProperty().isEqualTo(ModelViewModel.StartFrom.FILE));
        fileRow.managedProperty().bind(fileRow.visibleProperty());

        Label note = Ui.hint("");
        note.setId("transferNote");
        note.setWrapText(true);
        note.textProperty().bind(vm.transferNoteProperty());

        GridPane grid = new GridPane();
        grid.getStyleClass().add("wb-form");
        grid.setHgap(10);
        grid.setVgap(6);
        Label help = Ui.hint("Select a field to see what it does.");
        help.setWrapText(true);
        ComboBox<String> freeze = layerChoice("freezeToField", vm.freezeToProperty(), "the whole body (default)");
        fieldNodes.put(Field.FREEZE, freeze);
        ComboBox<String> unfreeze = layerChoice("unfreezeToField", vm.unfreezeToProperty(), "no fine-tune phase");
        fieldNodes.put(Field.UNFREEZE, unfreeze);
        int r = 0;
        field(grid, help, 0, r, "Freeze up to", freeze,
                fixed("The first phase trains only the layers after this one (right-click a layer in the table: Freeze up to here)."));
        field(grid, help, 1, r++, "Warm-up epochs", text("warmupEpochsField", vm.warmupEpochsProperty(), Field.WARMUP),
                fixed("Epochs that train the new head before fine-tuning begins; needs \"Unfreeze from\"."));
        field(grid, help, 0, r, "Unfreeze from", unfreeze,
                fixed("The fine-tune phase trains this layer and every later one; empty = the whole run trains the head."));
        field(grid, help, 1, r++, "Fine-tune LR factor", text("fineTuneLrField", vm.fineTuneLrFactorProperty(), Field.FINE_TUNE_LR),
                fixed("The learning rate is multiplied by this in the fine-tune phase, e.g. 0.1."));
        field(grid, help, 0, r, "Head units", text("headUnitsField", vm.headUnitsProperty(), Field.HEAD_UNITS),
                fixed("Hidden units of the new classifier head; 0 = softmax directly on the features."));
        field(grid, help, 1, r++, "Head dropout", text("headDropoutField", vm.headDropoutProperty(), Field.HEAD_DROPOUT),
                fixed("Dropout before the head's softmax, e.g. 0.5."));
        CheckBox headBn = new CheckBox("Batch norm in the head");
        headBn.setId("headBatchNormField");
        headBn.selectedProperty().bindBidirectional(vm.headBatchNormProperty());
        grid.add(headBn, 1, r);
        VBox options = new VBox(6, grid, help);
        options.disableProperty().bind(vm.transferEnabledProperty().not());
        options.visibleProperty().bind(vm.transferEnabledProperty());
        options.managedProperty().bind(options.visibleProperty());

        HBox top = Ui.row(8, new Label("Start from"), from, fileRow);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox card = Ui.card("Transfer learning", top, note, options);
        card.setId("transferCard");
        return card;
    }

    /** A layer-name choice from the transfer table; the empty first entry stands for null ({@code none}). */
    private ComboBox<String> layerChoice(String id, javafx.beans.property.ObjectProperty<String> property, String none) {
        javafx.collections.ObservableList<String> items = FXCollections.observableArrayList("");
        items.addAll(vm.layerChoices());
        ComboBox<String> box = new ComboBox<>(items);
        box.setId(id);
        box.setConverter(names(s -> s.isEmpty() ? none : s));
        box.setValue(property.get() == null ? "" : property.get());
        // One-way syncs instead of a bidirectional binding: replacing the items may clear the ComboBox's value,
        // which must not erase the user's choice in the ViewModel.
        box.setOnAction(e -> {
            String v = box.getValue();
            property.set(v == null || v.isEmpty() ? null : v);
        });
        property.addListener((o, a, b) -> box.setValue(b == null ? "" : b));
        vm.layerChoices().addListener((ListChangeListener<String>) c -> {
            items.setAll(vm.layerChoices());
            items.add(0, "");
            box.setValue(property.get() == null ? "" : property.get());
        });
        return box;
    }

    private void chooseWeights() {
        FileDialogs.openFile(root.getScene() == null ? null : root.getScene().getWindow(),
                "Starting weights: a DL4J model zip, a Keras .h5 file or a run's model.zip", FileDialogs.startingPoint(vm.weightsFileProperty().get()),
                new FileChooser.ExtensionFilter("Model files (*.zip, *.h5, *.hdf5)", "*.zip", "*.h5", "*.hdf5"),
                new FileChooser.ExtensionFilter("All files", "*.*")).ifPresent(vm.weightsFileProperty()::set);
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

    /** Adds a labelled control at grid column pair {@code pair}; its explanation shows in {@code help} while it has focus. */
    private static void field(GridPane grid, Label help, int pair, int row, String label, Node control, ObservableStringValue hint) {
        Label l = new Label(label);
        l.setLabelFor(control);
        l.getStyleClass().add("wb-form-label");
        grid.add(l, pair * 2, row);
        grid.add(control, pair * 2 + 1, row);
        if (control instanceof Control c) {
            c.setMaxWidth(Double.MAX_VALUE);
            c.tooltipProperty().bind(Bindings.createObjectBinding(() -> Ui.tooltip(hint.get()), hint));
        }
        Node focusTarget = control;
        focusTarget.focusedProperty().addListener((o, was, is) -> {
            if (is) help.textProperty().bind(Bindings.concat(label, ": ", hint));
        });
    }

    private static ObservableStringValue fixed(String text) {
        return new ReadOnlyStringWrapper(text);
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
            case ONE_CYCLE -> "One cycle";
        };
    }

    private static String scheduleHint(LrSchedule.Kind k) {
        if (k == null) return "";
        return switch (k) {
            case CONSTANT -> "The same rate for the whole run.";
            case STEP -> "Multiplies the rate by the factor every few epochs.";
            case POLY -> "Decays to zero by the last epoch.";
            case COSINE -> "Half a cosine from the starting rate to zero (SGDR without restarts).";
            case ONE_CYCLE -> "Warms up to the rate over the first 30% of the run, then a cosine to zero (fastai's fit_one_cycle).";
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
        name.setPrefWidth(90);
        type.setPrefWidth(110);
        shape.setPrefWidth(95);
        params.setPrefWidth(85);
        TableColumn<LayerInfo, String> fineTune = new TableColumn<>("Fine-tune");
        fineTune.setCellValueFactory(c -> new ReadOnlyStringWrapper(vm.fineTuneFrozen().contains(c.getValue().name()) ? "frozen" : ""));
        fineTune.setPrefWidth(70);
        fineTune.setMaxWidth(90);
        fineTune.visibleProperty().bind(vm.transferEnabledProperty());
        table.getColumns().setAll(java.util.List.of(index, name, type, shape, params, frozen, fineTune));
        vm.fineTuneFrozen().addListener((ListChangeListener<String>) c -> table.refresh());
        table.setRowFactory(tv -> {
            javafx.scene.control.TableRow<LayerInfo> row = new javafx.scene.control.TableRow<>();
            javafx.scene.control.MenuItem freezeHere = new javafx.scene.control.MenuItem("Freeze up to here");
            freezeHere.setOnAction(e -> vm.freezeToProperty().set(row.getItem().name()));
            javafx.scene.control.MenuItem unfreezeHere = new javafx.scene.control.MenuItem("Fine-tune from here");
            unfreezeHere.setOnAction(e -> vm.unfreezeToProperty().set(row.getItem().name()));
            javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(freezeHere, unfreezeHere);
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty().not().and(vm.transferEnabledProperty()))
                    .then(menu).otherwise((javafx.scene.control.ContextMenu) null));
            return row;
        });

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

        table.setMinHeight(150);
        VBox box = Ui.card(null, Ui.row(8, Ui.sectionTitle("Layers"), busy), summary, tableStack);
        box.setMinHeight(230);
        return box;
    }
}
