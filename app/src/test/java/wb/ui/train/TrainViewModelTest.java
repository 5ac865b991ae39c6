package wb.ui.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.augment.AugmentConfig;
import wb.train.BatchMetrics;
import wb.train.EpochMetrics;
import wb.train.RunEnd;
import wb.train.RunStart;
import wb.train.TrainConfig;
import wb.ui.AppState;
import wb.ui.UiFixtures;
import wb.ui.support.Background;

/** The Train screen's commands and figures with a scripted runner, without a toolkit. */
class TrainViewModelTest {

    @TempDir static Path tmp;
    static Path dataset;

    /** Records commands; the test plays the training thread by calling the listener. */
    static final class ScriptedRunner implements TrainingRunner {
        final List<String> calls = new ArrayList<>();
        TrainingJob job;
        Listener listener;

        @Override public void start(TrainingJob job, Listener listener) {
            calls.add("start");
            this.job = job;
            this.listener = listener;
        }

        @Override public void pause() { calls.add("pause"); }
        @Override public void resume() { calls.add("resume"); }
        @Override public void stop() { calls.add("stop"); }
    }

    final Clock clock = Clock.fixed(Instant.parse("2026-11-22T18:49:03Z"), ZoneId.of("UTC"));

    @BeforeAll
    static void data() throws Exception {
        dataset = UiFixtures.stripes(tmp.resolve("stripes"), 4, 2, 0);
    }

    @Test
    void startNeedsAVerifiedDataset() {
        AppState state = new AppState(tmp.resolve("runs-a"));
        TrainViewModel vm = new TrainViewModel(state, new ScriptedRunner(), Background.inline(), clock);
        assertFalse(vm.canStartProperty().get());
        assertEquals("Open a dataset on the Data screen first.", vm.startHintProperty().get());
        AppState ready = UiFixtures.state(dataset, tmp.resolve("runs-a"));
        TrainViewModel vm2 = new TrainViewModel(ready, new ScriptedRunner(), Background.inline(), clock);
        assertTrue(vm2.canStartProperty().get());
        assertTrue(vm2.configSummaryProperty().get().startsWith("FMNIST-CNN · 10 epochs · batch 32 · Nesterov, lr 0.035, onecycle"),
                vm2.configSummaryProperty().get());
    }

    @Test
    void theAugmentScreensSettingsDoNotDropTransferLearningOrLabelSmoothing() {
        AppState state = UiFixtures.state(dataset, tmp.resolve("runs-t"));
        TrainConfig applied = TrainConfig.defaults("lenet").withTransfer(wb.train.TransferConfig.defaults(wb.model.InitWeights.imagenet()))
                .withLabelSmoothing(0.1);
        state.trainConfigProperty().set(applied);
        state.augmentProperty().set(AugmentConfig.light());
        ScriptedRunner runner = new ScriptedRunner();
        new TrainViewModel(state, runner, Background.inline(), clock).start();
        TrainConfig used = runner.job.config();
        assertEquals(AugmentConfig.light(), used.augment());
        assertEquals(applied.transfer(), used.transfer(), "a fine-tuning run must not silently become a run from scratch");
        assertEquals(0.1, used.labelSmoothing());
    }

    @Test
    void aStoppedRunIsContinuedFromItsCheckpointWithItsOwnSettings() throws Exception {
        Path runs = tmp.resolve("runs-c");
        Path dir = runs.resolve("2026-11-21_10-30-00_shallownet");
        java.nio.file.Files.createDirectories(dir.resolve("checkpoint"));
        java.nio.file.Files.writeString(dir.resolve("checkpoint").resolve(wb.model.ModelBundle.NETWORK_FILE), "stand-in");
        TrainConfig saved = TrainConfig.defaults("shallownet").withEpochs(3).withLabelSmoothing(0.05);
        wb.model.ModelBundle.json().writeValue(dir.resolve(wb.train.TrainingSession.SETTINGS_FILE).toFile(), saved);
        wb.train.MetricsCsvWriter w = new wb.train.MetricsCsvWriter(dir.resolve("metrics.csv"));
        w.onStart(new RunStart("shallownet", 100, 3, 1, 10, 80, 4, "CpuBackend", "none"));
        w.onEpoch(new EpochMetrics(1, 3, 0.9, 0.7, 0.8, 0.625, 1e-3, 3, 800, true));

        AppState state = UiFixtures.state(dataset, runs);
        state.trainConfigProperty().set(TrainConfig.defaults("lenet"));
        ScriptedRunner runner = new ScriptedRunner();
        TrainViewModel vm = new TrainViewModel(state, runner, Background.inline(), clock);
        RunRecord run = RunHistory.read(dir);
        assertNull(vm.whyNotContinuable(run));
        vm.continueRun(run);
        assertEquals(List.of("start"), runner.calls);
        assertTrue(runner.job.resume());
        assertEquals(dir, runner.job.runDir(), "the same run folder, not a new one");
        assertEquals(saved, runner.job.config(), "the run's own settings, not the Model screen's");
        assertEquals(1, runner.job.previousEpochs().size(), "epoch 1 stays on the charts");
        assertEquals("A run is in progress.", vm.whyNotContinuable(run));

        RunRecord finished = new RunRecord(run.name(), dir, "shallownet", "ShallowNet", run.started(), "COMPLETED", "done", 3, 3,
                0.7, 0.5, true, true);
        TrainViewModel idle = new TrainViewModel(state, new ScriptedRunner(), Background.inline(), clock);
        assertEquals("This run cannot be continued: it already trained all its 3 epochs.", idle.whyNotContinuable(finished));
        java.nio.file.Files.delete(dir.resolve("checkpoint").resolve(wb.model.ModelBundle.NETWORK_FILE));
        assertEquals("This run cannot be continued: it has no checkpoint.", idle.whyNotContinuable(run));
    }

    @Test
    void runsAreControlledAndDescribedFromSnapshots() {
        AppState state = UiFixtures.state(dataset, tmp.resolve("runs-b"));
        state.trainConfigProperty().set(TrainConfig.defaults("shallownet"));
        state.augmentProperty().set(AugmentConfig.light());
        ScriptedRunner runner = new ScriptedRunner();
        TrainViewModel vm = new TrainViewModel(state, runner, Background.inline(), clock);

        vm.start();
        assertEquals(List.of("start"), runner.calls);
        assertEquals("2026-11-22_18-49-03_shallownet", runner.job.runName());
        assertEquals(tmp.resolve("runs-b").resolve("2026-11-22_18-49-03_shallownet"), runner.job.runDir());
        assertEquals(AugmentConfig.light(), runner.job.config().augment(), "the Augment screen's current settings are used");
        assertEquals(1, runner.job.channels());
        assertTrue(vm.runningProperty().get());
        assertFalse(vm.canStartProperty().get());

        RunStart start = new RunStart("shallownet", 100, 3, 1, 10, 80, 4, "CpuBackend", "MKLDNNConvHelper");
        BatchMetrics b = new BatchMetrics(2, 14, 5, 10, 0.7, 0.65, 1e-3, 812.4, 95, 2);
        EpochMetrics e1 = new EpochMetrics(1, 3, 0.9, 0.7, 0.8, 0.625, 1e-3, 3, 800, true);
        runner.listener.onSnapshot(new TrainingSnapshot("2026-11-22_18-49-03_shallownet", runner.job.runDir(), TrainingSnapshot.Phase.TRAINING,
                "Training", start, List.of(e1), List.of(), 1, 0, b, null, List.of(), List.of()));
        assertEquals("2 / 3", vm.epochTextProperty().get());
        assertEquals(0.5, vm.epochProgressProperty().get(), 1e-9);
        assertEquals("812 img/s", vm.throughputTextProperty().get());
        assertEquals("1 min 35 s", vm.etaTextProperty().get());
        assertEquals("2", vm.queuedTextProperty().get());
        assertEquals("62.5% (epoch 1)", vm.bestTextProperty().get());
        assertEquals("Training epoch 2 of 3, batch 5 of 10", vm.statusProperty().get());

        vm.pause();
        assertTrue(vm.pausedProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Paused at epoch 2, batch 5"));
        vm.resume();
        assertFalse(vm.pausedProperty().get());
        vm.stop();
        assertTrue(vm.stoppingProperty().get());
        assertEquals("Stopping after the current batch…", vm.statusProperty().get());
        assertEquals(List.of("start", "pause", "resume", "stop"), runner.calls);

        RunEnd end = new RunEnd(RunEnd.Status.CANCELLED, 0, 0, Double.NaN, Double.NaN, "stopped by the user during epoch 1");
        runner.listener.onSucceeded(new TrainingSnapshot("2026-11-22_18-49-03_shallownet", runner.job.runDir(), TrainingSnapshot.Phase.FINISHED,
                end.message(), start, List.of(), List.of(), 1, 0, b, end, List.of(), List.of()));
        assertFalse(vm.runningProperty().get());
        assertTrue(vm.canStartProperty().get());
        assertEquals(TrainViewModel.NoticeKind.WARNING, vm.noticeKindProperty().get());
        assertEquals("Stopped before the first epoch finished, so no model was saved.", vm.noticeProperty().get());
        assertNull(state.modelProperty().get());
    }

    @Test
    void aFailureIsShownAndTheScreenIsReadyAgain() {
        AppState state = UiFixtures.state(dataset, tmp.resolve("runs-c"));
        ScriptedRunner runner = new ScriptedRunner();
        TrainViewModel vm = new TrainViewModel(state, runner, Background.inline(), clock);
        vm.start();
        runner.listener.onFailed(new wb.common.UserException("ShallowNet needs input of at least 8 px, not 4"));
        assertFalse(vm.runningProperty().get());
        assertEquals(TrainViewModel.NoticeKind.ERROR, vm.noticeKindProperty().get());
        assertEquals("ShallowNet needs input of at least 8 px, not 4", vm.noticeProperty().get());
        assertEquals(TrainingSnapshot.Phase.FINISHED, vm.snapshotProperty().get().phase());
        assertTrue(vm.canStartProperty().get());
    }
}
