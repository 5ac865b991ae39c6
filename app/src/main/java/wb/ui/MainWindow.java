package wb.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

import wb.dataset.Dataset;
import wb.train.ComputeInfo;

/**
 * The workbench window: a menu bar, a sidebar with the workflow steps in the order given, the selected
 * step's screen, and a status bar with the status line, the running operation (progress and cancel)
 * and the compute backend. Folders dropped on the window are opened as datasets.
 */
public final class MainWindow {

    /** A keyboard shortcut and what it does, listed in Help > Keyboard shortcuts. */
    public record Shortcut(KeyCombination keys, String action) { }

    private static final double DEFAULT_WIDTH = 1320;
    private static final double DEFAULT_HEIGHT = 860;

    private final Stage stage;
    private final AppState state;
    private final List<wb.ui.Screen> screens;
    private final DatasetOpener opener;
    private final Jobs jobs;
    private final UiPreferences prefs;

    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(this, "selected", -1);
    private final ToggleGroup navGroup = new ToggleGroup();
    private final List<ToggleButton> navButtons = new ArrayList<>();
    private final List<Shortcut> shortcuts = new ArrayList<>();
    private final StackPane content = new StackPane();
    private final StackPane dropOverlay = new StackPane();
    private final Label computeLabel = new Label("Detecting compute backend…");
    private final Scene scene;
    private final ToggleGroup themeGroup = new ToggleGroup();
    private Theme theme;
    private ComputeInfo compute;
    private UiPreferences.WindowBounds normalBounds;

    public MainWindow(Stage stage, AppState state, List<wb.ui.Screen> screens, DatasetOpener opener, Jobs jobs, UiPreferences prefs) {
        if (screens.isEmpty()) throw new IllegalArgumentException("the main window needs at least one screen");
        this.stage = stage;
        this.state = state;
        this.screens = List.copyOf(screens);
        this.opener = opener;
        this.jobs = jobs;
        this.prefs = prefs;

        BorderPane frame = new BorderPane();
        frame.getStyleClass().add("main-frame");
        frame.setTop(menuBar());
        frame.setLeft(sidebar());
        content.getStyleClass().add("content");
        frame.setCenter(content);
        frame.setBottom(statusBar());

        dropOverlay.getStyleClass().add("drop-overlay");
        Label dropText = new Label("Drop the folder to open it as a dataset", Icons.FOLDER.node(36));
        dropText.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
        dropText.getStyleClass().add("drop-text");
        dropOverlay.getChildren().add(dropText);
        dropOverlay.setVisible(false);
        dropOverlay.setMouseTransparent(true);

        StackPane root = new StackPane(frame, dropOverlay);
        scene = new Scene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        installDragAndDrop();
        setTheme(prefs.theme());

        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            Path ds = state.datasetRootProperty().get();
            return ds == null ? "Image Workbench" : DatasetOpener.name(ds) + " — Image Workbench";
        }, state.datasetRootProperty()));
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(620);
        var icon = MainWindow.class.getResource("/wb/ui/icon.png");
        if (icon != null) stage.getIcons().add(new Image(icon.toExternalForm()));
        jobs.setErrorHandler((what, e) -> Dialogs.error(stage, what, e));
        stage.setOnCloseRequest(e -> saveWindow());

        ComputeInfo.current().thenAccept(info -> Platform.runLater(() -> showCompute(info)));
        select(0);
    }

    /** Restores the saved size and position (when still on a screen), then shows the window. */
    public void show() {
        UiPreferences.WindowBounds saved = prefs.window().orElse(null);
        Rectangle2D visual = Screen.getPrimary().getVisualBounds();
        if (saved != null && !Screen.getScreensForRectangle(saved.x(), saved.y(), saved.width(), saved.height()).isEmpty()) {
            stage.setX(saved.x());
            stage.setY(saved.y());
            stage.setWidth(saved.width());
            stage.setHeight(saved.height());
            stage.setMaximized(saved.maximized());
        } else {
            stage.setWidth(Math.min(DEFAULT_WIDTH, visual.getWidth()));
            stage.setHeight(Math.min(DEFAULT_HEIGHT, visual.getHeight()));
            stage.centerOnScreen();
        }
        ChangeTracker tracker = new ChangeTracker();
        stage.xProperty().addListener(tracker);
        stage.yProperty().addListener(tracker);
        stage.widthProperty().addListener(tracker);
        stage.heightProperty().addListener(tracker);
        stage.show();
        tracker.invalidated(null);
    }

    public Scene scene() { return scene; }

    public Stage stage() { return stage; }

    public List<wb.ui.Screen> screens() { return screens; }

    /** Shows the screen at {@code index} (0-based, in sidebar order). */
    public void select(int index) {
        if (index < 0 || index >= screens.size()) return;
        navButtons.get(index).setSelected(true);
        if (selected.get() == index) return;
        selected.set(index);
        Node screenRoot = screens.get(index).root();
        content.getChildren().setAll(screenRoot);
        // Keyboard focus goes to the screen, not to whichever of its buttons comes first.
        Platform.runLater(screenRoot::requestFocus);
    }

    public ReadOnlyIntegerProperty selectedIndexProperty() {
        return selected.getReadOnlyProperty();
    }

    public Theme theme() { return theme; }

    /** Switches the look of the window (and of dialogs opened afterwards) and remembers the choice. */
    public void setTheme(Theme theme) {
        this.theme = theme;
        scene.getStylesheets().setAll(theme.stylesheets());
        for (var t : themeGroup.getToggles()) {
            if (t.getUserData() == theme) t.setSelected(true);
        }
        prefs.setTheme(theme);
    }

    /** Saves the window bounds and closes the application. */
    public void quit() {
        saveWindow();
        opener.cancel();
        Platform.exit();
    }

    private MenuBar menuBar() {
        Menu file = new Menu("_File");
        MenuItem open = item("_Open dataset…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), "Open a dataset folder",
                () -> opener.chooseAndOpen(stage));
        Menu recent = new Menu("Open _recent");
        recent.setOnShowing(e -> fillRecent(recent));
        fillRecent(recent); // a menu with no items would never show
        MenuItem reload = item("Re_load dataset", new KeyCodeCombination(KeyCode.F5), "Scan and check the open dataset again", opener::reload);
        reload.disableProperty().bind(state.datasetRootProperty().isNull());
        MenuItem quit = item("_Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), "Quit", this::quit);
        file.getItems().addAll(open, recent, reload, new SeparatorMenuItem(), quit);

        Menu view = new Menu("_View");
        for (int i = 0; i < screens.size(); i++) {
            int index = i;
            String title = screens.get(i).title();
            KeyCombination keys = i < 9 ? new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(i + 1)), KeyCombination.SHORTCUT_DOWN) : null;
            view.getItems().add(item((i + 1) + "  " + title, keys, "Go to " + title, () -> select(index)));
        }
        view.getItems().add(new SeparatorMenuItem());
        for (Theme t : Theme.values()) {
            RadioMenuItem r = new RadioMenuItem(t.label() + " theme");
            r.setUserData(t);
            r.setToggleGroup(themeGroup);
            r.setOnAction(e -> setTheme(t));
            view.getItems().add(r);
        }

        Menu help = new Menu("_Help");
        MenuItem keys = item("_Keyboard shortcuts", new KeyCodeCombination(KeyCode.F1), "Show keyboard shortcuts", this::showShortcuts);
        MenuItem about = new MenuItem("_About Image Workbench");
        about.setOnAction(e -> showAbout());
        help.getItems().addAll(keys, new SeparatorMenuItem(), about);

        shortcuts.add(new Shortcut(new KeyCodeCombination(KeyCode.ESCAPE), "Cancel the running operation"));
        MenuBar bar = new MenuBar(file, view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private MenuItem item(String text, KeyCombination keys, String action, Runnable run) {
        MenuItem mi = new MenuItem(text);
        if (keys != null) {
            mi.setAccelerator(keys);
            shortcuts.add(new Shortcut(keys, action));
        }
        mi.setOnAction(e -> run.run());
        return mi;
    }

    private void fillRecent(Menu menu) {
        menu.getItems().clear();
        List<Path> recent = opener.recentDatasets();
        for (int i = 0; i < recent.size(); i++) {
            Path p = recent.get(i);
            MenuItem mi = new MenuItem((i + 1) + "  " + DatasetOpener.name(p) + "   —   " + abbreviate(p.getParent()));
            mi.setMnemonicParsing(false);
            mi.setOnAction(e -> opener.open(p));
            menu.getItems().add(mi);
        }
        if (recent.isEmpty()) {
            MenuItem none = new MenuItem("No recent datasets");
            none.setDisable(true);
            menu.getItems().add(none);
        } else {
            MenuItem clear = new MenuItem("Clear recent");
            clear.setOnAction(e -> opener.clearRecent());
            menu.getItems().addAll(new SeparatorMenuItem(), clear);
        }
    }

    /** The path with the home folder written as "~". */
    public static String abbreviate(Path p) {
        if (p == null) return "";
        String home = System.getProperty("user.home");
        String s = p.toString();
        return home != null && !home.isEmpty() && s.startsWith(home) ? "~" + s.substring(home.length()) : s;
    }

    private Node sidebar() {
        VBox side = new VBox();
        side.getStyleClass().add("sidebar");

        Region logo = Icons.GRID.node(18);
        StackPane logoBox = new StackPane(logo);
        logoBox.getStyleClass().add("brand-logo");
        Label name = new Label("Image Workbench");
        name.getStyleClass().add("brand-title");
        HBox brand = new HBox(10, logoBox, name);
        brand.getStyleClass().add("brand");
        brand.setAlignment(Pos.CENTER_LEFT);

        Label section = new Label("WORKFLOW");
        section.getStyleClass().add("sidebar-section");
        side.getChildren().addAll(brand, section);

        for (int i = 0; i < screens.size(); i++) {
            int index = i;
            String title = screens.get(i).title();
            Label number = new Label(String.valueOf(i + 1));
            number.getStyleClass().add("step-number");
            Icons icon = Icons.forStep(title);
            Node graphic = icon == null ? number : icon.node(16);
            Label text = new Label(title);
            text.getStyleClass().add("step-title");
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            Label hint = new Label(i < 9 ? shortcutText(i + 1) : "");
            hint.getStyleClass().add("step-hint");
            HBox row = new HBox(10, graphic, text, grow, hint);
            row.setAlignment(Pos.CENTER_LEFT);
            ToggleButton b = new ToggleButton();
            b.setGraphic(row);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setToggleGroup(navGroup);
            b.getStyleClass().add("nav-button");
            b.setFocusTraversable(false);
            b.setOnAction(e -> {
                if (!b.isSelected()) b.setSelected(true); // a toggle group would let the selected step be unselected
                select(index);
            });
            b.setId("nav-" + title.toLowerCase(Locale.ROOT));
            navButtons.add(b);
            side.getChildren().add(b);
        }

        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        side.getChildren().addAll(spacer, datasetCard());
        return side;
    }

    private static String shortcutText(int digit) {
        return new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(digit)), KeyCombination.SHORTCUT_DOWN).getDisplayText();
    }

    /** The open dataset at a glance, at the bottom of the sidebar. */
    private Node datasetCard() {
        Label caption = new Label("DATASET");
        caption.getStyleClass().add("sidebar-section");
        Label title = new Label();
        title.getStyleClass().add("dataset-card-title");
        Label info = new Label();
        info.getStyleClass().add("dataset-card-info");
        info.setWrapText(true);
        Runnable update = () -> {
            Dataset d = state.dataset();
            Path root = state.datasetRootProperty().get();
            if (d == null) {
                title.setText(opener.openingProperty().get() != null ? "Opening…" : "None open");
                info.setText(opener.openingProperty().get() != null ? DatasetOpener.name(opener.openingProperty().get())
                        : "Press " + new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN).getDisplayText() + " or drop a folder");
                return;
            }
            title.setText(DatasetOpener.name(root));
            String checked = state.verification() != null ? "" : opener.verifyingProperty().get() ? " · checking…" : " · not checked";
            info.setText(DatasetOpener.count(d.size()) + " images · " + d.classes().size() + " classes" + checked);
        };
        state.datasetProperty().addListener(o -> update.run());
        state.verificationProperty().addListener(o -> update.run());
        opener.verifyingProperty().addListener(o -> update.run());
        opener.openingProperty().addListener(o -> update.run());
        update.run();
        VBox card = new VBox(2, caption, title, info);
        card.getStyleClass().add("dataset-card");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(() -> state.datasetRootProperty().get() == null ? "No dataset open"
                : state.datasetRootProperty().get().toString(), state.datasetRootProperty()));
        Tooltip.install(card, tip);
        return card;
    }

    private Node statusBar() {
        Label status = new Label();
        status.textProperty().bind(state.statusProperty());
        status.getStyleClass().add("status-text");
        status.setMinWidth(120);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);

        Label jobText = new Label();
        jobText.getStyleClass().add("job-text");
        jobText.setMaxWidth(460);
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(180);
        bar.getStyleClass().add("job-progress");
        Button cancel = new Button(null, Icons.CLOSE.node(10));
        cancel.getStyleClass().addAll("flat", "job-cancel");
        cancel.setTooltip(new Tooltip("Cancel"));
        cancel.setCancelButton(false);
        HBox job = new HBox(8, jobText, bar, cancel);
        job.setAlignment(Pos.CENTER_RIGHT);
        job.managedProperty().bind(job.visibleProperty());
        job.setVisible(false);
        jobs.currentProperty().addListener((obs, old, now) -> {
            jobText.textProperty().unbind();
            bar.progressProperty().unbind();
            job.setVisible(now != null);
            if (now == null) return;
            jobText.textProperty().bind(Bindings.createStringBinding(() -> {
                String t = now.getTitle();
                String m = now.getMessage();
                if (m == null || m.isBlank()) return t;
                return t == null || t.isBlank() ? m : t + " — " + m;
            }, now.titleProperty(), now.messageProperty()));
            bar.progressProperty().bind(now.progressProperty());
            cancel.setOnAction(e -> now.cancel());
        });
        computeLabel.setGraphic(Icons.CHIP.node(14));
        computeLabel.getStyleClass().add("compute-label");
        HBox barBox = new HBox(14, status, job, computeLabel);
        barBox.getStyleClass().add("status-bar");
        barBox.setAlignment(Pos.CENTER_LEFT);
        return barBox;
    }

    private void showCompute(ComputeInfo info) {
        compute = info;
        computeLabel.setText(info.summary());
        computeLabel.getStyleClass().removeAll("gpu", "cpu", "unavailable");
        computeLabel.getStyleClass().add(info.gpu() ? "gpu" : "unavailable".equals(info.backend()) ? "unavailable" : "cpu");
        if (!info.problem().isEmpty() && info.gpu()) {
            computeLabel.getStyleClass().removeAll("gpu");
            computeLabel.getStyleClass().add("unavailable");
            computeLabel.setText(info.summary() + " · cannot train here");
        }
        computeLabel.setTooltip(new Tooltip("Backend: " + info.backend() + (info.backendClass().isEmpty() ? "" : " (" + info.backendClass() + ")")
                + "\nDevice: " + info.device() + "\nCPU cores: " + info.cores()
                + String.format(Locale.ROOT, "\nMaximum heap: %.1f GB", info.maxHeapBytes() / (1024.0 * 1024 * 1024))
                + (info.problem().isEmpty() ? "" : "\n\n" + info.problem())));
    }

    private void installDragAndDrop() {
        scene.setOnDragOver(e -> {
            if (droppedFolder(e) != null) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                dropOverlay.setVisible(true);
            }
            e.consume();
        });
        scene.setOnDragExited(e -> dropOverlay.setVisible(false));
        scene.setOnDragDropped(e -> {
            Path folder = droppedFolder(e);
            dropOverlay.setVisible(false);
            if (folder != null) {
                select(0);
                opener.open(folder);
            }
            e.setDropCompleted(folder != null);
            e.consume();
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), () -> {
            Worker<?> w = jobs.currentProperty().get();
            if (w != null) w.cancel();
        });
    }

    /** The dropped folder (or the folder of a dropped file), or null when the drop holds no files. */
    private static Path droppedFolder(DragEvent e) {
        if (!e.getDragboard().hasFiles() || e.getDragboard().getFiles().isEmpty()) return null;
        File f = e.getDragboard().getFiles().get(0);
        Path p = f.toPath();
        if (Files.isDirectory(p)) return p;
        return p.getParent() != null && Files.isDirectory(p.getParent()) ? p.getParent() : null;
    }

    private void showShortcuts() {
        Dialog<Void> d = Dialogs.styled(new Dialog<>(), stage);
        d.setTitle("Keyboard shortcuts");
        d.setHeaderText("Keyboard shortcuts");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("shortcut-grid");
        grid.setHgap(24);
        grid.setVgap(8);
        int row = 0;
        for (Shortcut s : shortcuts) {
            Label keys = new Label(s.keys().getDisplayText());
            keys.getStyleClass().add("keycap");
            Label what = new Label(s.action());
            grid.addRow(row++, keys, what);
        }
        Label dnd = new Label("Drag a folder onto the window to open it as a dataset.");
        dnd.getStyleClass().add("muted");
        VBox box = new VBox(14, grid, dnd);
        box.setPadding(new Insets(4, 8, 4, 8));
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.show();
    }

    private void showAbout() {
        Dialog<Void> d = Dialogs.styled(new Dialog<>(), stage);
        d.setTitle("About Image Workbench");
        d.setHeaderText("Image Workbench");
        if (!stage.getIcons().isEmpty()) {
            javafx.scene.image.ImageView logo = new javafx.scene.image.ImageView(stage.getIcons().get(0));
            logo.setFitWidth(48);
            logo.setFitHeight(48);
            logo.setSmooth(true);
            d.setGraphic(logo);
        }
        String version = MainWindow.class.getPackage().getImplementationVersion();
        Label lead = new Label("Train image classifiers on your own folders of pictures: inspect the data, preview "
                + "augmentation, choose a model, train, study the results and export them.");
        lead.setWrapText(true);
        lead.setMaxWidth(460);
        GridPane facts = new GridPane();
        facts.setHgap(16);
        facts.setVgap(6);
        int row = 0;
        facts.addRow(row++, muted("Version"), new Label(version == null ? "development build" : version));
        facts.addRow(row++, muted("Java"), new Label(System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"));
        facts.addRow(row++, muted("JavaFX"), new Label(String.valueOf(System.getProperty("javafx.runtime.version"))));
        facts.addRow(row++, muted("Compute"), new Label(compute == null ? "detecting…" : compute.summary()));
        if (compute != null) facts.addRow(row++, muted("Device"), new Label(compute.device()));
        Path runs = state.runsFolderProperty().get();
        facts.addRow(row++, muted("Runs folder"), new Label(runs == null ? "" : abbreviate(runs)));
        Label credits = new Label("Built on Eclipse Deeplearning4j, OpenCV, JavaFX and ControlsFX. Icons: Material Design (Apache 2.0).");
        credits.setWrapText(true);
        credits.setMaxWidth(460);
        credits.getStyleClass().add("muted");
        VBox box = new VBox(14, lead, facts, credits);
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.show();
    }

    private static Label muted(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("muted");
        return l;
    }

    private void saveWindow() {
        UiPreferences.WindowBounds b = normalBounds != null ? normalBounds
                : new UiPreferences.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        prefs.setWindow(new UiPreferences.WindowBounds(b.x(), b.y(), b.width(), b.height(), stage.isMaximized()));
    }

    /** Remembers the last bounds the window had while not maximised, which is what a restore needs. */
    private final class ChangeTracker implements javafx.beans.InvalidationListener {
        @Override public void invalidated(javafx.beans.Observable o) {
            if (stage.isMaximized() || stage.isIconified() || Double.isNaN(stage.getWidth())) return;
            normalBounds = new UiPreferences.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        }
    }
}
