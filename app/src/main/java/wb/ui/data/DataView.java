package wb.ui.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.Window;

import org.controlsfx.control.GridView;

import wb.dataset.Split;
import wb.ui.DatasetOpener;
import wb.ui.FxImages;
import wb.ui.Icons;
import wb.ui.Jobs;
import wb.ui.data.DataViewModel.ClassNode;
import wb.ui.data.DataViewModel.DatasetTree;
import wb.ui.data.DataViewModel.Filter;
import wb.ui.data.DataViewModel.GridEntry;
import wb.ui.data.DataViewModel.Preview;
import wb.ui.data.DataViewModel.ProblemRow;
import wb.ui.data.DataViewModel.Severity;
import wb.ui.data.DataViewModel.SplitNode;
import wb.ui.data.DataViewModel.SummaryRow;
import wb.ui.support.AxisRange;

/**
 * The Data screen's nodes: a header with the dataset actions, the split/class tree, and tabs for the
 * overview (summary and charts), the thumbnail grid with a preview, and the problem files. Binds to
 * {@link DataViewModel} and forwards user actions to it, to the dataset opener and to the job runner.
 */
final class DataView {

    /** A node of the split/class tree: what it shows and which images selecting it filters to. */
    record TreeEntry(String name, int count, int usable, Filter filter) { }

    /** The preview image's largest side on screen. */
    private static final int PREVIEW_SIZE = 320;

    private final DataViewModel vm;
    private final Window owner;
    private final DatasetOpener opener;
    private final Jobs jobs;
    private final Consumer<Path> reveal;
    private final javafx.beans.property.StringProperty status;
    private final ThumbnailLoader thumbnails;

    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final Tab overviewTab = new Tab("Overview");
    private final Tab imagesTab = new Tab("Images");
    private final Tab problemsTab = new Tab("Problems");
    private final TreeView<TreeEntry> tree = new TreeView<>();
    private final GridView<GridEntry> grid = new GridView<>();
    private boolean updatingTree;

    DataView(DataViewModel vm, Window owner, DatasetOpener opener, Jobs jobs, Consumer<Path> reveal, Executor background,
             javafx.beans.property.StringProperty status) {
        this.vm = vm;
        this.status = status;
        this.owner = owner;
        this.opener = opener;
        this.jobs = jobs;
        this.reveal = reveal;
        this.thumbnails = new ThumbnailLoader(background);

        root.getStyleClass().addAll("screen", "data-screen");
        root.setTop(header());
        StackPane center = new StackPane();
        Node empty = emptyState();
        Node loading = loadingState();
        Node content = content();
        center.getChildren().addAll(empty, loading, content);
        Runnable states = () -> {
            boolean has = vm.datasetProperty().get() != null;
            content.setVisible(has);
            loading.setVisible(!has && opener.openingProperty().get() != null);
            empty.setVisible(!has && opener.openingProperty().get() == null);
        };
        vm.datasetProperty().addListener(o -> states.run());
        opener.openingProperty().addListener(o -> states.run());
        states.run();
        root.setCenter(center);

        vm.datasetProperty().addListener((o, old, now) -> {
            thumbnails.clear();
            if (now != null && old == null) tabs.getSelectionModel().select(overviewTab);
        });
    }

    Node root() {
        return root;
    }

    /** Shows the summary and charts tab. */
    void showOverview() {
        tabs.getSelectionModel().select(overviewTab);
    }

    /** Shows the table of unusable and skipped files. */
    void showProblems() {
        tabs.getSelectionModel().select(problemsTab);
    }

    /** Shows the thumbnail grid tab (the screenshot tour and tests use it). */
    void showImages() {
        tabs.getSelectionModel().select(imagesTab);
    }

    // ---- header ------------------------------------------------------------------------------------

    private Node header() {
        Label title = new Label();
        title.getStyleClass().add("screen-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.datasetProperty().get() == null ? "Data" : vm.titleProperty().get(),
                vm.datasetProperty(), vm.titleProperty()));
        Label subtitle = new Label();
        subtitle.getStyleClass().add("screen-subtitle");
        subtitle.textProperty().bind(Bindings.createStringBinding(() -> vm.datasetProperty().get() == null
                ? "Open a folder of images to inspect, clean up and split it" : vm.locationProperty().get(), vm.datasetProperty(), vm.locationProperty()));
        VBox titles = new VBox(2, title, subtitle);
        HBox.setHgrow(titles, Priority.ALWAYS);
        titles.setMinWidth(0);

        Button open = button("Open…", Icons.FOLDER, "Open a dataset folder (" + shortcut("O") + ")");
        open.setOnAction(e -> opener.chooseAndOpen(owner));
        Button reload = button(null, Icons.REFRESH, "Scan and check the dataset again (F5)");
        reload.setOnAction(e -> opener.reload());
        reload.disableProperty().bind(vm.datasetProperty().isNull());
        Button split = button("Split…", Icons.SPLIT, "Split a folder of class folders into train/ and valid/ (stratified, seeded)");
        split.setOnAction(e -> split());
        split.disableProperty().bind(vm.canSplitProperty().not());
        Button sample = button("Sample…", Icons.FILTER, "Make a small stratified sample set for quick experiments");
        sample.setOnAction(e -> sample());
        sample.disableProperty().bind(vm.canSampleProperty().not());
        MenuButton importer = importMenu();

        HBox actions = new HBox(8, open, reload, new Region(), split, sample, importer);
        actions.setAlignment(Pos.CENTER_RIGHT);
        HBox header = new HBox(16, titles, actions);
        header.getStyleClass().add("screen-header");
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private MenuButton importMenu() {
        MenuItem idx = new MenuItem("MNIST / Fashion-MNIST (IDX files)…");
        idx.setOnAction(e -> importIdx());
        MenuItem cifar = new MenuItem("CIFAR-10 (binary batches)…");
        cifar.setOnAction(e -> importCifar());
        MenuButton b = new MenuButton("Import", Icons.DOWNLOAD.node(14), idx, cifar);
        b.setTooltip(new Tooltip("Convert a packed dataset into a folder of PNG images"));
        b.getStyleClass().add("action-button");
        return b;
    }

    private static Button button(String text, Icons icon, String tip) {
        Button b = new Button(text, icon.node(14));
        b.getStyleClass().add("action-button");
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private static String shortcut(String key) {
        return javafx.scene.input.KeyCombination.keyCombination("Shortcut+" + key).getDisplayText();
    }

    // ---- empty and loading states ------------------------------------------------------------------

    private Node emptyState() {
        StackPane art = new StackPane(Icons.PHOTOS.node(44));
        art.getStyleClass().add("empty-art");
        Label head = new Label("Open a dataset to get started");
        head.getStyleClass().add("empty-title");
        Label text = new Label("Choose a folder with one sub-folder per class, a fast.ai train/ valid/ layout or Kaggle-style "
                + "cat.1.jpg files. You can also drop a folder anywhere on this window.");
        text.setWrapText(true);
        text.setMaxWidth(520);
        text.getStyleClass().add("empty-text");
        Button open = new Button("Open dataset…", Icons.FOLDER.node(14));
        open.getStyleClass().add("accent");
        open.setOnAction(e -> opener.chooseAndOpen(owner));
        MenuButton importer = importMenu();
        importer.setText("Import…");
        HBox buttons = new HBox(10, open, importer);
        buttons.setAlignment(Pos.CENTER);

        VBox recentBox = new VBox(4);
        recentBox.setAlignment(Pos.CENTER);
        recentBox.getStyleClass().add("recent-box");
        Runnable fillRecent = () -> {
            recentBox.getChildren().clear();
            List<Path> recent = opener.recentDatasets();
            if (recent.isEmpty()) return;
            Label caption = new Label("RECENT");
            caption.getStyleClass().add("sidebar-section");
            recentBox.getChildren().add(caption);
            for (Path p : recent) {
                Hyperlink link = new Hyperlink(p.getFileName() + "  —  " + wb.ui.MainWindow.abbreviate(p.getParent()));
                link.setOnAction(e -> opener.open(p));
                recentBox.getChildren().add(link);
            }
        };
        fillRecent.run();
        VBox box = new VBox(14, art, head, text, buttons, recentBox);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("empty-state");
        box.visibleProperty().addListener((o, was, is) -> {
            if (is) fillRecent.run();
        });
        return box;
    }

    private Node loadingState() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(56, 56);
        Label head = new Label();
        head.getStyleClass().add("empty-title");
        head.textProperty().bind(Bindings.createStringBinding(() -> "Opening " + (opener.openingProperty().get() == null ? ""
                : opener.openingProperty().get().getFileName()) + "…", opener.openingProperty()));
        Label message = new Label();
        message.getStyleClass().add("empty-text");
        message.textProperty().bind(opener.worker().messageProperty());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> opener.cancel());
        VBox box = new VBox(14, spinner, head, message, cancel);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("empty-state");
        return box;
    }

    // ---- content -----------------------------------------------------------------------------------

    private Node content() {
        Label browse = new Label("BROWSE");
        browse.getStyleClass().add("sidebar-section");
        tree.setShowRoot(true);
        tree.getStyleClass().add("dataset-tree");
        tree.setCellFactory(t -> new EntryCell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        VBox left = new VBox(6, browse, tree);
        left.getStyleClass().add("tree-pane");
        left.setMinWidth(200);

        vm.treeProperty().addListener((o, old, now) -> rebuildTree(now));
        rebuildTree(vm.treeProperty().get());
        tree.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (updatingTree || now == null) return;
            vm.filterProperty().set(now.getValue().filter());
            tabs.getSelectionModel().select(imagesTab);
        });
        vm.filterProperty().addListener((o, old, now) -> selectTreeFor(now));

        overviewTab.setContent(overview());
        imagesTab.setContent(images());
        problemsTab.setContent(problems());
        problemsTab.textProperty().bind(Bindings.createStringBinding(
                () -> vm.problems().isEmpty() ? "Problems" : "Problems (" + DataViewModel.count(vm.problems().size()) + ")", vm.problems()));
        for (Tab t : List.of(overviewTab, imagesTab, problemsTab)) t.setClosable(false);
        overviewTab.setGraphic(Icons.INFO.node(13));
        imagesTab.setGraphic(Icons.GRID.node(13));
        problemsTab.setGraphic(Icons.WARNING.node(13));
        tabs.getTabs().setAll(overviewTab, imagesTab, problemsTab);
        tabs.getStyleClass().add("data-tabs");

        SplitPane split = new SplitPane(left, tabs);
        split.setDividerPositions(0.2);
        SplitPane.setResizableWithParent(left, false);
        split.getStyleClass().add("data-split");
        return split;
    }

    private void rebuildTree(DatasetTree t) {
        updatingTree = true;
        try {
            if (t == null) {
                tree.setRoot(null);
                return;
            }
            TreeItem<TreeEntry> rootItem = new TreeItem<>(new TreeEntry("All images", t.total(), -1, Filter.ALL));
            for (SplitNode s : t.splits()) {
                int usable = s.classes().stream().allMatch(c -> c.usable() >= 0) && s.unlabelled() == 0
                        ? s.classes().stream().mapToInt(ClassNode::usable).sum() : -1;
                TreeItem<TreeEntry> splitItem = new TreeItem<>(new TreeEntry(DataViewModel.splitName(s.split()), s.count(), usable, Filter.split(s.split())));
                for (ClassNode c : s.classes()) {
                    splitItem.getChildren().add(new TreeItem<>(new TreeEntry(c.name(), c.count(), c.usable(), Filter.label(s.split(), c.name()))));
                }
                if (s.unlabelled() > 0 && !s.classes().isEmpty()) {
                    splitItem.getChildren().add(new TreeItem<>(new TreeEntry("(unlabelled)", s.unlabelled(), -1, Filter.unlabelled(s.split()))));
                }
                splitItem.setExpanded(s.split() == Split.TRAIN || t.splits().size() == 1);
                rootItem.getChildren().add(splitItem);
            }
            rootItem.setExpanded(true);
            tree.setRoot(rootItem);
            selectTreeFor(vm.filterProperty().get());
        } finally {
            updatingTree = false;
        }
    }

    private void selectTreeFor(Filter f) {
        TreeItem<TreeEntry> match = find(tree.getRoot(), f);
        if (match == null || tree.getSelectionModel().getSelectedItem() == match) return;
        boolean was = updatingTree;
        updatingTree = true;
        try {
            if (match.getParent() != null) match.getParent().setExpanded(true);
            tree.getSelectionModel().select(match);
        } finally {
            updatingTree = was;
        }
    }

    private static TreeItem<TreeEntry> find(TreeItem<TreeEntry> item, Filter f) {
        if (item == null) return null;
        if (item.getValue().filter().equals(f)) return item;
        for (TreeItem<TreeEntry> c : item.getChildren()) {
            TreeItem<TreeEntry> m = find(c, f);
            if (m != null) return m;
        }
        return null;
    }

    /** A tree row: the name and a count badge; a class with unusable images says so. */
    private static final class EntryCell extends TreeCell<TreeEntry> {
        private final Label name = new Label();
        private final Label count = new Label();
        private final HBox box;

        EntryCell() {
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            count.getStyleClass().add("count-badge");
            // Neither shrinks: a very long class name scrolls the tree sideways instead of hiding its count.
            count.setMinWidth(Region.USE_PREF_SIZE);
            name.setMinWidth(Region.USE_PREF_SIZE);
            box = new HBox(6, name, grow, count);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override protected void updateItem(TreeEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                setTooltip(null);
                return;
            }
            name.setText(item.name());
            count.setText(DataViewModel.count(item.count()));
            boolean lossy = item.usable() >= 0 && item.usable() < item.count();
            count.getStyleClass().remove("warn");
            if (lossy) count.getStyleClass().add("warn");
            setTooltip(lossy ? new Tooltip(DataViewModel.count(item.usable()) + " of " + DataViewModel.count(item.count()) + " images are usable") : null);
            setText(null);
            setGraphic(box);
        }
    }

    // ---- overview ----------------------------------------------------------------------------------

    private Node overview() {
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(opener.worker().progressProperty());
        bar.setPrefWidth(220);
        Label checking = new Label();
        checking.textProperty().bind(Bindings.createStringBinding(() -> {
            String m = opener.worker().getMessage();
            return m == null || m.isBlank() ? "Checking images…" : m;
        }, opener.worker().messageProperty()));
        Button cancel = new Button("Stop");
        cancel.setOnAction(e -> opener.cancel());
        HBox banner = new HBox(12, Icons.INFO.node(16), checking, new Region(), bar, cancel);
        HBox.setHgrow(banner.getChildren().get(2), Priority.ALWAYS);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("banner");
        banner.visibleProperty().bind(vm.verifyingProperty());
        banner.managedProperty().bind(banner.visibleProperty());

        Label notTrainable = new Label();
        notTrainable.setWrapText(true);
        notTrainable.textProperty().bind(Bindings.createStringBinding(() -> "Not ready for training: " + vm.trainableReasonProperty().get(),
                vm.trainableReasonProperty()));
        HBox blocked = new HBox(12, Icons.ERROR.node(16), notTrainable);
        blocked.setAlignment(Pos.CENTER_LEFT);
        blocked.getStyleClass().addAll("banner", "banner-error");
        blocked.visibleProperty().bind(vm.trainableProperty().not().and(vm.datasetProperty().isNotNull()).and(vm.verifyingProperty().not()));
        blocked.managedProperty().bind(blocked.visibleProperty());

        GridPane summary = new GridPane();
        summary.getStyleClass().add("summary-grid");
        summary.setHgap(12);
        summary.setVgap(9);
        ColumnConstraints iconCol = new ColumnConstraints(18);
        ColumnConstraints labelCol = new ColumnConstraints();
        labelCol.setMinWidth(110);
        ColumnConstraints valueCol = new ColumnConstraints();
        valueCol.setHgrow(Priority.ALWAYS);
        summary.getColumnConstraints().addAll(iconCol, labelCol, valueCol);
        Runnable fill = () -> {
            summary.getChildren().clear();
            int row = 0;
            for (SummaryRow r : vm.summary()) {
                Node icon = severityIcon(r.severity());
                Label label = new Label(r.label());
                label.getStyleClass().add("summary-label");
                Label value = new Label(r.value());
                value.setWrapText(true);
                value.getStyleClass().addAll("summary-value", "severity-" + r.severity().name().toLowerCase(Locale.ROOT));
                summary.addRow(row++, icon, label, value);
                GridPane.setValignment(icon, javafx.geometry.VPos.TOP);
                GridPane.setValignment(label, javafx.geometry.VPos.TOP);
            }
        };
        vm.summary().addListener((ListChangeListener<SummaryRow>) c -> fill.run());
        fill.run();
        VBox summaryCard = card("Summary", summary);

        CategoryAxis classAxis = new CategoryAxis();
        NumberAxis classCount = new NumberAxis();
        classCount.setLabel("images");
        classCount.setMinorTickVisible(false);
        BarChart<String, Number> balance = new BarChart<>(classAxis, classCount);
        balance.setAnimated(false);
        balance.setLegendSide(Side.TOP);
        balance.setCategoryGap(10);
        balance.setBarGap(1);
        balance.getStyleClass().add("balance-chart");
        balance.setMinHeight(240);
        balance.setPrefHeight(300);
        vm.classBalanceProperty().addListener((o, old, now) -> fillBalance(balance, classAxis, now));
        fillBalance(balance, classAxis, vm.classBalanceProperty().get());

        CategoryAxis sizeAxis = new CategoryAxis();
        NumberAxis sizeCount = new NumberAxis();
        sizeCount.setMinorTickVisible(false);
        BarChart<String, Number> sizes = new BarChart<>(sizeAxis, sizeCount);
        sizes.setAnimated(false);
        sizes.setLegendVisible(false);
        sizes.setCategoryGap(14);
        sizes.getStyleClass().add("size-chart");
        sizes.setMinHeight(240);
        sizes.setPrefHeight(300);
        vm.sizeHistogramProperty().addListener((o, old, now) -> fillSizes(sizes, sizeAxis, now));
        fillSizes(sizes, sizeAxis, vm.sizeHistogramProperty().get());
        Label sizesPending = new Label("Image sizes appear once every image has been checked.");
        sizesPending.getStyleClass().add("muted");
        sizesPending.setWrapText(true);
        sizesPending.setMaxWidth(240);
        sizesPending.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.sizeHistogramProperty().get().isEmpty(), vm.sizeHistogramProperty()));
        sizes.visibleProperty().bind(sizesPending.visibleProperty().not());
        StackPane sizesBox = new StackPane(sizes, sizesPending);

        VBox balanceCard = card("Class balance", balance);
        VBox sizesCard = card("Image sizes", sizesBox);
        HBox.setHgrow(balanceCard, Priority.ALWAYS);
        sizesCard.setPrefWidth(380);
        sizesCard.setMinWidth(280);
        HBox charts = new HBox(16, balanceCard, sizesCard);

        VBox page = new VBox(16, banner, blocked, summaryCard, charts);
        page.getStyleClass().add("page");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }

    private static Node severityIcon(Severity s) {
        Icons icon = switch (s) {
            case OK -> Icons.OK;
            case WARNING -> Icons.WARNING;
            case ERROR -> Icons.ERROR;
            case INFO -> null;
        };
        if (icon == null) return new Region(); // plain facts carry no badge, so the flagged ones stand out
        Region r = icon.node(15);
        r.getStyleClass().add("severity-" + s.name().toLowerCase(Locale.ROOT));
        return r;
    }

    static VBox card(String title, Node body) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        VBox card = new VBox(10, t, body);
        card.getStyleClass().add("card");
        VBox.setVgrow(body, Priority.ALWAYS);
        return card;
    }

    private static void fillBalance(BarChart<String, Number> chart, CategoryAxis axis, Map<Split, Map<String, Integer>> balance) {
        List<XYChart.Series<String, Number>> series = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        balance.forEach((split, counts) -> {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(DataViewModel.splitName(split));
            counts.forEach((c, n) -> {
                s.getData().add(new XYChart.Data<>(c, n));
                if (!categories.contains(c)) categories.add(c);
            });
            series.add(s);
        });
        chart.getData().clear();
        axis.getCategories().setAll(categories);
        axis.setTickLabelRotation(categories.size() > 8 ? -35 : 0);
        AxisRange.counts(balance.values().stream().flatMap(m -> m.values().stream()).mapToLong(Integer::longValue).max().orElse(0), 6)
                .applyTo((NumberAxis) chart.getYAxis());
        chart.getData().setAll(series);
        installTooltips(chart);
    }

    private static void fillSizes(BarChart<String, Number> chart, CategoryAxis axis, SortedMap<String, Integer> histogram) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        s.setName("images");
        List<String> categories = new ArrayList<>();
        histogram.forEach((size, n) -> {
            String label = size.replace("longest side ", "").replace('x', '×');
            categories.add(label);
            s.getData().add(new XYChart.Data<>(label, n));
        });
        chart.getData().clear();
        axis.getCategories().setAll(categories);
        axis.setTickLabelRotation(categories.size() > 6 ? -35 : 0);
        // One or two sizes (a uniform dataset) would otherwise be drawn as a slab across the whole chart.
        chart.setCategoryGap(categories.size() <= 2 ? 140.0 / categories.size() + 40 : 14);
        AxisRange.counts(histogram.values().stream().mapToLong(Integer::longValue).max().orElse(0), 6).applyTo((NumberAxis) chart.getYAxis());
        if (!categories.isEmpty()) chart.getData().add(s);
        installTooltips(chart);
    }

    private static void installTooltips(BarChart<String, Number> chart) {
        for (XYChart.Series<String, Number> s : chart.getData()) {
            for (XYChart.Data<String, Number> d : s.getData()) {
                if (d.getNode() != null) {
                    Tooltip.install(d.getNode(), new Tooltip(s.getName() + " · " + d.getXValue() + ": " + DataViewModel.count(d.getYValue().longValue())));
                }
            }
        }
    }

    // ---- images ------------------------------------------------------------------------------------

    private Node images() {
        Label caption = new Label();
        caption.textProperty().bind(vm.filterCaptionProperty());
        caption.getStyleClass().add("grid-caption");
        Hyperlink all = new Hyperlink("Show all");
        all.visibleProperty().bind(Bindings.createBooleanBinding(() -> !Filter.ALL.equals(vm.filterProperty().get()), vm.filterProperty()));
        all.setOnAction(e -> vm.filterProperty().set(Filter.ALL));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label hint = new Label("Click an image to inspect it");
        hint.getStyleClass().add("muted");
        HBox bar = new HBox(10, caption, all, grow, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("grid-bar");

        grid.setItems(vm.visibleEntries());
        grid.setCellWidth(ThumbnailLoader.SIZE + 8);
        grid.setCellHeight(ThumbnailLoader.SIZE + 8);
        grid.setHorizontalCellSpacing(4);
        grid.setVerticalCellSpacing(4);
        grid.setCellFactory(g -> new ThumbnailCell(thumbnails, vm));
        grid.getStyleClass().add("thumb-grid");
        Label none = new Label("No images here");
        none.getStyleClass().add("muted");
        none.visibleProperty().bind(Bindings.isEmpty(vm.visibleEntries()));
        none.setMouseTransparent(true);
        StackPane gridBox = new StackPane(grid, none);

        BorderPane left = new BorderPane(gridBox);
        left.setTop(bar);
        SplitPane split = new SplitPane(left, previewPane());
        split.setDividerPositions(0.72);
        split.getStyleClass().add("images-split");
        return split;
    }

    private Node previewPane() {
        ImageView image = new ImageView();
        image.setPreserveRatio(true);
        StackPane frame = new StackPane(image);
        frame.getStyleClass().add("preview-frame");
        frame.setMinHeight(200);
        // The image fills the pane's width (up to its own size) instead of overflowing a narrow pane.
        frame.widthProperty().addListener((o, old, w) -> {
            double side = Math.max(120, Math.min(PREVIEW_SIZE, w.doubleValue() - 16));
            image.setFitWidth(side);
            image.setFitHeight(side);
        });
        Label error = new Label();
        error.setWrapText(true);
        error.getStyleClass().add("severity-error");
        error.setGraphic(Icons.ERROR.node(16));
        Label name = new Label();
        name.getStyleClass().add("preview-title");
        name.setWrapText(true);

        GridPane facts = new GridPane();
        facts.getStyleClass().add("facts");
        facts.setHgap(12);
        facts.setVgap(6);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(74);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        facts.getColumnConstraints().addAll(c0, c1);

        Button openFile = new Button("Open", Icons.OPEN_EXTERNAL.node(13));
        openFile.setTooltip(new Tooltip("Open the file with the desktop's image viewer"));
        Button showFolder = new Button("Show in folder", Icons.FOLDER.node(13));
        HBox buttons = new HBox(8, openFile, showFolder);

        Label noSelectionHint = new Label("Select an image to see it larger, with its details.");
        noSelectionHint.setWrapText(true);
        noSelectionHint.getStyleClass().add("muted");

        VBox details = new VBox(12, frame, error, name, facts, buttons);
        VBox pane = new VBox(details, noSelectionHint);
        pane.getStyleClass().add("preview-pane");
        pane.setMinWidth(240);
        pane.setPrefWidth(340);

        Runnable update = () -> {
            GridEntry sel = vm.selectedProperty().get();
            Preview p = vm.previewProperty().get();
            details.setVisible(sel != null);
            details.setManaged(sel != null);
            noSelectionHint.setVisible(sel == null);
            noSelectionHint.setManaged(sel == null);
            if (sel == null) return;
            name.setText(sel.path().getFileName().toString());
            boolean current = p != null && p.entry().equals(sel);
            image.setImage(current && p.ok() ? FxImages.toCrispImage(p.raster(), PREVIEW_SIZE) : null);
            error.setVisible(current && !p.ok());
            error.setManaged(current && !p.ok());
            if (current && !p.ok()) error.setText(p.error());
            facts.getChildren().clear();
            int row = 0;
            facts.addRow(row++, fact("Label"), value(sel.label() == null ? "unlabelled" : sel.label()));
            facts.addRow(row++, fact("Split"), value(DataViewModel.splitName(sel.split())));
            if (current && p.ok()) {
                facts.addRow(row++, fact("Size"), value(p.info().width() + " × " + p.info().height() + " px"));
                facts.addRow(row++, fact("Format"), value(p.info().format() + ", " + (p.info().channels() == 1 ? "greyscale" : "colour")));
                facts.addRow(row++, fact("File size"), value(bytes(p.info().fileBytes())));
            }
            Label path = new Label(relative(sel.path()));
            path.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
            path.setMinWidth(0);
            path.setTooltip(new Tooltip(sel.path().toString()));
            path.getStyleClass().add("path-text");
            facts.addRow(row, fact("Path"), path);
            openFile.setOnAction(e -> reveal.accept(sel.path()));
            showFolder.setOnAction(e -> reveal.accept(sel.path().getParent()));
        };
        vm.selectedProperty().addListener(o -> update.run());
        vm.previewProperty().addListener(o -> update.run());
        update.run();
        ScrollPane scroll = new ScrollPane(pane);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }

    private static Label fact(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("muted");
        return l;
    }

    private static Label value(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        return l;
    }

    static String bytes(long n) {
        if (n < 1024) return n + " bytes";
        if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }

    // ---- problems ----------------------------------------------------------------------------------

    private Node problems() {
        TableView<ProblemRow> table = new TableView<>(vm.problems());
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        TableColumn<ProblemRow, String> kind = new TableColumn<>("Kind");
        kind.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().kind()));
        kind.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("kind-unreadable", "kind-skipped", "kind-label-conflict", "kind-leak", "kind-duplicate");
                setText(empty ? null : item);
                if (!empty && item != null) getStyleClass().add("kind-" + item.toLowerCase(Locale.ROOT).replace(' ', '-'));
            }
        });
        kind.setPrefWidth(145);
        TableColumn<ProblemRow, String> file = new TableColumn<>("File");
        file.setCellValueFactory(c -> new ReadOnlyStringWrapper(relative(c.getValue().path())));
        file.setPrefWidth(360);
        TableColumn<ProblemRow, String> reason = new TableColumn<>("Reason");
        reason.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reason()));
        reason.setPrefWidth(460);
        table.getColumns().setAll(List.of(kind, file, reason));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox none = new VBox(8, Icons.OK.node(28), new Label("No problems: every file was usable."));
        none.setAlignment(Pos.CENTER);
        none.getStyleClass().add("table-empty");
        table.setPlaceholder(none);

        MenuItem openItem = new MenuItem("Open file");
        MenuItem folderItem = new MenuItem("Show in folder");
        MenuItem copyItem = new MenuItem("Copy path");
        openItem.setOnAction(e -> selectedProblem(table, p -> reveal.accept(p)));
        folderItem.setOnAction(e -> selectedProblem(table, p -> reveal.accept(p.getParent())));
        copyItem.setOnAction(e -> selectedProblem(table, p -> {
            javafx.scene.input.ClipboardContent cc = new javafx.scene.input.ClipboardContent();
            cc.putString(p.toString());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(cc);
        }));
        table.setRowFactory(t -> {
            TableRow<ProblemRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) reveal.accept(row.getItem().path());
            });
            return row;
        });
        table.setContextMenu(new ContextMenu(openItem, folderItem, copyItem));

        Button open = new Button("Open", Icons.OPEN_EXTERNAL.node(13));
        open.setOnAction(e -> selectedProblem(table, p -> reveal.accept(p)));
        Button folder = new Button("Show in folder", Icons.FOLDER.node(13));
        folder.setOnAction(e -> selectedProblem(table, p -> reveal.accept(p.getParent())));
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        folder.disableProperty().bind(open.disableProperty());
        Label hint = new Label("Unreadable files are left out of training; duplicates are not. Double-click a row to open the file.");
        hint.getStyleClass().add("muted");
        hint.setMinWidth(0); // the hint gives way, the buttons keep their text
        open.setMinWidth(Region.USE_PREF_SIZE);
        folder.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, hint, grow, open, folder);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("grid-bar");
        BorderPane pane = new BorderPane(table);
        pane.setTop(bar);
        pane.getStyleClass().add("problems-pane");
        return pane;
    }

    private String relative(Path p) {
        var d = vm.datasetProperty().get();
        if (d == null) return p.toString();
        Path root = d.root().toAbsolutePath();
        Path abs = p.toAbsolutePath();
        return abs.startsWith(root) ? root.relativize(abs).toString() : p.toString();
    }

    private static void selectedProblem(TableView<ProblemRow> table, Consumer<Path> action) {
        ProblemRow r = table.getSelectionModel().getSelectedItem();
        if (r != null) action.accept(r.path());
    }

    // ---- actions -----------------------------------------------------------------------------------

    private void split() {
        DataDialogs.split(owner, vm).ifPresent(req -> jobs.submit("Splitting " + vm.titleProperty().get(), vm.splitWork(req), layout ->
                offerOpen(layout.dir(), "Split written", "Wrote " + counts(layout.counts()) + " to " + layout.dir()
                        + " (files " + linkText(layout.mode()) + ").")));
    }

    private void sample() {
        DataDialogs.sample(owner, vm).ifPresent(req -> jobs.submit("Making a sample of " + vm.titleProperty().get(), vm.sampleWork(req), layout ->
                offerOpen(layout.dir(), "Sample written", "Wrote " + counts(layout.counts()) + " to " + layout.dir()
                        + " (files " + linkText(layout.mode()) + ").")));
    }

    private void importIdx() {
        DataDialogs.importIdx(owner).ifPresent(req -> jobs.submit("Importing IDX files", DataViewModel.idxWork(req), result ->
                offerOpen(result.out(), "Import finished", "Wrote " + counts(result.counts()) + " in " + result.classes().size()
                        + " classes to " + result.out() + ".")));
    }

    private void importCifar() {
        DataDialogs.importCifar(owner).ifPresent(req -> jobs.submit("Importing CIFAR-10", DataViewModel.cifarWork(req), result ->
                offerOpen(result.out(), "Import finished", "Wrote " + counts(result.counts()) + " in " + result.classes().size()
                        + " classes to " + result.out() + ".")));
    }

    private void offerOpen(Path folder, String header, String body) {
        jobsStatus(header + ": " + folder);
        if (wb.ui.Dialogs.confirmOpen(owner, header, body + "\n\nOpen it now?")) opener.open(folder);
    }

    private void jobsStatus(String text) {
        status.set(text);
    }

    private static String counts(Map<Split, Integer> counts) {
        List<String> parts = new ArrayList<>();
        int total = 0;
        for (var e : counts.entrySet()) {
            parts.add(DataViewModel.count(e.getValue()) + " " + DataViewModel.splitName(e.getKey()).toLowerCase(Locale.ROOT));
            total += e.getValue();
        }
        return DataViewModel.count(total) + " images (" + String.join(", ", parts) + ")";
    }

    private static String linkText(wb.dataset.LinkMode mode) {
        return switch (mode) {
            case SYMLINK -> "linked to the originals";
            case HARDLINK -> "hard-linked to the originals";
            case COPY -> "copied";
        };
    }
}
