package wb.ui.train;

import java.time.Clock;
import java.util.Map;

import javafx.application.HostServices;
import javafx.scene.Node;
import javafx.scene.image.Image;

import wb.ui.AppState;
import wb.ui.Screen;
import wb.ui.support.Background;
import wb.ui.support.Opener;
import wb.ui.support.Thumbnails;

/**
 * Train: start, pause, resume and stop a run of the Model screen's settings on the open dataset, with live
 * loss, accuracy, batch-loss and learning-rate charts, throughput and ETA, and the watched validation images epoch
 * by epoch; browse, reopen and overlay earlier runs. A finished run's best model becomes the application's current model.
 */
public final class TrainScreen implements Screen {

    private final TrainViewModel viewModel;
    private final TrainView view;

    public TrainScreen(AppState state) {
        this(state, null);
    }

    /** {@code hostServices} (may be null) opens run folders in the desktop's file manager. */
    public TrainScreen(AppState state, HostServices hostServices) {
        this.viewModel = new TrainViewModel(state, new TrainingService(), Background.fx(state.background()), Clock.systemDefaultZone());
        this.view = new TrainView(viewModel, new Opener(hostServices), new Thumbnails(state.background(), 128, 200), state.statusProperty()::set);
    }

    @Override public String title() { return "Train"; }

    @Override public Node root() { return view.root(); }

    public TrainViewModel viewModel() { return viewModel; }

    /**
     * Images of the charts that have data (keys: loss, accuracy, batch-loss, learning-rate), rendered at
     * {@code width x height} from the curves the screen shows now (live run, reopened run, overlay). FX thread only.
     */
    public Map<String, ? extends Image> snapshotCharts(double width, double height) {
        return view.snapshotCharts(width, height);
    }
}
