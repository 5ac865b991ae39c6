package wb.ui.train;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.management.HotSpotDiagnosticMXBean;

import javafx.concurrent.Service;
import javafx.concurrent.Task;

import wb.train.TrainingControl;
import wb.train.TrainingProcess;
import wb.train.TrainingSession;

/**
 * Training as a JavaFX Service: {@link TrainingSession#run} in a worker process ({@link TrainingProcess}; with
 * {@code -Dwb.train.inProcess=true}, in this one) followed from a dedicated thread, with a {@link TrainingRecorder}
 * that publishes cumulative snapshots through {@code updateValue}. JavaFX coalesces those into at most one
 * FX-thread update per pulse, which is safe precisely because every snapshot holds the whole run so far.
 */
public final class TrainingService extends Service<TrainingSnapshot> implements TrainingRunner {

    /** One long-lived thread: training never competes with the shared background pool (thumbnails, tables). */
    private static final ExecutorService TRAINING_THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "wb-training");
        t.setDaemon(true);
        return t;
    });

    /** Train in the workbench's own process instead of a worker: for profiling with one process, or where starting one fails. */
    static final boolean IN_PROCESS = Boolean.getBoolean("wb.train.inProcess");

    private TrainingJob job;
    private Listener listener;
    private volatile TrainingControl control;

    public TrainingService() {
        setExecutor(TRAINING_THREAD);
        valueProperty().addListener((o, a, snapshot) -> {
            if (snapshot != null && listener != null && isRunning()) listener.onSnapshot(snapshot);
        });
        setOnSucceeded(e -> listener.onSucceeded(getValue()));
        setOnFailed(e -> listener.onFailed(getException()));
    }

    @Override public void start(TrainingJob job, Listener listener) {
        if (isRunning()) throw new IllegalStateException("a training run is already in progress");
        this.job = job;
        this.listener = listener;
        this.control = new TrainingControl();
        restart();
    }

    @Override public void pause() {
        TrainingControl c = control;
        if (c != null) c.pause(); // the recorder shows the run as it stands once the pause takes effect (onPaused)
    }

    @Override public void resume() {
        TrainingControl c = control;
        if (c != null) c.resume();
    }

    @Override public void stop() {
        TrainingControl c = control;
        if (c != null) c.stop();
    }

    @Override protected Task<TrainingSnapshot> createTask() {
        TrainingJob j = job;
        TrainingControl c = control;
        return new Task<>() {
            @Override protected TrainingSnapshot call() throws Exception {
                Optional<String> jitNote = IN_PROCESS ? compilerNote(tieredStopAtLevel()) : Optional.empty();
                jitNote.ifPresent(n -> System.err.println("workbench: " + n));
                TrainingRecorder rec = new TrainingRecorder(j.runName(), j.runDir(), this::updateValue, System::nanoTime,
                        TrainingRecorder.DEFAULT_INTERVAL_NANOS);
                rec.seed(j.previousEpochs(), j.previousPhases(), j.previousWatch());
                updateValue(rec.snapshot());
                TrainingSession.Outcome outcome = IN_PROCESS
                        ? TrainingSession.run(j.dataset(), j.channels(), j.config(), j.runDir(), j.resume(), rec, c, rec)
                        : TrainingProcess.run(j.dataset(), j.channels(), j.config(), j.runDir(), j.resume(), rec, c, rec);
                List<String> notes = new ArrayList<>(outcome.notes());
                jitNote.ifPresent(notes::add);
                return rec.complete(notes, outcome.unreadableFiles());
            }
        };
    }

    /**
     * What to tell the user when this process trains itself with its JIT stopped below C2: the launcher gives the
     * window's process C1 alone ({@code -XX:TieredStopAtLevel=1}) because a worker does its training, and leaves the
     * flag out when it sees {@code -Dwb.train.inProcess=true}; set some other way, the trainer would run without C2.
     * Empty for level 4 (the default) and for a value that is not a number.
     */
    static Optional<String> compilerNote(String tieredStopAtLevel) {
        if (tieredStopAtLevel == null) return Optional.empty();
        int level;
        try {
            level = Integer.parseInt(tieredStopAtLevel.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (level >= 4) return Optional.empty();
        return Optional.of("this window's process trains with -XX:TieredStopAtLevel=" + level
                + " (no C2 compiler), more slowly than a training worker; with -Dwb.train.inProcess=true in WB_JAVA_OPTS"
                + " the launcher leaves that flag out");
    }

    /** This JVM's {@code TieredStopAtLevel}; "4" (C2) where the VM does not say. */
    private static String tieredStopAtLevel() {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("TieredStopAtLevel").getValue();
        } catch (RuntimeException e) {
            return "4";
        }
    }
}
