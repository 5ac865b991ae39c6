package wb.ui.export;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import wb.imaging.Raster;
import wb.train.Tta;
import wb.ui.EnsembleControls;
import wb.ui.FileDialogs;
import wb.ui.support.Opener;
import wb.ui.support.Thumbnails;
import wb.ui.support.Ui;

/** The Export screen's nodes: Kaggle submission panel, model bundle, reports. */
final class ExportView {

    private final ExportViewModel vm;
    private final Supplier<Map<String, ? extends Image>> charts;
    private final Opener opener;
    private final java.util.function.Consumer<String> status;
    private final BorderPane root = new BorderPane();

    /**
     * {@code charts} renders the Train screen's charts (null when there is no Train screen); {@code status} shows
     * one-line outcomes of small actions (the main window's status bar).
     */
    ExportView(ExportViewModel vm, Supplier<Map<String, ? extends Image>> charts, Opener opener, java.util.function.Consumer<String> status) {
        this.vm = vm;
        this.charts = charts;
        this.opener = opener;
        this.status = status;
        Ui.screenRoot(root, "export-screen");

        VBox side = new VBox(14, modelCard(), reportsCard());
        side.setPrefWidth(400);
        side.setMinWidth(320);
        VBox kaggle = kaggleCard();
        HBox.setHgrow(kaggle, Priority.ALWAYS);
        HBox content = new HBox(14, kaggle, side);
        content.setPadding(new Insets(2, 8, 8, 2));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("wb-scroll");
        root.setCenter(scroll);
        Node last = lastSaved();
        root.setBottom(last);
        BorderPane.setMargin(last, new Insets(6, 0, 0, 4));
    }

    Node root() { return root; }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    // ---- Kaggle ----

    private VBox kaggleCard() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.RIGHT);
        labels.setMinWidth(Label.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);

        TextField test = pathField("testFolderField", vm.testFolderProperty(), "Choose the folder of test images");
        Button chooseTest = new Button("Choose…");
        chooseTest.setId("chooseTestButton");
        chooseTest.setOnAction(e -> FileDialogs.folder(window(), "Folder of test images",
                        FileDialogs.startingPoint(vm.testFolderProperty().get() == null ? null : vm.testFolderProperty().get().getParent()))
                .ifPresent(vm.testFolderProperty()::set));
        grid.addRow(0, formLabel("Test images"), Ui.row(6, grow(test), chooseTest));

        TextField sample = pathField("sampleField", vm.sampleSubmissionProperty(), "Optional: the competition's sample_submission.csv");
        Button chooseSample = new Button("Choose…");
        chooseSample.setId("chooseSampleButton");
        chooseSample.setOnAction(e -> FileDialogs.openFile(window(), "Sample submission", FileDialogs.startingPoint(vm.testFolderProperty().get()), FileDialogs.CSV)
                .ifPresent(vm.sampleSubmissionProperty()::set));
        Button clearSample = new Button("Clear");
        clearSample.disableProperty().bind(vm.sampleSubmissionProperty().isNull());
        clearSample.setOnAction(e -> vm.sampleSubmissionProperty().set(null));
        grid.addRow(1, formLabel("Sample submission"), new VBox(4, Ui.row(6, grow(sample), chooseSample, clearSample),
                Ui.hint("When given, it decides the header, the column order, the ids and the label format (names, indices or P(second class)).")));

        ToggleGroup columns = new ToggleGroup();
        RadioButton labelsRadio = new RadioButton("Predicted class");
        labelsRadio.setId("labelColumnsRadio");
        labelsRadio.setToggleGroup(columns);
        RadioButton probsRadio = new RadioButton("One probability column per class");
        probsRadio.setId("probabilityColumnsRadio");
        probsRadio.setToggleGroup(columns);
        (vm.probabilitiesProperty().get() ? probsRadio : labelsRadio).setSelected(true);
        columns.selectedToggleProperty().addListener((o, a, t) -> vm.probabilitiesProperty().set(t == probsRadio));
        vm.probabilitiesProperty().addListener((o, a, b) -> (b ? probsRadio : labelsRadio).setSelected(true));
        Label columnsHint = Ui.hint("Without a sample submission. With two classes and a probability label column in the sample, "
                + "the probability of the second class is written (Dogs vs. Cats).");
        grid.addRow(2, formLabel("Columns"), new VBox(4, Ui.row(14, labelsRadio, probsRadio), columnsHint));

        TextField id = small(vm.idColumnProperty(), 8);
        TextField label = small(vm.labelColumnProperty(), 8);
        label.disableProperty().bind(vm.probabilitiesProperty().or(vm.sampleSubmissionProperty().isNotNull()));
        grid.addRow(3, formLabel("Column names"), Ui.row(6, new Label("id"), id, new Label("label"), label));

        CheckBox clip = new CheckBox("Clip probabilities to");
        clip.setId("clipBox");
        clip.selectedProperty().bindBidirectional(vm.clipProperty());
        TextField low = small(vm.clipLowProperty(), 5);
        low.setId("clipLowField");
        TextField high = small(vm.clipHighProperty(), 5);
        high.setId("clipHighField");
        low.disableProperty().bind(vm.clipProperty().not());
        high.disableProperty().bind(vm.clipProperty().not());
        grid.addRow(4, formLabel("Log-loss guard"), new VBox(4, Ui.row(6, clip, low, new Label("…"), high),
                Ui.hint("Caps the damage of a confident mistake on log-loss leaderboards, e.g. 0.02…0.98.")));

        Button predict = new Button("Predict test images");
        predict.setId("predictTestButton");
        predict.getStyleClass().add("wb-primary");
        predict.disableProperty().bind(vm.canPredictProperty().not());
        predict.setOnAction(e -> vm.predictTest());
        predict.tooltipProperty().bind(Bindings.createObjectBinding(() -> Ui.tooltip(vm.predictHintProperty().get()), vm.predictHintProperty()));
        Button cancel = new Button("Cancel");
        cancel.visibleProperty().bind(vm.predictingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancelPredict());
        ProgressBar bar = new ProgressBar();
        bar.setId("predictProgress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.predictingProperty());
        Label progressText = Ui.hint("");
        progressText.textProperty().bind(vm.progressMessageProperty());
        Label predictHint = Ui.hint("");
        predictHint.textProperty().bind(Bindings.when(vm.canPredictProperty().or(vm.predictingProperty())).then("").otherwise(vm.predictHintProperty()));
        ComboBox<Tta> tta = Ui.choice("exportTtaBox", FXCollections.observableArrayList(Tta.values()), vm.ttaProperty(), Tta::label,
                vm.predictingProperty());
        tta.setTooltip(Ui.tooltip("Test-time augmentation for the submission: average the predictions of the image and its "
                + "mirror image (flip), or of ten crops (10-crop). Often lowers the log loss; costs 2x or 10x the time."));
        EnsembleControls ensemble = new EnsembleControls("exportEnsemble", vm.ensembleRuns(), vm.ensembleTextProperty(), vm::addEnsembleRun,
                vm::clearEnsemble, vm.predictingProperty().or(vm.modelProperty().isNull()), this::window,
                "Add another run's model: the submission then averages the probabilities of the models. "
                        + "The same ensemble applies on the Results screen. The run must know the same classes.");
        Ui.styled(ensemble.text(), "wb-hint");
        HBox actions = Ui.row(8, predict, tta, ensemble.button(), ensemble.text(), ensemble.clear(), cancel, bar, progressText, predictHint);

        TableView<List<String>> preview = new TableView<>();
        preview.setId("submissionPreview");
        preview.setItems(vm.previewRows());
        preview.setPlaceholder(Ui.hint("The first rows of the submission appear here after prediction."));
        preview.setMinHeight(180);
        preview.setPrefHeight(300);
        vm.previewHeader().addListener((ListChangeListener<String>) c -> rebuildColumns(preview));
        rebuildColumns(preview);
        Label previewTitle = Ui.sectionTitle("");
        previewTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.totalRowsProperty().get() == 0 ? "Preview"
                : "Preview: first " + Math.min(ExportViewModel.PREVIEW_ROWS, vm.totalRowsProperty().get()) + " of "
                        + String.format("%,d", vm.totalRowsProperty().get()) + " rows", vm.totalRowsProperty()));

        Label validation = Ui.message();
        validation.setId("submissionValidation");
        validation.textProperty().bind(vm.validationProperty());
        kind(validation, vm.validationKindProperty());

        Button save = new Button("Save CSV…");
        save.setId("saveSubmissionButton");
        save.getStyleClass().add("wb-primary");
        save.disableProperty().bind(vm.canWriteProperty().not());
        save.setOnAction(e -> FileDialogs.saveFile(window(), "Save the submission", lastFolder(), "submission.csv", FileDialogs.CSV)
                .ifPresent(vm::writeSubmission));
        VBox card = Ui.card("Kaggle submission", grid, actions, previewTitle, preview, validation, Ui.row(8, Ui.spacer(), save));
        VBox.setVgrow(preview, Priority.ALWAYS);
        card.setMinWidth(520);
        return card;
    }

    private void rebuildColumns(TableView<List<String>> table) {
        List<String> header = List.copyOf(vm.previewHeader());
        List<TableColumn<List<String>, ?>> cols = new java.util.ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            final int col = i;
            TableColumn<List<String>, String> c = new TableColumn<>(header.get(i));
            c.setSortable(false);
            c.setPrefWidth(i == 0 ? 110 : 100);
            c.setMinWidth(60);
            if (i > 0) c.setStyle("-fx-alignment: CENTER-RIGHT;");
            c.setCellValueFactory(r -> new ReadOnlyStringWrapper(col < r.getValue().size() ? r.getValue().get(col) : ""));
            cols.add(c);
        }
        // A few columns share the width; one per class of a 100-class competition scrolls sideways instead.
        table.setColumnResizePolicy(header.size() <= 8 ? TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS : TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getColumns().setAll(cols);
    }

    // ---- model ----

    private VBox modelCard() {
        Label summary = new Label();
        summary.setId("modelSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.modelSummaryProperty());
        Button save = new Button("Save model…");
        save.setId("saveModelButton");
        save.disableProperty().bind(vm.modelProperty().isNull().or(vm.modelBusyProperty()));
        save.setOnAction(e -> FileDialogs.saveFile(window(), "Save the model as a new folder", lastFolder(),
                vm.modelProperty().get().card().modelId() + "-" + LocalDate.now()).ifPresent(vm::saveModel));
        save.setTooltip(Ui.tooltip("Writes a folder with model.zip (the network) and card.json (labels, preprocessing, training "
                + "settings, metrics, versions). The CLI's predict and evaluate verbs read it too."));
        Button load = new Button("Load model…");
        load.setId("loadModelButton");
        load.disableProperty().bind(vm.modelBusyProperty());
        load.setOnAction(e -> FileDialogs.folder(window(), "A saved model or a run folder", lastFolder()).ifPresent(vm::loadModel));
        load.setTooltip(Ui.tooltip("Loads a saved model folder or a run folder (with model.zip and card.json) as the current model."));
        Label notice = Ui.message();
        notice.textProperty().bind(vm.modelNoticeProperty());
        kind(notice, vm.modelNoticeKindProperty());
        return Ui.card("Model", summary, Ui.row(8, save, load), notice);
    }

    // ---- reports ----

    private VBox reportsCard() {
        Button views = new Button("Evaluation report…");
        views.setId("exportReportButton");
        views.disableProperty().bind(vm.canExportViewsProperty().not().or(vm.reportBusyProperty()));
        views.setOnAction(e -> FileDialogs.folder(window(), "Folder for the evaluation report", lastFolder()).ifPresent(vm::exportReport));
        Button chartsButton = new Button("Training charts…");
        chartsButton.setId("exportChartsButton");
        chartsButton.disableProperty().bind(Bindings.createBooleanBinding(() -> charts == null || vm.reportBusyProperty().get(), vm.reportBusyProperty()));
        chartsButton.setOnAction(e -> FileDialogs.folder(window(), "Folder for the chart images", lastFolder())
                .ifPresent(f -> vm.exportCharts(f, chartRasters())));
        Button metrics = new Button("Epoch metrics…");
        metrics.setId("exportMetricsButton");
        metrics.disableProperty().bind(vm.canExportMetricsProperty().not().or(vm.reportBusyProperty()));
        metrics.setOnAction(e -> FileDialogs.saveFile(window(), "Save the epoch metrics", lastFolder(), "metrics.csv", FileDialogs.CSV)
                .ifPresent(vm::exportMetrics));
        Button watch = new Button("Watched images…");
        watch.setId("exportWatchButton");
        watch.disableProperty().bind(vm.canExportWatchProperty().not().or(vm.reportBusyProperty()));
        watch.setOnAction(e -> FileDialogs.saveFile(window(), "Save the watched images", lastFolder(), "watch.png",
                new javafx.stage.FileChooser.ExtensionFilter("PNG images", "*.png")).ifPresent(vm::exportWatchSheet));
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.addRow(0, views, Ui.hint("The Results screen's metrics, confusion matrix and five prediction views, as 'evaluate' writes them."));
        grid.addRow(1, chartsButton, Ui.hint("Loss, accuracy, batch loss and learning rate as shown on the Train screen, as PNG."));
        grid.addRow(2, metrics, Ui.hint("The current model's run metrics.csv: one row per epoch."));
        grid.addRow(3, watch, Ui.hint("The run's watched validation images, epoch by epoch, as one PNG (green right, red wrong)."));
        for (Node n : List.of(views, chartsButton, metrics, watch)) ((Button) n).setMaxWidth(Double.MAX_VALUE);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(150);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(c0, c1);
        ProgressBar busy = new ProgressBar();
        busy.visibleProperty().bind(vm.reportBusyProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Label notice = Ui.message();
        notice.setId("reportNotice");
        notice.textProperty().bind(vm.reportNoticeProperty());
        kind(notice, vm.reportNoticeKindProperty());
        return Ui.card("Reports", grid, busy, notice);
    }

    private Map<String, Raster> chartRasters() {
        Map<String, Raster> out = new LinkedHashMap<>();
        if (charts == null) return out;
        charts.get().forEach((name, image) -> out.put(name, Thumbnails.toRaster(image)));
        return out;
    }

    /** Where save dialogs start: the folder of the last export, if any. */
    private Path lastFolder() {
        Path last = vm.lastExportProperty().get();
        return last == null ? null : FileDialogs.startingPoint(last.toAbsolutePath().getParent());
    }

    /** "Last saved: PATH  Show in folder" under the cards. */
    private Node lastSaved() {
        Label path = Ui.hint("");
        path.setId("lastSaved");
        path.textProperty().bind(Bindings.createStringBinding(
                () -> vm.lastExportProperty().get() == null ? "" : "Last saved: " + vm.lastExportProperty().get().toAbsolutePath(), vm.lastExportProperty()));
        Hyperlink link = new Hyperlink("Show in folder");
        link.setOnAction(e -> {
            Path p = vm.lastExportProperty().get();
            if (p != null) status.accept(opener.reveal(p));
        });
        HBox row = Ui.row(6, path, link);
        row.visibleProperty().bind(vm.lastExportProperty().isNotNull());
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    // ---- helpers ----

    private static Label formLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("wb-form-label");
        return l;
    }

    private static TextField pathField(String id, javafx.beans.property.ObjectProperty<Path> property, String prompt) {
        TextField tf = new TextField();
        tf.setId(id);
        tf.setEditable(false);
        tf.setPromptText(prompt);
        tf.textProperty().bind(Bindings.createStringBinding(() -> property.get() == null ? "" : property.get().toString(), property));
        return tf;
    }

    private static TextField small(javafx.beans.property.StringProperty property, int columns) {
        TextField tf = new TextField();
        tf.setPrefColumnCount(columns);
        tf.textProperty().bindBidirectional(property);
        return tf;
    }

    private static <T extends Node> T grow(T node) {
        HBox.setHgrow(node, Priority.ALWAYS);
        return node;
    }

    private static void kind(Label label, ObservableValue<String> kind) {
        Ui.messageKind(label, kind.getValue());
        kind.addListener((o, a, b) -> Ui.messageKind(label, b));
    }
}
