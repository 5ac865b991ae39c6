package wb.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import javafx.application.Application;
import javafx.stage.Stage;

import wb.ui.augment.AugmentScreen;
import wb.ui.data.DataScreen;
import wb.ui.export.ExportScreen;
import wb.ui.model.ModelScreen;
import wb.ui.results.ResultsScreen;
import wb.ui.train.TrainScreen;

/**
 * The JavaFX application: builds the shared state, the screens and the main window, then opens the
 * dataset named on the command line, if any. Start it through {@link Launcher}.
 */
public class WorkbenchApp extends Application {

    /** System property that overrides where training runs are stored. */
    public static final String RUNS_PROPERTY = "wb.runs";

    private AppState state;
    private Jobs jobs;
    private DatasetOpener opener;
    private Consumer<Path> reveal;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        MainWindow w = assemble(stage, new AppState(runsFolder()), UiPreferences.user(),
                path -> getHostServices().showDocument(path.toUri().toString()));
        w.show();
        openInitial(getParameters().getUnnamed());
    }

    /**
     * Builds the window and everything behind it, without showing it; {@code reveal} shows a file or folder
     * in the desktop's file manager. Used by {@link #start}, the UI tests and the screenshot tour.
     */
    public MainWindow assemble(Stage stage, AppState appState, UiPreferences prefs, Consumer<Path> revealer) {
        this.state = appState;
        this.reveal = revealer;
        this.jobs = new Jobs(appState);
        this.opener = new DatasetOpener(appState, jobs, prefs);
        this.window = new MainWindow(stage, appState, createScreens(appState, stage), opener, jobs, prefs);
        return window;
    }

    /**
     * The workflow steps, in sidebar order: Data -> Augment -> Model -> Train -> Results -> Export. This is
     * the one place that lists them; a new screen is one more line here.
     */
    protected List<Screen> createScreens(AppState appState, Stage stage) {
        TrainScreen train = new TrainScreen(appState, getHostServices());
        return List.of(
                new DataScreen(appState, stage, opener, jobs, reveal),
                new AugmentScreen(appState, stage),
                new ModelScreen(appState),
                train,
                new ResultsScreen(appState, getHostServices()),
                new ExportScreen(appState, train, getHostServices()));
    }

    /** Opens the folder given as the first argument (the launcher passes the bundled sample dataset). */
    void openInitial(List<String> args) {
        if (args.isEmpty()) return;
        Path folder = Path.of(args.get(0));
        if (Files.isDirectory(folder)) opener.open(folder);
        else state.statusProperty().set("Dataset folder not found: " + folder.toAbsolutePath());
    }

    public AppState state() { return state; }

    public DatasetOpener opener() { return opener; }

    public MainWindow window() { return window; }

    /** Where training runs are kept: the {@value #RUNS_PROPERTY} system property, else ~/.image-workbench/runs. */
    public static Path runsFolder() {
        String override = System.getProperty(RUNS_PROPERTY);
        if (override != null && !override.isBlank()) return Path.of(override).toAbsolutePath();
        return Path.of(System.getProperty("user.home"), ".image-workbench", "runs");
    }

    @Override
    public void stop() {
        if (opener != null) opener.cancel();
        if (state != null) state.background().shutdownNow();
    }
}
