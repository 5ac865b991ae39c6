package wb.ui.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.geometry.Orientation;

import wb.evaluate.ViewItem;
import wb.ui.support.Fmt;
import wb.ui.support.ImageGrid;
import wb.ui.support.LayoutBoundary;
import wb.ui.support.Opener;
import wb.ui.support.Thumbnails;
import wb.ui.support.Ui;

/** The Train screen's nodes: run controls, live figures, the four charts and the run history. */
final class TrainView {

    private final TrainViewModel vm;
    private final Opener opener;
    private final BorderPane root = new BorderPane();
    private final TrainCharts charts = new TrainCharts();
    private final ListView<RunRecord> runList = new ListView<>();
    private final Label notice = Ui.message();
    private final java.util.function.Consumer<String> status;
    private final Thumbnails thumbnails;
    private final ObservableList<ViewItem> noItems = FXCollections.observableArrayList();
    private ImageGrid watchGrid;

    /** {@code status} shows one-line outcomes of small actions (the main window's status bar). */
    TrainView(TrainViewModel vm, Opener opener, Thumbnails thumbnails, java.util.function.Consumer<String> status) {
        this.vm = vm;
        this.opener = opener;
        this.thumbnails = thumbnails;
        this.status = status;
        Ui.screenRoot(root, "train-screen");
        root.setTop(header());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        // Each chart redraws during training: its layout stays inside it (LayoutBoundary).
        grid.add(new LayoutBoundary(charts.lossPane()), 0, 0);
        grid.add(new LayoutBoundary(charts.accuracyPane()), 1, 0);
        grid.add(new LayoutBoundary(charts.batchPane()), 0, 1);
        grid.add(new LayoutBoundary(charts.ratePane()), 1, 1);
        grid.setPadding(new Insets(4, 4, 0, 0));
        Label chartsTitle = Ui.styled(new Label(), "wb-facts");
        chartsTitle.setId("chartsTitle");
        chartsTitle.textProperty().bind(vm.chartsTitleProperty());
        VBox chartsBox = new VBox(4, chartsTitle, grid);
        VBox.setVgrow(grid, Priority.ALWAYS);
        chartsBox.setPadding(new Insets(6, 0, 0, 6));

        Tab curves = new Tab("Curves", chartsBox);
        Tab watched = new Tab("Watched images", watchedImages());
        watched.setId("watchTab");
        // The grid shows the gallery only while its tab is open: building its cells in a hidden tab at every epoch end
        // held the FX thread for 15-75 ms during training.
        watched.selectedProperty().addListener((o, was, open) -> watchGrid.setItems(open ? vm.watchGallery().items() : noItems));
        TabPane views = new TabPane(curves, watched);
        views.setId("trainTabs");
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(views, history());
        split.setDividerPositions(0.74);
        SplitPane.setResizableWithParent(split.getItems().get(1), false);
        root.setCenter(split);

        vm.snapshotProperty().addListener((o, a, b) -> redraw());
        vm.shownRunProperty().addListener((o, a, b) -> redraw());
        vm.comparedRunProperty().addListener((o, a, b) -> redraw());
        redraw();
    }

    Node root() { return root; }

    /** The same validation images after every epoch, with a slider to step through the epochs. */
    private Node watchedImages() {
        WatchGallery g = vm.watchGallery();
        Label title = Ui.styled(new Label(), "wb-facts");
        title.setId("watchTitle");
        title.setWrapText(true);
        title.textProperty().bind(g.titleProperty());
        Slider epochs = new Slider(0, 0, 0);
        epochs.setId("watchSlider");
        epochs.setSnapToTicks(true);
        epochs.setBlockIncrement(1);
        epochs.setShowTickMarks(true);
        epochs.setShowTickLabels(true);
        epochs.setLabelFormatter(new javafx.util.StringConverter<>() {
            @Override public String toString(Double v) {
                int epoch = g.epochAt((int) Math.round(v));
                return epoch > 0 ? Integer.toString(epoch) : "";
            }
            @Override public Double fromString(String s) { return 0.0; }
        });
        // Label every epoch for short runs, about ten labels for long ones.
        epochs.majorTickUnitProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(1.0, Math.ceil(g.frameCountProperty().get() / 10.0)), g.frameCountProperty()));
        epochs.minorTickCountProperty().bind(Bindings.createIntegerBinding( // a tick, and a snap point, per epoch
                () -> (int) Math.round(epochs.getMajorTickUnit()) - 1, epochs.majorTickUnitProperty()));
        epochs.maxProperty().bind(Bindings.max(0, g.frameCountProperty().subtract(1)));
        epochs.disableProperty().bind(g.frameCountProperty().lessThan(2));
        epochs.setValue(Math.max(0, g.frameProperty().get()));
        // Slider -> frame on release of a snapped value; frame -> slider when new epochs arrive.
        epochs.valueProperty().addListener((o, a, b) -> {
            int i = (int) Math.round(b.doubleValue());
            if (i != g.frameProperty().get() && g.frameCountProperty().get() > 0) g.frameProperty().set(i);
        });
        g.frameProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0 && Math.round(epochs.getValue()) != b.intValue()) epochs.setValue(b.intValue());
        });
        Label hint = Ui.hint("Step through the epochs: green answers are right, red ones wrong, with the network's confidence. "
                + "The images are chosen once per run, a few per class.");
        hint.setWrapText(true);
        watchGrid = new ImageGrid(noItems, thumbnails, opener, status);
        watchGrid.setId("watchGrid");
        epochs.setPadding(new Insets(0, 8, 0, 8)); // room for the first and last tick labels
        HBox.setHgrow(epochs, Priority.ALWAYS);
        HBox stepper = Ui.row(6, new Label("Epoch"), epochs);
        VBox box = new VBox(6, title, stepper, hint, watchGrid);
        VBox.setVgrow(watchGrid, Priority.ALWAYS);
        box.setPadding(new Insets(8, 4, 0, 8));
        return box;
    }

    private void redraw() {
        charts.render(vm.snapshotProperty().get(), vm.shownRunProperty().get(), vm.comparedRunProperty().get());
    }

    // ---- header: controls and live figures ----

    private Node header() {
        Button start = new Button("Start");
        start.setId("startButton");
        start.getStyleClass().add("wb-primary");
        start.disableProperty().bind(vm.canStartProperty().not());
        start.setOnAction(e -> vm.start());
        Button pause = new Button("Pause");
        pause.setId("pauseButton");
        pause.disableProperty().bind(vm.runningProperty().not().or(vm.pausedProperty()).or(vm.stoppingProperty()));
        pause.setOnAction(e -> vm.pause());
        Button resume = new Button("Resume");
        resume.setId("resumeButton");
        resume.disableProperty().bind(vm.pausedProperty().not());
        resume.setOnAction(e -> vm.resume());
        Button stop = new Button("Stop");
        stop.setId("stopButton");
        stop.getStyleClass().add("wb-danger-button");
        stop.disableProperty().bind(vm.runningProperty().not().or(vm.stoppingProperty()));
        stop.setOnAction(e -> vm.stop());
        stop.setTooltip(Ui.tooltip("Stops after the current batch. The best epoch so far stays saved and becomes the current model."));
        start.tooltipProperty().bind(Bindings.createObjectBinding(() -> Ui.tooltip(vm.startHintProperty().get()), vm.startHintProperty()));

        Label config = Ui.styled(new Label(), "wb-facts");
        config.setId("configSummary");
        config.textProperty().bind(vm.configSummaryProperty());
        config.setWrapText(true);
        Label hint = Ui.hint("");
        hint.textProperty().bind(Bindings.when(vm.canStartProperty().or(vm.runningProperty())).then("").otherwise(vm.startHintProperty()));
        VBox configBox = new VBox(2, config, hint);
        HBox.setHgrow(configBox, Priority.ALWAYS);

        HBox controls = Ui.row(8, start, pause, resume, stop, new Separator(Orientation.VERTICAL), configBox);

        Label status = Ui.styled(new Label(), "wb-section-title");
        status.setId("trainStatus");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE); // the whole row: a longer status then wraps in place instead of resizing it

        ProgressBar epochBar = new ProgressBar();
        epochBar.setId("epochProgress");
        epochBar.setPrefWidth(180);
        epochBar.progressProperty().bind(vm.epochProgressProperty());
        epochBar.visibleProperty().bind(vm.runningProperty());
        Label epoch = new Label();
        epoch.textProperty().bind(vm.epochTextProperty());
        VBox epochTile = Ui.tile(epoch, "Epoch", "The epoch being trained; the bar shows its progress.");
        epochTile.getChildren().add(1, epochBar);

        Label images = new Label();
        images.setId("imagesPerSecond");
        images.textProperty().bind(vm.throughputTextProperty());
        Label eta = new Label();
        eta.setId("eta");
        Label runPercent = new Label();
        runPercent.textProperty().bind(Bindings.createStringBinding(
                () -> vm.snapshotProperty().get() == null ? "" : Fmt.percent(vm.runProgressProperty().get()) + " of the run done",
                vm.runProgressProperty(), vm.snapshotProperty()));
        runPercent.getStyleClass().add("wb-tile-caption");
        eta.textProperty().bind(vm.etaTextProperty());
        Label queued = new Label();
        queued.setId("queuedBatches");
        queued.textProperty().bind(vm.queuedTextProperty());
        Label best = new Label();
        best.setId("bestAccuracy");
        best.textProperty().bind(vm.bestTextProperty());

        Label phase = new Label();
        phase.setId("trainingPhase");
        phase.textProperty().bind(vm.phaseTextProperty());

        HBox tiles = Ui.row(10, epochTile,
                Ui.tile(phase, "Phase", "Transfer learning: \"head\" trains the new head on a frozen body; \"fine-tune\" also trains "
                        + "the unfrozen layers with a lower learning rate (dashed line on the epoch charts)."),
                Ui.tile(images, "Images / s", "Training throughput over the last seconds."),
                withLine(Ui.tile(eta, "Time left", "Estimated from the recent throughput."), runPercent),
                Ui.tile(queued, "Queued batches", "Batches decoded and augmented ahead of the trainer. 0 means the trainer waited for image loading."),
                Ui.tile(best, "Best valid accuracy", "Validation accuracy of the best epoch so far (the one saved as the model)."));

        Ui.messageKind(notice, "info");
        notice.setId("trainNotice");
        notice.textProperty().bind(vm.noticeProperty());
        vm.noticeKindProperty().addListener((o, a, k) -> Ui.messageKind(notice, k.name().toLowerCase(java.util.Locale.ROOT)));

        // The status line and the figures change every second during training: their layout stays inside them
        // (LayoutBoundary), or each change would lay out the whole window again, its wrapping labels' text included.
        VBox box = new VBox(10, controls, new LayoutBoundary(status), new LayoutBoundary(tiles), notice);
        box.setPadding(new Insets(0, 0, 10, 0));
        return box;
    }

    private static VBox withLine(VBox tile, Node line) {
        tile.getChildren().add(line);
        return tile;
    }

    // ---- history ----

    private Node history() {
        runList.setId("runList");
        runList.getStyleClass().add("wb-run-list");
        runList.setItems(vm.runs());
        runList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runList.setCellFactory(lv -> new RunCell());
        runList.setPlaceholder(Ui.hint("No runs yet. Finished and stopped runs appear here."));
        runList.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) vm.show(runList.getSelectionModel().getSelectedItem());
        });
        runList.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) vm.show(runList.getSelectionModel().getSelectedItem());
        });

        var selected = runList.getSelectionModel().getSelectedItems();
        Button show = new Button("Show");
        show.setId("showRunButton");
        show.disableProperty().bind(Bindings.size(selected).isNotEqualTo(1));
        show.setOnAction(e -> vm.show(runList.getSelectionModel().getSelectedItem()));
        show.setTooltip(Ui.tooltip("Show the selected run's curves again."));
        Button compare = new Button("Overlay");
        compare.setId("compareRunsButton");
        compare.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !(selected.size() == 2 || (selected.size() == 1 && vm.snapshotProperty().get() != null)),
                selected, vm.snapshotProperty()));
        compare.setOnAction(e -> vm.compare(new ArrayList<>(selected)));
        compare.setTooltip(Ui.tooltip("Select two runs to overlay their curves (the second dashed), or one to overlay it on the live run."));
        Button live = new Button("Live run");
        live.setId("liveRunButton");
        live.disableProperty().bind(vm.snapshotProperty().isNull().or(vm.shownRunProperty().isNull().and(vm.comparedRunProperty().isNull())));
        live.setOnAction(e -> vm.showLive());
        live.setTooltip(Ui.tooltip("Back to the current run's curves, without an overlay."));
        Button use = new Button("Use model");
        use.setId("useModelButton");
        use.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.size() != 1 || !selected.get(0).hasModel() || vm.runningProperty().get(), selected, vm.runningProperty()));
        use.setOnAction(e -> vm.useModel(runList.getSelectionModel().getSelectedItem()));
        use.setTooltip(Ui.tooltip("Make the selected run's saved model the current model for Results and Export."));
        Button cont = new Button("Continue");
        cont.setId("continueRunButton");
        cont.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.size() != 1 || vm.whyNotContinuable(selected.get(0)) != null, selected, vm.runningProperty(), vm.runs(),
                vm.verificationProperty()));
        cont.setOnAction(e -> vm.continueRun(runList.getSelectionModel().getSelectedItem()));
        cont.setTooltip(Ui.tooltip("Continue a stopped run from its last checkpoint (weights and optimizer state) with its own settings, "
                + "on the open dataset, up to its planned epochs."));
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refreshRuns());

        MenuItem reveal = new MenuItem("Open run folder");
        reveal.setOnAction(e -> {
            RunRecord r = runList.getSelectionModel().getSelectedItem();
            if (r != null) status.accept(opener.reveal(r.dir()));
        });
        MenuItem copy = new MenuItem("Copy folder path");
        copy.setOnAction(e -> {
            RunRecord r = runList.getSelectionModel().getSelectedItem();
            if (r != null) {
                Opener.copyPath(r.dir());
                status.accept("Copied " + r.dir());
            }
        });
        runList.setContextMenu(new ContextMenu(reveal, copy));

        HBox buttons1 = Ui.row(6, show, compare, live);
        HBox buttons2 = Ui.row(6, use, cont, Ui.spacer(), refresh);
        VBox box = new VBox(8, Ui.sectionTitle("Runs"),
                Ui.hint("Double-click a run to show its curves; select two and Overlay to compare them."),
                runList, buttons1, buttons2);
        VBox.setVgrow(runList, Priority.ALWAYS);
        box.getStyleClass().add("wb-pane");
        box.setMinWidth(250);
        return box;
    }

    private final class RunCell extends ListCell<RunRecord> {
        private final Label title = Ui.styled(new Label(), "wb-run-name");
        private final Label live = Ui.styled(new Label("● training now"), "wb-run-live");
        private final Label summary = Ui.hint("");
        private final VBox box = new VBox(2, title, live, summary);

        RunCell() {
            summary.maxWidthProperty().bind(runList.widthProperty().subtract(40));
            live.managedProperty().bind(live.visibleProperty());
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }

        @Override protected void updateItem(RunRecord r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            title.setText(r.title());
            boolean isLive = vm.runningProperty().get() && r.dir().equals(vm.liveRunDirProperty().get());
            live.setVisible(isLive);
            summary.setText(isLive ? r.name() : r.summary());
            setTooltip(Ui.tooltip(r.dir() + (r.statusMessage() == null ? "" : "\n" + r.statusMessage())));
            setGraphic(box);
        }
    }

    // ---- export ----

    /**
     * Renders the charts that have data into images: a fresh copy of the charts, fed from the same state, in an
     * off-screen scene of a fixed size with this screen's stylesheets. That works whether or not the Train screen
     * is showing and gives every export the same size. FX thread only.
     */
    Map<String, WritableImage> snapshotCharts(double width, double height) {
        TrainCharts copy = new TrainCharts();
        copy.render(vm.snapshotProperty().get(), vm.shownRunProperty().get(), vm.comparedRunProperty().get());
        Map<String, WritableImage> out = new LinkedHashMap<>();
        for (Map.Entry<String, LineChart<Number, Number>> e : copy.charts().entrySet()) {
            LineChart<Number, Number> chart = e.getValue();
            if (!TrainCharts.hasData(chart)) continue;
            StackPane holder = new StackPane(chart);
            holder.setPadding(new Insets(12));
            holder.getStyleClass().add("wb-screen");
            Scene scene = new Scene(holder, width, height);
            Scene live = root.getScene();
            if (live != null) {
                scene.getStylesheets().setAll(live.getStylesheets());
                Parent liveRoot = live.getRoot();
                if (liveRoot != null) holder.getStyleClass().addAll(liveRoot.getStyleClass().filtered(c -> !c.equals("root")));
            }
            holder.getStylesheets().add(Ui.STYLESHEET);
            holder.applyCss();
            holder.layout();
            SnapshotParameters params = new SnapshotParameters();
            out.put(e.getKey(), holder.snapshot(params, null));
        }
        return out;
    }
}
