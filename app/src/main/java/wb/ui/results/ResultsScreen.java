package wb.ui.results;

import javafx.application.HostServices;
import javafx.scene.Node;

import wb.ui.AppState;
import wb.ui.Screen;
import wb.ui.support.Background;
import wb.ui.support.Opener;
import wb.ui.support.Thumbnails;

/**
 * Results: evaluate the current model on the validation or test images; metrics, per-class table, a clickable
 * confusion-matrix heatmap, the five fast.ai prediction views as image grids; and classify images dropped onto
 * the screen.
 */
public final class ResultsScreen implements Screen {

    private final ResultsViewModel viewModel;
    private final ResultsView view;

    public ResultsScreen(AppState state) {
        this(state, null);
    }

    /** {@code hostServices} (may be null) opens images and folders with the desktop's applications. */
    public ResultsScreen(AppState state, HostServices hostServices) {
        this.viewModel = new ResultsViewModel(state, Background.fx(state.background()));
        this.view = new ResultsView(viewModel, new Thumbnails(state.background(), 128, 600), new Opener(hostServices));
    }

    @Override public String title() { return "Results"; }

    @Override public Node root() { return view.root(); }

    public ResultsViewModel viewModel() { return viewModel; }

    /** The confusion-matrix heatmap node (tests click its cells). */
    public ConfusionMatrixChart confusionMatrix() { return view.matrix(); }
}
