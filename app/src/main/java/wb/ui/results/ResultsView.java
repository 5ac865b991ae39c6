package wb.ui.results;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.controlsfx.control.SegmentedButton;

import wb.ui.EnsembleControls;
import wb.ui.FileDialogs;
import wb.evaluate.ClassMetrics;
import wb.evaluate.PredictionView;
import wb.train.Tta;
import wb.ui.results.ResultsViewModel.ClassProbability;
import wb.ui.results.ResultsViewModel.EvalSplit;
import wb.ui.results.ResultsViewModel.PredictedImage;
import wb.ui.support.Fmt;
import wb.ui.support.Opener;
import wb.ui.support.ImageGrid;
import wb.ui.support.Thumbnails;
import wb.ui.support.Ui;

/** The Results screen's nodes: evaluation bar, metric tiles, confusion matrix, per-class table, views, predict. */
final class ResultsView {

    private final ResultsViewModel vm;
    private final Thumbnails thumbnails;
    private final Opener opener;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final Tab predictTab = new Tab("Predict");
    private final Label status = Ui.hint("");
    private final ConfusionMatrixChart matrix = new ConfusionMatrixChart();

    ResultsView(ResultsViewModel vm, Thumbnails thumbnails, Opener opener) {
        this.vm = vm;
        this.thumbnails = thumbnails;
        this.opener = opener;
        Ui.screenRoot(root, "results-screen");
        root.setTop(header());

        tabs.setId("resultsTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab cm = new Tab("Confusion matrix", confusionTab());
        Tab table = new Tab("Per class", perClassTab());
        Tab views = new Tab("Prediction views", viewsTab());
        predictTab.setContent(predictTab());
        tabs.getTabs().setAll(List.of(cm, table, views, predictTab));
        root.setCenter(tabs);
        status.setId("resultsStatus");
        root.setBottom(status);
        BorderPane.setMargin(status, new Insets(6, 0, 0, 2));

        // Drop images or folders anywhere on the screen to classify them.
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
                e.consume();
            }
        });
        root.setOnDragDropped(this::dropped);
    }

    Node root() { return root; }

    private javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    ConfusionMatrixChart matrix() { return matrix; }

    // ---- header ----

    private Node header() {
        ComboBox<EvalSplit> split = Ui.choice("splitBox", vm.availableSplits(), vm.splitProperty(), EvalSplit::label, vm.evaluatingProperty());
        ComboBox<Tta> tta = Ui.choice("ttaBox", FXCollections.observableArrayList(Tta.values()), vm.ttaProperty(), Tta::label,
                vm.evaluatingProperty());
        tta.setTooltip(Ui.tooltip("Test-time augmentation: average the predictions of several views of each image. "
                + "Flip: the image and its mirror image. 10-crop: the centre and four corner crops, each also mirrored "
                + "(the corners move by the run's random-crop padding). Costs 2x or 10x the prediction time; "
                + "use flips only for classes that look the same mirrored."));
        Button evaluate = new Button("Evaluate");
        evaluate.setId("evaluateButton");
        evaluate.getStyleClass().add("wb-primary");
        evaluate.disableProperty().bind(vm.canEvaluateProperty().not());
        evaluate.setOnAction(e -> vm.evaluate());
        evaluate.tooltipProperty().bind(Bindings.createObjectBinding(() -> Ui.tooltip(vm.evaluateHintProperty().get()), vm.evaluateHintProperty()));
        Button cancel = new Button("Cancel");
        cancel.visibleProperty().bind(vm.evaluatingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancelEvaluation());
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(160);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.evaluatingProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label message = Ui.hint("");
        message.textProperty().bind(vm.progressMessageProperty());
        message.visibleProperty().bind(vm.evaluatingProperty());
        Label model = Ui.styled(new Label(), "wb-facts");
        model.textProperty().bind(vm.modelTextProperty());
        EnsembleControls ensemble = new EnsembleControls("ensemble", vm.ensembleRuns(), vm.ensembleTextProperty(), vm::addEnsembleRun,
                vm::clearEnsemble, vm.evaluatingProperty(), this::window,
                "Add another run's model: the evaluation then averages the probabilities of the models "
                        + "(an ensemble, usually more accurate than any one of them). The run must know the same classes.");
        Ui.styled(ensemble.text(), "wb-facts");
        Label hint = Ui.hint("");
        hint.textProperty().bind(Bindings.when(vm.canEvaluateProperty().or(vm.evaluatingProperty())).then("").otherwise(vm.evaluateHintProperty()));
        HBox bar1 = Ui.row(8, new Label("Evaluate on"), split, tta, ensemble.button(), evaluate, cancel, bar, message, hint, Ui.spacer(),
                ensemble.text(), ensemble.clear(), model);

        Label title = Ui.sectionTitle("");
        title.setId("evaluationTitle");
        title.textProperty().bind(Bindings.when(vm.evaluationTitleProperty().isEmpty())
                .then("No evaluation yet").otherwise(vm.evaluationTitleProperty()));

        Label acc = new Label();
        acc.setId("accuracyValue");
        acc.textProperty().bind(vm.accuracyTextProperty());
        Label loss = new Label();
        loss.textProperty().bind(vm.logLossTextProperty());
        Label r1 = new Label();
        r1.textProperty().bind(vm.rank1TextProperty());
        Label r5 = new Label();
        r5.textProperty().bind(vm.rank5TextProperty());
        Label f1 = new Label();
        f1.textProperty().bind(vm.macroF1TextProperty());
        Label n = new Label();
        n.textProperty().bind(vm.countTextProperty());
        HBox tiles = Ui.row(10,
                Ui.tile(acc, "Accuracy", "Share of labelled images whose most likely class is the true class."),
                Ui.tile(loss, "Log loss", "Mean -ln p(true class), probabilities clipped to [1e-15, 1 - 1e-15] as Kaggle does. Lower is better."),
                Ui.tile(r1, "Rank-1", "The true class is the model's first choice (the same as accuracy)."),
                Ui.tile(r5, "Rank-5", "The true class is among the model's five most likely classes."),
                Ui.tile(f1, "Macro F1", "The unweighted mean of the per-class F1 scores: every class counts the same."),
                Ui.tile(n, "Images", "Images evaluated."));

        Label notice = Ui.message();
        notice.setId("resultsNotice");
        notice.textProperty().bind(vm.noticeProperty());
        Ui.messageKind(notice, vm.noticeKindProperty().get());
        vm.noticeKindProperty().addListener((o, a, k) -> Ui.messageKind(notice, k));

        VBox box = new VBox(10, bar1, title, tiles, notice);
        box.setPadding(new Insets(0, 0, 10, 0));
        return box;
    }

    // ---- confusion matrix ----

    private Node confusionTab() {
        matrix.setId("confusionMatrix");
        matrix.setOnCellClicked(vm::selectCell);
        vm.confusionProperty().addListener((o, a, cm) -> matrix.setMatrix(cm));
        matrix.setMatrix(vm.confusionProperty().get());
        vm.selectedCellProperty().addListener((o, a, c) -> matrix.setSelected(c == null ? -1 : c.trueClass(), c == null ? -1 : c.predictedClass()));

        ScrollPane scroll = new ScrollPane(matrix);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        Label empty = Ui.hint("Evaluate the model to see which classes it confuses.");
        empty.visibleProperty().bind(vm.confusionProperty().isNull());
        StackPane stack = new StackPane(scroll, empty);
        VBox left = new VBox(8, stack, Ui.hint("Rows are true classes, columns predicted classes; colour shows the share of the row. "
                + "Click a cell to see exactly those images."));
        VBox.setVgrow(stack, Priority.ALWAYS);
        left.setPadding(new Insets(8));

        Label cellTitle = Ui.sectionTitle("");
        cellTitle.setId("cellTitle");
        cellTitle.textProperty().bind(Bindings.when(vm.cellTitleProperty().isEmpty())
                .then("Images of a cell").otherwise(vm.cellTitleProperty()));
        ImageGrid grid = new ImageGrid(vm.cellItems(), thumbnails, opener, status::setText);
        grid.setId("cellGrid");
        Label none = Ui.hint("Click a cell of the matrix.");
        none.visibleProperty().bind(Bindings.isEmpty(vm.cellItems()));
        StackPane gridStack = new StackPane(grid, none);
        VBox right = new VBox(8, cellTitle, gridStack);
        VBox.setVgrow(gridStack, Priority.ALWAYS);
        right.setPadding(new Insets(8));

        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.5);
        return split;
    }

    // ---- per class ----

    private Node perClassTab() {
        TableView<ClassMetrics> table = new TableView<>(vm.perClass());
        table.setId("perClassTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(Ui.hint("Evaluate the model to see precision, recall and F1 per class."));
        TableColumn<ClassMetrics, String> name = new TableColumn<>("Class");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(200);
        table.getColumns().add(name);
        table.getColumns().add(number("Precision", ClassMetrics::precision, 3));
        table.getColumns().add(number("Recall", ClassMetrics::recall, 3));
        table.getColumns().add(number("F1", ClassMetrics::f1, 3));
        TableColumn<ClassMetrics, Number> support = new TableColumn<>("Support");
        support.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().support()));
        support.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().add(support);
        VBox box = new VBox(8, table, Ui.hint("Precision: of the images predicted as the class, the share that are. "
                + "Recall: of the images of the class, the share found. Support: images of the class. Click a header to sort."));
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private static TableColumn<ClassMetrics, Number> number(String title, java.util.function.ToDoubleFunction<ClassMetrics> f, int decimals) {
        TableColumn<ClassMetrics, Number> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(f.applyAsDouble(c.getValue())));
        col.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Fmt.decimal(v.doubleValue(), decimals));
            }
        });
        col.setStyle("-fx-alignment: CENTER-RIGHT;");
        return col;
    }

    // ---- prediction views ----

    private Node viewsTab() {
        SegmentedButton segments = new SegmentedButton();
        segments.setId("viewButtons");
        for (PredictionView v : PredictionView.values()) {
            ToggleButton b = new ToggleButton(ResultsViewModel.viewName(v));
            b.setUserData(v);
            b.setId("view-" + v.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            segments.getButtons().add(b);
            if (v == vm.viewProperty().get()) b.setSelected(true);
        }
        segments.getToggleGroup().selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) a.setSelected(true); // keep one view selected
            else vm.viewProperty().set((PredictionView) t.getUserData());
        });

        ComboBox<String> cls = new ComboBox<>();
        cls.setId("viewClassBox");
        cls.setPromptText("All classes");
        cls.setConverter(new StringConverter<>() {
            @Override public String toString(String s) { return s == null ? "All classes" : s; }
            @Override public String fromString(String s) { return s; }
        });
        vm.classes().addListener((javafx.collections.ListChangeListener<String>) c -> refillClasses(cls));
        refillClasses(cls);
        cls.valueProperty().bindBidirectional(vm.viewClassProperty());

        ComboBox<Integer> count = new ComboBox<>();
        count.getItems().setAll(12, 24, 48, 96, 192);
        count.setValue(vm.viewCountProperty().get());
        count.valueProperty().addListener((o, a, b) -> { if (b != null) vm.viewCountProperty().set(b); });
        Button shuffle = new Button("Shuffle");
        shuffle.setId("shuffleButton");
        shuffle.disableProperty().bind(vm.viewProperty().isNotEqualTo(PredictionView.RANDOM_CORRECT)
                .and(vm.viewProperty().isNotEqualTo(PredictionView.RANDOM_INCORRECT)));
        shuffle.setOnAction(e -> vm.reshuffle());
        shuffle.setTooltip(Ui.tooltip("Draw another random sample."));

        HBox controls = Ui.row(8, segments, new Separator(Orientation.VERTICAL), new Label("Class"), cls, new Label("Show"), count, shuffle);
        Label title = Ui.sectionTitle("");
        title.setId("viewTitle");
        title.textProperty().bind(vm.viewTitleProperty());
        ImageGrid grid = new ImageGrid(vm.viewItems(), thumbnails, opener, status::setText);
        grid.setId("viewGrid");
        Label empty = Ui.hint("");
        empty.textProperty().bind(Bindings.when(vm.evaluationProperty().isNull())
                .then("Evaluate the model to see its predictions.").otherwise("No images in this view."));
        empty.visibleProperty().bind(Bindings.isEmpty(vm.viewItems()));
        StackPane stack = new StackPane(grid, empty);
        VBox box = new VBox(8, controls, title, stack);
        VBox.setVgrow(stack, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private void refillClasses(ComboBox<String> box) {
        String keep = vm.viewClassProperty().get();
        java.util.List<String> items = new java.util.ArrayList<>();
        items.add(null);
        items.addAll(vm.classes());
        box.getItems().setAll(items);
        box.setValue(keep);
    }

    // ---- predict ----

    private Node predictTab() {
        Label big = Ui.sectionTitle("Drop images or a folder here");
        Label small = Ui.hint("They are classified with the current model; each shows its five most likely classes.");
        Button files = new Button("Choose images…");
        files.setId("predictFilesButton");
        files.setOnAction(e -> {
            List<Path> chosen = FileDialogs.openFiles(window(), "Images to classify", null, FileDialogs.IMAGES);
            if (!chosen.isEmpty()) vm.predict(chosen);
        });
        Button folder = new Button("Choose folder…");
        folder.setId("predictFolderButton");
        folder.setOnAction(e -> FileDialogs.folder(window(), "Folder of images to classify", null).ifPresent(f -> vm.predict(List.of(f))));
        Button clear = new Button("Clear");
        clear.disableProperty().bind(Bindings.isEmpty(vm.predictions()));
        clear.setOnAction(e -> vm.clearPredictions());
        Button cancel = new Button("Cancel");
        cancel.visibleProperty().bind(vm.predictingProperty());
        cancel.setOnAction(e -> vm.cancelPrediction());
        ProgressBar busy = new ProgressBar();
        busy.visibleProperty().bind(vm.predictingProperty());
        VBox zone = new VBox(8, big, small, Ui.row(8, files, folder, clear, busy, cancel));
        zone.setAlignment(Pos.CENTER_LEFT);
        zone.getStyleClass().add("wb-drop-zone");
        zone.setId("dropZone");
        root.addEventHandler(DragEvent.DRAG_ENTERED, e -> zone.getStyleClass().add("drag-over"));
        root.addEventHandler(DragEvent.DRAG_EXITED, e -> zone.getStyleClass().remove("drag-over"));

        Label notice = Ui.hint("");
        notice.setId("predictNotice");
        notice.textProperty().bind(vm.predictNoticeProperty());

        ListView<PredictedImage> list = new ListView<>(vm.predictions());
        list.setId("predictionList");
        list.setPlaceholder(Ui.hint("Nothing classified yet."));
        list.setCellFactory(l -> new PredictionCell());
        VBox box = new VBox(10, zone, notice, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private final class PredictionCell extends ListCell<PredictedImage> {
        private final ImageView image = new ImageView();
        private final Label name = Ui.styled(new Label(), "wb-run-name");
        private final Label path = Ui.styled(new Label(), "wb-caption-path");
        private final GridPane bars = new GridPane();
        private final HBox row;
        private Path showing;

        PredictionCell() {
            image.setFitWidth(96);
            image.setFitHeight(96);
            image.setPreserveRatio(true);
            StackPane frame = new StackPane(image);
            frame.setMinSize(96, 96);
            bars.setHgap(8);
            bars.setVgap(2);
            VBox text = new VBox(4, name, path, bars);
            row = new HBox(12, frame, text);
            row.getStyleClass().add("wb-prediction-row");
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            setOnMouseClicked(e -> {
                if (getItem() != null && e.getClickCount() == 2) status.setText(opener.open(getItem().file()));
            });
        }

        @Override protected void updateItem(PredictedImage item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                showing = null;
                return;
            }
            name.setText(item.file().getFileName().toString());
            path.setText(item.file().toAbsolutePath().getParent() == null ? "" : item.file().toAbsolutePath().getParent().toString());
            bars.getChildren().clear();
            int r = 0;
            for (ClassProbability cp : item.top()) {
                Label label = new Label(cp.label());
                label.setMinWidth(Label.USE_PREF_SIZE);
                ProgressBar p = new ProgressBar(cp.probability());
                p.setPrefWidth(180);
                p.getStyleClass().add("wb-prob-bar");
                if (r == 0) p.getStyleClass().add("top");
                Label pct = new Label(Fmt.percent(cp.probability()));
                bars.addRow(r++, label, p, pct);
            }
            showing = item.file();
            Path file = item.file();
            image.setImage(thumbnails.cached(file));
            if (image.getImage() == null) thumbnails.load(file, img -> { if (file.equals(showing)) image.setImage(img); });
            setGraphic(row);
        }
    }

    private void dropped(DragEvent e) {
        var board = e.getDragboard();
        if (board.hasFiles()) {
            List<Path> paths = board.getFiles().stream().map(File::toPath).toList();
            tabs.getSelectionModel().select(predictTab);
            vm.predict(paths);
            e.setDropCompleted(true);
        } else {
            e.setDropCompleted(false);
        }
        e.consume();
    }
}
