package wb.ui.model;

import javafx.scene.Node;

import wb.ui.AppState;
import wb.ui.Screen;
import wb.ui.support.Background;

/**
 * Model: pick an architecture from the zoo, set the hyperparameters (validated as you type), inspect the layer
 * table for the open dataset, and hand the settings to the Train screen through {@link AppState#trainConfigProperty()}.
 */
public final class ModelScreen implements Screen {

    private final ModelViewModel viewModel;
    private final ModelView view;

    public ModelScreen(AppState state) {
        this.viewModel = new ModelViewModel(state, Background.fx(state.background()));
        this.view = new ModelView(viewModel);
    }

    @Override public String title() { return "Model"; }

    @Override public Node root() { return view.root(); }

    /** The screen's state and commands (for tests and for the main window's shortcuts). */
    public ModelViewModel viewModel() { return viewModel; }
}
