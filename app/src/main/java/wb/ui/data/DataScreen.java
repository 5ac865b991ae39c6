package wb.ui.data;

import java.nio.file.Path;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;

import wb.ui.AppState;
import wb.ui.DatasetOpener;
import wb.ui.Jobs;
import wb.ui.Screen;

/** The Data step: inspect the open dataset, browse its images, see its problems, split, sample or import. */
public final class DataScreen implements Screen {

    private final DataViewModel viewModel;
    private final DataView view;

    /**
     * @param reveal shows a file or folder with the desktop (file manager or default viewer)
     */
    public DataScreen(AppState state, Stage stage, DatasetOpener opener, Jobs jobs, Consumer<Path> reveal) {
        this.viewModel = new DataViewModel(state, opener.verifyingProperty(), state.background(), Platform::runLater);
        this.view = new DataView(viewModel, stage, opener, jobs, reveal, state.background(), state.statusProperty());
    }

    @Override public String title() { return "Data"; }

    @Override public Node root() { return view.root(); }

    public DataViewModel viewModel() { return viewModel; }

    /** Switches to the summary and charts. */
    public void showOverview() { view.showOverview(); }

    /** Switches to the table of unusable and skipped files. */
    public void showProblems() { view.showProblems(); }

    /** Switches to the thumbnail grid. */
    public void showImages() { view.showImages(); }
}
