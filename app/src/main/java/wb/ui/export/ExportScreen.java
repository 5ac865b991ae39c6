package wb.ui.export;

import javafx.application.HostServices;
import javafx.scene.Node;

import wb.ui.AppState;
import wb.ui.Screen;
import wb.ui.support.Background;
import wb.ui.support.Opener;
import wb.ui.train.TrainScreen;

/**
 * Export: a Kaggle submission CSV (with preview and validation against the sample submission), saving and
 * loading model bundles, and reports: the five prediction views as PNG sheets, the training charts as PNG, and the
 * run's epoch metrics as CSV.
 */
public final class ExportScreen implements Screen {

    private final ExportViewModel viewModel;
    private final ExportView view;

    /** {@code trainScreen} provides the chart images (null disables chart export). */
    public ExportScreen(AppState state, TrainScreen trainScreen) {
        this(state, trainScreen, null);
    }

    /** {@code hostServices} (may be null) shows saved files in the desktop's file manager. */
    public ExportScreen(AppState state, TrainScreen trainScreen, HostServices hostServices) {
        this.viewModel = new ExportViewModel(state, Background.fx(state.background()));
        this.view = new ExportView(viewModel, trainScreen == null ? null : () -> trainScreen.snapshotCharts(1000, 620), new Opener(hostServices),
                state.statusProperty()::set);
    }

    @Override public String title() { return "Export"; }

    @Override public Node root() { return view.root(); }

    public ExportViewModel viewModel() { return viewModel; }
}
