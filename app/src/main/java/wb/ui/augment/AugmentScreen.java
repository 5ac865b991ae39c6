package wb.ui.augment;

import java.util.List;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;

import wb.ui.AppState;
import wb.ui.Screen;

/** The Augment step: tune the random augmentation and the resize policy, watching a live montage. */
public final class AugmentScreen implements Screen {

    private final AugmentViewModel viewModel;
    private final AugmentView view;

    public AugmentScreen(AppState state, Stage stage) {
        this.viewModel = new AugmentViewModel(state, state.background(), Platform::runLater);
        this.view = new AugmentView(viewModel, stage);
    }

    @Override public String title() { return "Augment"; }

    @Override public Node root() { return view.root(); }

    public AugmentViewModel viewModel() { return viewModel; }

    /** The montage's image views, original first. */
    public List<ImageView> tileViews() { return view.tileViews(); }
}
