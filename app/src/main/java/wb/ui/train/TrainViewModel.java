package wb.ui.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import wb.augment.AugmentConfig;
import wb.common.UserException;
import wb.dataset.Dataset;
import wb.dataset.DatasetDoctor;
import wb.dataset.VerificationReport;
import wb.model.ModelBundle;
import wb.model.ModelZoo;
import wb.train.Classifier;
import wb.train.EpochMetrics;
import wb.train.RunEnd;
import wb.train.TrainConfig;
import wb.train.TrainingSession;
import wb.ui.AppState;
import wb.ui.support.Background;
import wb.ui.support.Errors;
import wb.ui.support.Fmt;

/**
 * The Train screen's state and commands: start, pause, resume and stop a run; the live snapshot and the figures
 * derived from it; the run history, reopening a run's curves and overlaying two runs. When a run ends with a
 * saved model, the model becomes the application's current model. Never touches a Node.
 */
public final class TrainViewModel {

    /** The kind of the notice line. */
    public enum NoticeKind { INFO, SUCCESS, WARNING, ERROR }

    private final AppState state;
    private final TrainingRunner runner;
    private final Background background;
    private final Clock clock;

    private final ReadOnlyObjectWrapper<TrainingSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final ReadOnlyBooleanWrapper stopping = new ReadOnlyBooleanWrapper(this, "stopping");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(this, "canStart");
    private final ReadOnlyStringWrapper startHint = new ReadOnlyStringWrapper(this, "startHint", "");
    private final ReadOnlyStringWrapper configSummary = new ReadOnlyStringWrapper(this, "configSummary", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Not training.");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyObjectWrapper<NoticeKind> noticeKind = new ReadOnlyObjectWrapper<>(this, "noticeKind", NoticeKind.INFO);
    private final ReadOnlyStringWrapper epochText = new ReadOnlyStringWrapper(this, "epochText", Fmt.NONE);
    private final ReadOnlyStringWrapper phaseText = new ReadOnlyStringWrapper(this, "phaseText", Fmt.NONE);
    private final ReadOnlyDoubleWrapper epochProgress = new ReadOnlyDoubleWrapper(this, "epochProgress");
    private final ReadOnlyDoubleWrapper runProgress = new ReadOnlyDoubleWrapper(this, "runProgress");
    private final ReadOnlyStringWrapper throughputText = new ReadOnlyStringWrapper(this, "throughputText", Fmt.NONE);
    private final ReadOnlyStringWrapper etaText = new ReadOnlyStringWrapper(this, "etaText", Fmt.NONE);
    private final ReadOnlyStringWrapper queuedText = new ReadOnlyStringWrapper(this, "queuedText", Fmt.NONE);
    private final ReadOnlyStringWrapper bestText = new ReadOnlyStringWrapper(this, "bestText", Fmt.NONE);

    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObservableList<RunRecord> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ReadOnlyObjectWrapper<Path> liveRunDir = new ReadOnlyObjectWrapper<>(this, "liveRunDir");
    private final ReadOnlyObjectWrapper<RunCurves> shownRun = new ReadOnlyObjectWrapper<>(this, "shownRun");
    private final ReadOnlyObjectWrapper<RunCurves> comparedRun = new ReadOnlyObjectWrapper<>(this, "comparedRun");
    private final WatchGallery watch = new WatchGallery();
    private final ReadOnlyStringWrapper chartsTitle = new ReadOnlyStringWrapper(this, "chartsTitle", "");

    /** Best validation epoch of the live run, tracked incrementally so an update costs the same at epoch 1 and 1000. */
    private int epochsSeen;
    private EpochMetrics bestEpoch;
    private boolean listedLive;
    private long runsGeneration;

    public TrainViewModel(AppState state, TrainingRunner runner, Background background, Clock clock) {
        this.state = state;
        this.runner = runner;
        this.background = background;
        this.clock = clock;
        state.datasetProperty().addListener((o, a, b) -> updateCanStart());
        state.verificationProperty().addListener((o, a, b) -> updateCanStart());
        state.trainConfigProperty().addListener((o, a, b) -> updateCanStart());
        state.augmentProperty().addListener((o, a, b) -> updateCanStart());
        state.runsFolderProperty().addListener((o, a, b) -> {
            updateCanStart();
            refreshRuns();
        });
        shownRun.addListener((o, a, b) -> {
            updateChartsTitle();
            updateWatch();
        });
        snapshot.addListener((o, a, b) -> updateWatch());
        comparedRun.addListener((o, a, b) -> updateChartsTitle());
        updateCanStart();
        updateChartsTitle();
        refreshRuns();
    }

    // ---- commands ----

    /** Starts a run with the applied settings and the current augmentation, into a new timestamped run folder. */
    public void start() {
        if (!canStart.get()) return;
        VerificationReport report = state.verification();
        Dataset usable = report.usable();
        try {
            DatasetDoctor.requireTrainable(usable);
        } catch (UserException e) {
            notice(NoticeKind.ERROR, Errors.message(e));
            return;
        }
        TrainConfig cfg = effectiveConfig();
        Path runs = state.runsFolderProperty().get();
        String name = RunHistory.newRunName(runs, cfg.modelId(), ZonedDateTime.now(clock));
        launch(new TrainingJob(name, runs.resolve(name), usable, report.channels(), cfg), "Preparing the run…");
    }

    /**
     * Why {@code run} cannot be continued (a sentence), or null when it can: it must have a checkpoint and its settings,
     * have trained fewer epochs than planned, and no other run may be going.
     */
    public String whyNotContinuable(RunRecord run) {
        if (run == null) return "Select a stopped run.";
        if (running.get()) return "A run is in progress.";
        if (state.verification() == null) return "Open the run's dataset on the Data screen first.";
        String why = TrainingSession.whyNotContinuable(run.dir(), run.epochs());
        return why == null ? null : "This run cannot be continued: " + why + ".";
    }

    /**
     * Continues a stopped run from its checkpoint (weights, optimizer state, schedule position) with the settings it was
     * started with, on the open dataset, until its planned number of epochs; its earlier epochs stay on the charts.
     */
    public void continueRun(RunRecord run) {
        String why = whyNotContinuable(run);
        if (why != null) {
            notice(NoticeKind.WARNING, why);
            return;
        }
        VerificationReport report = state.verification();
        TrainConfig cfg;
        RunCurves before;
        try {
            DatasetDoctor.requireTrainable(report.usable());
            cfg = TrainingSession.readSettings(run.dir());
            before = RunHistory.curves(run);
        } catch (UserException | IOException e) {
            notice(NoticeKind.ERROR, Errors.message(e));
            return;
        }
        launch(new TrainingJob(run.name(), run.dir(), report.usable(), report.channels(), cfg, true, before.epochs(), before.phases(), before.watch()),
                "Continuing the run after epoch " + run.epochs() + "…");
    }

    private void launch(TrainingJob job, String preparing) {
        TrainConfig cfg = job.config();
        epochsSeen = 0;
        bestEpoch = null;
        listedLive = false;
        shownRun.set(null);
        liveRunDir.set(job.runDir());
        running.set(true);
        paused.set(false);
        stopping.set(false);
        notice(NoticeKind.INFO, "");
        TrainingSnapshot first = TrainingSnapshot.preparing(job.runName(), job.runDir(), preparing);
        snapshot.set(first);
        describe(first);
        updateCanStart();
        state.statusProperty().set((job.resume() ? "Continuing " : "Training ") + modelName(cfg.modelId()) + "…");
        runner.start(job, new TrainingRunner.Listener() {
            @Override public void onSnapshot(TrainingSnapshot s) { accept(s); }
            @Override public void onSucceeded(TrainingSnapshot last) { finished(last); }
            @Override public void onFailed(Throwable error) { failed(error); }
        });
    }

    public void pause() {
        if (!running.get() || paused.get() || stopping.get()) return;
        runner.pause();
        paused.set(true);
        describe(snapshot.get());
    }

    public void resume() {
        if (!running.get() || !paused.get()) return;
        runner.resume();
        paused.set(false);
        describe(snapshot.get());
    }

    /** Stops after the current batch; the best epoch so far stays saved and becomes the current model. */
    public void stop() {
        if (!running.get() || stopping.get()) return;
        stopping.set(true);
        runner.stop();
        paused.set(false);
        describe(snapshot.get());
    }

    /** Re-reads the runs folder. */
    public void refreshRuns() {
        Path folder = state.runsFolderProperty().get();
        long generation = ++runsGeneration;
        background.submit("Reading the run history", (p, c) -> RunHistory.scan(folder),
                list -> {
                    if (generation == runsGeneration) runs.setAll(list);
                },
                e -> {
                    if (generation == runsGeneration) notice(NoticeKind.WARNING, "Could not read the runs folder " + folder + ": " + Errors.message(e));
                });
    }

    /** Shows a run's epoch curves in the charts (the live run, if it is that run). */
    public void show(RunRecord run) {
        if (run == null) return;
        if (run.dir().equals(liveRunDir.get()) && snapshot.get() != null) {
            showLive();
            return;
        }
        background.submit("Reading " + run.name(), (p, c) -> RunHistory.curves(run),
                curves -> {
                    shownRun.set(curves);
                    comparedRun.set(null);
                },
                e -> notice(NoticeKind.WARNING, Errors.message(e)));
    }

    /**
     * Overlays runs: with two selected, the first is drawn solid and the second dashed; with one selected while a
     * live run exists, that run is drawn dashed over the live curves.
     */
    public void compare(List<RunRecord> selected) {
        if (selected.size() >= 2) {
            RunRecord a = selected.get(0);
            RunRecord b = selected.get(1);
            boolean aLive = a.dir().equals(liveRunDir.get()) && snapshot.get() != null;
            boolean bLive = b.dir().equals(liveRunDir.get()) && snapshot.get() != null;
            if (aLive || bLive) {
                RunRecord other = aLive ? b : a;
                background.submit("Reading " + other.name(), (p, c) -> RunHistory.curves(other),
                        curves -> {
                            shownRun.set(null);
                            comparedRun.set(curves);
                        },
                        e -> notice(NoticeKind.WARNING, Errors.message(e)));
                return;
            }
            background.submit("Reading two runs", (p, c) -> List.of(RunHistory.curves(a), RunHistory.curves(b)),
                    pair -> {
                        shownRun.set(pair.get(0));
                        comparedRun.set(pair.get(1));
                    },
                    e -> notice(NoticeKind.WARNING, Errors.message(e)));
        } else if (selected.size() == 1 && snapshot.get() != null) {
            RunRecord other = selected.get(0);
            if (other.dir().equals(liveRunDir.get())) return;
            background.submit("Reading " + other.name(), (p, c) -> RunHistory.curves(other),
                    curves -> {
                        shownRun.set(null);
                        comparedRun.set(curves);
                    },
                    e -> notice(NoticeKind.WARNING, Errors.message(e)));
        }
    }

    /** Back to the live (or last) run's curves, without an overlay. */
    public void showLive() {
        shownRun.set(null);
        comparedRun.set(null);
    }

    /** Removes the dashed overlay. */
    public void clearComparison() {
        comparedRun.set(null);
    }

    /** Makes a run's saved model the current model (for the Results and Export screens). */
    public void useModel(RunRecord run) {
        if (run == null || !run.hasModel()) return;
        loadModel(run.dir(), "Loaded the model of " + run.title() + ".");
    }

    // ---- run events ----

    private void accept(TrainingSnapshot s) {
        if (!running.get()) return;
        snapshot.set(s);
        describe(s);
        if (!listedLive && s.start() != null) {
            listedLive = true;
            refreshRuns();
        }
    }

    private void finished(TrainingSnapshot last) {
        snapshot.set(last);
        running.set(false);
        paused.set(false);
        stopping.set(false);
        describe(last);
        updateCanStart();
        refreshRuns();
        RunEnd end = last.end();
        boolean saved = Files.isRegularFile(last.runDir().resolve(ModelBundle.CARD_FILE));
        String notes = last.notes().isEmpty() ? "" : " Note: " + String.join("; ", last.notes()) + ".";
        String skipped = last.unreadableFiles().isEmpty() ? ""
                : " " + Fmt.plural(last.unreadableFiles().size(), "file was", "files were") + " skipped because they could not be decoded.";
        if (end == null) {
            notice(NoticeKind.WARNING, "The run ended without a result." + notes);
            return;
        }
        String bestPart = end.bestEpoch() > 0 && Double.isFinite(end.bestValidAccuracy())
                ? " Best epoch " + end.bestEpoch() + ": valid accuracy " + Fmt.percent(end.bestValidAccuracy()) + ", loss " + Fmt.decimal(end.bestValidLoss(), 4) + "."
                : "";
        switch (end.status()) {
            case COMPLETED -> notice(NoticeKind.SUCCESS, "Training finished: " + end.message() + "." + bestPart + notes + skipped);
            case EARLY_STOPPED -> notice(NoticeKind.SUCCESS, "Stopped early: " + end.message() + "." + bestPart + notes + skipped);
            case CANCELLED -> notice(saved ? NoticeKind.INFO : NoticeKind.WARNING, saved
                    ? "Stopped after " + Fmt.plural(end.epochsCompleted(), "epoch", "epochs") + "; the best model so far is kept." + bestPart
                    : "Stopped before the first epoch finished, so no model was saved.");
            case DIVERGED, FAILED -> notice(NoticeKind.ERROR, sentence(end.message()) + (saved ? " The best model before that is kept." : ""));
        }
        state.statusProperty().set("Training " + statusWord(end.status()));
        if (saved) loadModel(last.runDir(), null);
    }

    private void failed(Throwable error) {
        TrainingSnapshot s = snapshot.get();
        String why = Errors.message(error);
        if (s != null) {
            TrainingSnapshot f = s.failed(why);
            snapshot.set(f);
        }
        running.set(false);
        paused.set(false);
        stopping.set(false);
        status.set("Training failed.");
        notice(NoticeKind.ERROR, why);
        state.statusProperty().set("Training failed");
        updateCanStart();
        refreshRuns();
    }

    private void loadModel(Path dir, String successNotice) {
        background.submit("Loading the trained model", (p, c) -> Classifier.load(dir),
                model -> {
                    state.modelProperty().set(model);
                    state.statusProperty().set("Model ready: " + model.card().modelName() + " (" + dir.getFileName() + ")");
                    if (successNotice != null) notice(NoticeKind.SUCCESS, successNotice);
                },
                e -> notice(NoticeKind.ERROR, "The run's model could not be loaded: " + Errors.message(e)));
    }

    // ---- derived text ----

    /** The gallery shows the reopened run's frames, or else the live (or last) run's. */
    private void updateWatch() {
        RunCurves shown = shownRun.get();
        TrainingSnapshot live = snapshot.get();
        watch.setFrames(shown != null ? shown.watch() : live != null ? live.watch() : List.of());
    }

    private void updateChartsTitle() {
        RunCurves shown = shownRun.get();
        RunCurves compared = comparedRun.get();
        TrainingSnapshot live = snapshot.get();
        String primary = shown != null ? "Run " + shown.run().title()
                : live == null ? "No run yet" : running.get() ? "Live run " + live.runName() : "Last run " + live.runName();
        chartsTitle.set(compared == null ? primary : primary + "   vs   " + compared.run().title() + " (dashed)");
    }

    private void describe(TrainingSnapshot s) {
        if (s == null) return;
        updateChartsTitle();
        // Only the epochs that arrived since the last update are looked at.
        for (int i = epochsSeen; i < s.epochs().size(); i++) {
            EpochMetrics e = s.epochs().get(i);
            // The trainer's own verdict: the epoch whose model was saved as the best so far.
            if (e.improved() || bestEpoch == null) bestEpoch = e;
        }
        epochsSeen = s.epochs().size();
        bestText.set(bestEpoch == null ? Fmt.NONE
                : (Double.isFinite(bestEpoch.validAccuracy()) ? Fmt.percent(bestEpoch.validAccuracy()) : Fmt.percent(bestEpoch.trainAccuracy()))
                        + " (epoch " + bestEpoch.epoch() + ")");

        int total = s.totalEpochs();
        epochText.set(total == 0 ? Fmt.NONE : Math.min(s.currentEpoch(), total) + " / " + total);
        phaseText.set(phaseText(s));
        epochProgress.set(s.phase() == TrainingSnapshot.Phase.PREPARING ? -1 : s.epochProgress());
        runProgress.set(s.runProgress());
        double ips = s.imagesPerSecond();
        throughputText.set(Double.isFinite(ips) && ips > 0 ? Fmt.count(Math.round(ips)) + " img/s" : Fmt.NONE);
        etaText.set(s.finished() ? Fmt.NONE : Fmt.duration(s.etaSeconds()));
        queuedText.set(s.latest() == null ? Fmt.NONE : Integer.toString(s.queuedBatches()));

        String text;
        if (s.finished()) {
            text = s.end() == null ? s.message() : "Run " + statusWord(s.end().status()) + ": " + s.message();
        } else if (stopping.get()) {
            text = "Stopping after the current batch…";
        } else if (paused.get()) {
            boolean atEpochEnd = s.latest() != null && s.latest().batch() >= s.latest().batchesPerEpoch();
            text = (s.latest() == null ? "Paused before the first batch"
                    : atEpochEnd ? "Paused after epoch " + s.currentEpoch()
                    : "Paused at epoch " + s.currentEpoch() + ", batch " + s.latest().batch())
                    + ". Resume to continue, or stop to keep the best model so far.";
        } else if (s.phase() == TrainingSnapshot.Phase.PREPARING) {
            text = s.message();
        } else if (s.phase() == TrainingSnapshot.Phase.EVALUATING) {
            text = s.message() + "…";
        } else {
            text = s.latest() == null ? "Training: waiting for the first batch…"
                    : "Training epoch " + s.currentEpoch() + " of " + total + ", batch " + s.latest().batch() + " of " + s.latest().batchesPerEpoch();
        }
        status.set(text);
    }

    private void updateCanStart() {
        TrainConfig cfg = state.trainConfigProperty().get();
        configSummary.set(cfg == null ? "" : summary(cfg, state.augmentProperty().get()));
        String reason = null;
        if (running.get()) reason = "A run is in progress.";
        else if (state.dataset() == null) reason = "Open a dataset on the Data screen first.";
        else if (state.verification() == null) reason = "Waiting for the dataset check on the Data screen to finish.";
        else if (cfg == null) reason = "Choose the training settings on the Model screen.";
        else if (state.runsFolderProperty().get() == null) reason = "No runs folder is set.";
        canStart.set(reason == null);
        startHint.set(reason != null ? reason : "Trains " + modelName(cfg.modelId()) + " on "
                + state.dataset().root().getFileName() + " into a new folder under " + state.runsFolderProperty().get() + ".");
    }

    /** The applied training settings with the Augment screen's current augmentation. */
    TrainConfig effectiveConfig() {
        TrainConfig c = state.trainConfigProperty().get();
        AugmentConfig a = state.augmentProperty().get();
        if (a == null || Objects.equals(a, c.augment())) return c;
        return c.withAugment(a);
    }

    /** "ShallowNet · 10 epochs · batch 64 · Adam, lr 0.001, cosine · augmentation on". */
    static String summary(TrainConfig c, AugmentConfig augment) {
        AugmentConfig a = augment != null ? augment : c.augment();
        return modelName(c.modelId()) + " · " + Fmt.plural(c.epochs(), "epoch", "epochs") + " · batch " + c.batchSize()
                + " · " + c.optimizer().name().charAt(0) + c.optimizer().name().substring(1).toLowerCase(Locale.ROOT)
                + ", lr " + Fmt.rate(c.learningRate()) + ", " + c.schedule()
                + (c.inputSize() != null ? " · " + c.inputSize() + " px" : "")
                + (c.patience() > 0 ? " · early stopping " + c.patience() : "")
                + (c.weightAverage() > 0 ? " · weight averaging " + Fmt.plain(c.weightAverage()) : "")
                + " · augmentation " + (a == null || a.isIdentity() ? "off" : "on");
    }

    private static String modelName(String id) {
        try {
            return ModelZoo.standard().get(id).displayName();
        } catch (UserException e) {
            return id;
        }
    }

    /** "fine-tune (from epoch 4)", "head", or the empty mark for a run without phases. */
    static String phaseText(TrainingSnapshot s) {
        TrainingSnapshot.PhaseMark p = s.currentPhase();
        if (p == null) return Fmt.NONE;
        return p.firstEpoch() > 1 ? p.name() + " (from epoch " + p.firstEpoch() + ")" : p.name();
    }

    private static String statusWord(RunEnd.Status s) {
        return switch (s) {
            case COMPLETED -> "completed";
            case EARLY_STOPPED -> "stopped early";
            case CANCELLED -> "stopped";
            case DIVERGED -> "diverged";
            case FAILED -> "failed";
        };
    }

    private static String sentence(String m) {
        if (m == null || m.isEmpty()) return "";
        String s = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    private void notice(NoticeKind kind, String text) {
        noticeKind.set(kind);
        notice.set(text);
    }

    // ---- properties ----

    public ReadOnlyObjectProperty<TrainingSnapshot> snapshotProperty() { return snapshot.getReadOnlyProperty(); }
    /** The open dataset's verification (what Start and Continue need), for bindings. */
    public ReadOnlyObjectProperty<wb.dataset.VerificationReport> verificationProperty() { return state.verificationProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty pausedProperty() { return paused.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty stoppingProperty() { return stopping.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canStartProperty() { return canStart.getReadOnlyProperty(); }
    public ReadOnlyStringProperty startHintProperty() { return startHint.getReadOnlyProperty(); }
    public ReadOnlyStringProperty configSummaryProperty() { return configSummary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty noticeProperty() { return notice.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<NoticeKind> noticeKindProperty() { return noticeKind.getReadOnlyProperty(); }
    public ReadOnlyStringProperty epochTextProperty() { return epochText.getReadOnlyProperty(); }
    /** The transfer-learning phase of the current epoch ("head", "fine-tune (from epoch 4)"); the empty mark otherwise. */
    public ReadOnlyStringProperty phaseTextProperty() { return phaseText.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty epochProgressProperty() { return epochProgress.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty runProgressProperty() { return runProgress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty throughputTextProperty() { return throughputText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty etaTextProperty() { return etaText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty queuedTextProperty() { return queuedText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty bestTextProperty() { return bestText.getReadOnlyProperty(); }
    public ObservableList<RunRecord> runs() { return runsView; }
    public ReadOnlyObjectProperty<Path> liveRunDirProperty() { return liveRunDir.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RunCurves> shownRunProperty() { return shownRun.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RunCurves> comparedRunProperty() { return comparedRun.getReadOnlyProperty(); }

    /** The watched validation images of the run on screen. */
    public WatchGallery watchGallery() { return watch; }
    /** What the charts show: the live or last run, a reopened run, and the overlaid run. */
    public ReadOnlyStringProperty chartsTitleProperty() { return chartsTitle.getReadOnlyProperty(); }
}
