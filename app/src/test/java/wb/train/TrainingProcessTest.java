package wb.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.augment.AugmentConfig;
import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.UserException;
import wb.dataset.Dataset;
import wb.dataset.DatasetScanner;
import wb.evaluate.Predictions;
import wb.imaging.ResizePolicy;
import wb.model.LrSchedule;
import wb.model.ModelBundle;
import wb.model.Optimizer;

/**
 * Training in a worker process ({@link TrainingProcess}, {@link TrainingWorker}): the observer hears the same run as
 * in-process, pause and stop reach the worker, the session's own errors arrive as such, and a worker that dies ends the
 * run with its exit code and last messages instead of hanging or passing silently.
 */
class TrainingProcessTest {

    @TempDir static Path tmp;
    static Dataset data;

    @BeforeAll
    static void writeData() throws Exception {
        // A unicode folder name: paths travel through the job file and the events as JSON.
        Bars.writeTaskB(tmp.resolve("bärs – 条"), 20, 10, 5);
        data = DatasetScanner.scan(tmp.resolve("bärs – 条"), Progress.NONE, Cancellation.NEVER);
    }

    static TrainConfig config(int epochs) {
        return new TrainConfig("lenet", epochs, 12, Optimizer.ADAM, 1e-3, 0.9, LrSchedule.constant(), 0, null, false, 0, 3,
                AugmentConfig.none(), ResizePolicy.SQUASH, null, 0.2);
    }

    /** Records the events' kinds and the epochs, thread-safely. */
    static class Recorder implements TrainingObserver {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<EpochMetrics> epochs = Collections.synchronizedList(new ArrayList<>());
        final List<WatchFrame> watch = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger batches = new AtomicInteger();
        volatile RunStart start;
        volatile RunEnd end;

        @Override public void onStart(RunStart s) { start = s; events.add("start"); }
        @Override public void onBatch(BatchMetrics b) { batches.incrementAndGet(); }
        @Override public void onPaused() { events.add("paused"); }
        @Override public void onEpoch(EpochMetrics e) { epochs.add(e); events.add("epoch" + e.epoch()); }
        @Override public void onWatch(WatchFrame f) { watch.add(f); events.add("watch" + f.epoch()); }
        @Override public void onFinish(RunEnd e) { end = e; events.add("finish"); }
    }

    @Test
    void aRunInAWorkerReportsWhatTheSameRunInProcessReports() throws Exception {
        Recorder here = new Recorder();
        TrainingSession.Outcome a = TrainingSession.run(data, 1, config(2), tmp.resolve("here"), false, here, new TrainingControl(), Progress.NONE);
        Recorder there = new Recorder();
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        TrainingSession.Outcome b = TrainingProcess.run(data, 1, config(2), tmp.resolve("there"), false, there, new TrainingControl(),
                (message, done, total) -> progress.add(message));

        assertEquals(RunEnd.Status.COMPLETED, b.end().status(), b.end().message());
        assertEquals(here.events, there.events);
        assertEquals(here.batches.get(), there.batches.get());
        assertEquals(here.start.trainExamples(), there.start.trainExamples());
        assertEquals(here.start.parameters(), there.start.parameters());
        assertEquals(a.end().epochsCompleted(), b.end().epochsCompleted());
        assertFalse(progress.isEmpty(), "preparation progress reaches the caller");
        // The watched images keep their unicode paths and probabilities.
        Predictions w = there.watch.get(1).predictions();
        assertTrue(w.files().get(0).toString().contains("bärs – 条"), w.files().get(0).toString());
        assertEquals(1.0, sum(w.probabilities()[0]), 1e-3);
        // The outcome is the worker's, and the model it names is on disk.
        assertEquals(tmp.resolve("there").toAbsolutePath(), b.runDir());
        assertEquals(ModelBundle.json().valueToTree(ModelBundle.readCard(b.runDir())), ModelBundle.json().valueToTree(b.card()));
        assertTrue(Files.isRegularFile(b.runDir().resolve(ModelBundle.NETWORK_FILE)));
        assertEquals(2, MetricsCsvWriter.read(b.runDir().resolve("metrics.csv")).size());
    }

    @Test
    void pauseHoldsTheWorkerAndStopEndsItKeepingTheBestModel() throws Exception {
        TrainingControl control = new TrainingControl();
        Recorder rec = new Recorder() {
            @Override public void onEpoch(EpochMetrics e) {
                super.onEpoch(e);
                if (e.epoch() == 1) control.pause();
            }
        };
        AtomicInteger whilePaused = new AtomicInteger(-1);
        Thread stopper = new Thread(() -> {
            try {
                while (rec.epochs.isEmpty()) Thread.sleep(50);
                Thread.sleep(1500);
                int paused = rec.batches.get();
                Thread.sleep(1500);
                whilePaused.set(rec.batches.get() - paused);
                control.resume();
                while (rec.batches.get() == paused) Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                control.stop();
            }
        });
        stopper.start();
        TrainingSession.Outcome o = TrainingProcess.run(data, 1, config(200), tmp.resolve("stopped"), false, rec, control, Progress.NONE);
        stopper.join();
        assertEquals(0, whilePaused.get(), "batches while paused");
        assertEquals(RunEnd.Status.CANCELLED, o.end().status(), o.end().message());
        assertTrue(o.end().epochsCompleted() < 200);
        assertEquals(List.of("start", "epoch1", "watch1", "paused"), rec.events.subList(0, 4), "the pause took effect after epoch 1's batch");
        assertEquals("finish", rec.events.get(rec.events.size() - 1));
        assertTrue(Files.isRegularFile(o.runDir().resolve(ModelBundle.NETWORK_FILE)), "the best epoch so far stays saved");
    }

    @Test
    void aWorkerWhoseWorkbenchHasGoneStopsAfterItsBatchAndKeepsTheModel() throws Exception {
        Path job = tmp.resolve("orphan.json");
        Path run = tmp.resolve("orphan").toAbsolutePath();
        TrainingEvents.JSON.writeValue(job.toFile(), new TrainingEvents.Job(data, 1, config(200), run, false));
        Process p = new ProcessBuilder(TrainingProcess.command(job)).start();
        Recorder rec = new Recorder() {
            @Override public void onEpoch(EpochMetrics e) {
                super.onEpoch(e);
                try {
                    p.getOutputStream().close(); // what the worker sees when the workbench exits
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
        };
        TrainingSession.Outcome o = TrainingProcess.follow(p, rec, Progress.NONE);
        assertEquals(RunEnd.Status.CANCELLED, o.end().status(), o.end().message());
        assertTrue(o.end().epochsCompleted() < 5, "stopped soon after its input closed: " + o.end().epochsCompleted());
        assertTrue(Files.isRegularFile(run.resolve(ModelBundle.NETWORK_FILE)));
        assertEquals(0, p.exitValue());
    }

    @Test
    void theSessionsOwnErrorsArriveAsUserErrors() throws Exception {
        Path run = tmp.resolve("twice");
        TrainingProcess.run(data, 1, config(1), run, false, new TrainingObserver() { }, new TrainingControl(), Progress.NONE);
        UserException e = assertThrows(UserException.class,
                () -> TrainingProcess.run(data, 1, config(1), run, false, new TrainingObserver() { }, new TrainingControl(), Progress.NONE));
        assertTrue(e.getMessage().contains("already holds a model"), e.getMessage());
    }

    @Test
    void aWorkerThatDiesEndsTheRunWithItsExitCodeAndLastMessages() throws Exception {
        String start = TrainingEvents.encode(TrainingEvents.START, new RunStart("lenet", 10, 5, 1, 3, 36, 9, "cpu", "none"));
        String epoch = TrainingEvents.encode(TrainingEvents.EPOCH, new EpochMetrics(1, 5, 1.2, 0.5, 1.1, 0.6, 1e-3, 2, 18, true));
        Process p = new ProcessBuilder("sh", "-c", "printf '%s\\n' \"$0\" 'a stray library line' \"$1\"; echo 'out of memory' >&2; exit 137",
                start, epoch).start();
        Recorder rec = new Recorder();
        UserException e = assertThrows(UserException.class, () -> TrainingProcess.follow(p, rec, Progress.NONE));
        assertTrue(e.getMessage().contains("exit code 137") && e.getMessage().contains("out of memory"), e.getMessage());
        assertEquals(List.of("start", "epoch1", "finish"), rec.events, "one onFinish, as the observer contract says");
        assertEquals(RunEnd.Status.FAILED, rec.end.status());
        assertEquals(1, rec.end.bestEpoch());
        assertEquals(1.1, rec.end.bestValidLoss(), 1e-12);
    }

    @Test
    void theWorkerGetsTheWindowsOptionsLessAgentsAndTheWindowsJitAndCounterSettings() {
        Path job = Path.of("job.json");
        List<String> cmd = TrainingProcess.command(List.of("-Xmx6g", "-XX:CompileThresholdScaling=0.1", "-XX:-UsePerfData",
                "-XX:TieredStopAtLevel=1", "-agentlib:jdwp=transport=dt_socket", "-XX:StartFlightRecording=filename=w.jfr",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=18g", "-XX:+UseG1GC"), job);
        assertEquals(List.of("-Xmx6g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=18g", "-XX:+UseG1GC", "-cp"), cmd.subList(1, 5),
                "the trainer compiles with C2 as the command line does: " + cmd);
        assertEquals(List.of(TrainingWorker.class.getName(), job.toString()), cmd.subList(cmd.size() - 2, cmd.size()));
    }

    @Test
    void eventsKeepNonFiniteNumbers() throws Exception {
        RunEnd end = new RunEnd(RunEnd.Status.DIVERGED, 0, 0, Double.POSITIVE_INFINITY, Double.NaN, "loss is NaN");
        TrainingEvents.Line line = TrainingEvents.decode(TrainingEvents.encode(TrainingEvents.FINISH, end));
        assertEquals(end, line.as(RunEnd.class));
        assertNull(TrainingEvents.decode("WARNING: a library's own line"));
    }

    private static double sum(float[] row) {
        double s = 0;
        for (float v : row) s += v;
        return s;
    }
}
