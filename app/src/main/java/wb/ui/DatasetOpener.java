package wb.ui;

import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

import wb.dataset.Dataset;
import wb.dataset.DatasetDoctor;
import wb.dataset.DatasetScanner;
import wb.dataset.Split;
import wb.dataset.VerificationReport;

/**
 * Opens dataset folders, from the menu, a drop, the recent list or the command line: a {@link Service}
 * scans the folder, publishes the scan at once (so the layout, tree and problems show while images are
 * still being checked), then decodes every image and publishes the verification. Opening another folder
 * cancels the one in progress. Used on the FX thread only.
 */
public final class DatasetOpener {

    private final AppState state;
    private final Jobs jobs;
    private final UiPreferences prefs;
    private final ReadOnlyBooleanWrapper verifying = new ReadOnlyBooleanWrapper(this, "verifying");
    private final ReadOnlyObjectWrapper<Path> opening = new ReadOnlyObjectWrapper<>(this, "opening");
    private final LoadService service = new LoadService();

    public DatasetOpener(AppState state, Jobs jobs, UiPreferences prefs) {
        this.state = state;
        this.jobs = jobs;
        this.prefs = prefs;
        service.valueProperty().addListener((obs, old, load) -> {
            if (load != null && !load.verified() && state.dataset() != load.dataset()) {
                state.setDataset(load.root(), load.dataset(), null);
                verifying.set(true);
                state.statusProperty().set("Scanned " + name(load.root()) + ": " + count(load.dataset().size()) + " images in "
                        + load.dataset().classes().size() + " classes");
            }
        });
        service.setOnSucceeded(e -> {
            DatasetLoad load = service.getValue();
            verifying.set(false);
            opening.set(null);
            state.setDataset(load.root(), load.dataset(), load.report());
            prefs.addRecent(load.root());
            state.statusProperty().set(describe(load));
        });
        service.setOnFailed(e -> {
            verifying.set(false);
            Path root = opening.get();
            opening.set(null);
            jobs.report("Opening " + name(root), service.getException());
        });
        service.setOnCancelled(e -> {
            verifying.set(false);
            Path root = opening.get();
            opening.set(null);
            state.statusProperty().set("Opening " + name(root) + " cancelled"
                    + (state.dataset() != null && state.verification() == null ? "; images not checked" : ""));
        });
    }

    /** Opens {@code folder}, cancelling an open in progress. */
    public void open(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        service.root = root;
        service.restart(); // cancels an open in progress, whose handler reports it, before this one starts
        opening.set(root);
        state.statusProperty().set("Opening " + name(root) + "…");
        jobs.track(service);
    }

    /** Scans and checks the open dataset again (after files changed, or to finish a cancelled check). */
    public void reload() {
        if (state.datasetRootProperty().get() != null) open(state.datasetRootProperty().get());
    }

    /** Asks for a folder (starting next to the open or most recent dataset) and opens it. */
    public void chooseAndOpen(javafx.stage.Window owner) {
        Path start = state.datasetRootProperty().get();
        if (start == null && !prefs.recentDatasets().isEmpty()) start = prefs.recentDatasets().get(0);
        FileDialogs.folder(owner, "Open dataset folder", start == null ? null : FileDialogs.startingPoint(start.toAbsolutePath().getParent()))
                .ifPresent(this::open);
    }

    /** The recently opened datasets, most recent first (missing folders pruned). */
    public java.util.List<Path> recentDatasets() {
        return prefs.recentDatasets();
    }

    public void clearRecent() {
        prefs.clearRecent();
    }

    public void cancel() {
        service.cancel();
    }

    /** True while the images of a scanned dataset are being decoded. */
    public ReadOnlyBooleanProperty verifyingProperty() {
        return verifying.getReadOnlyProperty();
    }

    /** The folder being opened, or null. */
    public ReadOnlyObjectProperty<Path> openingProperty() {
        return opening.getReadOnlyProperty();
    }

    public Worker<DatasetLoad> worker() {
        return service;
    }

    /** A one-line summary for the status bar, e.g. "Opened fashion-mini: 4,100 images, 10 classes, 3 unusable". */
    static String describe(DatasetLoad load) {
        Dataset d = load.dataset();
        VerificationReport r = load.report();
        StringBuilder b = new StringBuilder("Opened ").append(name(load.root())).append(": ")
                .append(count(d.size())).append(" images, ").append(d.classes().size()).append(d.classes().size() == 1 ? " class" : " classes");
        if (r != null && !r.badFiles().isEmpty()) b.append(", ").append(count(r.badFiles().size())).append(" unusable");
        if (d.items(Split.VALID).isEmpty() && !d.items(Split.TRAIN).isEmpty()) b.append(", no validation split");
        return b.toString();
    }

    static String name(Path root) {
        if (root == null) return "dataset";
        Path n = root.getFileName();
        return n == null ? root.toString() : n.toString();
    }

    static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.getDefault()).format(n);
    }

    private static final class LoadService extends Service<DatasetLoad> {
        private Path root;

        @Override protected Task<DatasetLoad> createTask() {
            Path folder = root;
            CoreTask<DatasetLoad> task = new CoreTask<>() {
                @Override protected DatasetLoad call() {
                    updateTitle("Opening " + name(folder));
                    Dataset dataset = DatasetScanner.scan(folder, progress(), cancellation());
                    updateValue(new DatasetLoad(folder, dataset, null));
                    updateTitle("Checking images of " + name(folder));
                    int total = dataset.size();
                    updateMessage("Checked 0 of " + count(total) + " images");
                    updateProgress(0, total);
                    VerificationReport report = DatasetDoctor.verify(dataset, 0,
                            (message, done, all) -> {
                                updateMessage("Checked " + count(done) + " of " + count(total) + " images");
                                updateProgress(done, all);
                            }, cancellation());
                    return new DatasetLoad(folder, dataset, report);
                }
            };
            return task;
        }
    }
}
