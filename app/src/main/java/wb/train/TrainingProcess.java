package wb.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import wb.common.CancelledException;
import wb.common.FreeThreads;
import wb.common.Progress;
import wb.common.Uninterruptibly;
import wb.common.UserException;
import wb.dataset.Dataset;

/**
 * Runs {@link TrainingSession#run} in a separate Java process ({@link TrainingWorker}) with the same observer,
 * control and outcome as in this one. The workbench trains this way, so that:
 * <ul>
 *   <li>its training is the command line's training: the same process, the same JIT profile and heap, none of the
 *       window's objects or compiled code beside it (docs/benchmarks.md, GUI vs CLI);</li>
 *   <li>a crash in native code, or running out of memory, ends the run and not the workbench; what the run saved
 *       stays in its folder;</li>
 *   <li>closing the workbench stops the run after its current batch, as the Stop button does.</li>
 * </ul>
 * The worker gets this process's JVM options (heap, JIT settings) and environment (the launcher's OpenMP and BLAS
 * settings), without debugging or profiling agents. It is started from a thread with every core's affinity
 * ({@link FreeThreads}).
 */
public final class TrainingProcess {

    /** Lines of the worker's standard error kept for the message when it dies. */
    private static final int STDERR_TAIL = 30;

    private TrainingProcess() { }

    /**
     * {@link TrainingSession#run(Dataset, int, TrainConfig, Path, boolean, TrainingObserver, TrainingControl, Progress)}
     * in a worker process. Callbacks arrive on the calling thread, in the worker's order. Throws a {@link UserException}
     * where the session would have, and when the worker dies (its exit code and the end of its standard error say why).
     */
    public static TrainingSession.Outcome run(Dataset dataset, int channels, TrainConfig cfg, Path runDir, boolean resume,
                                              TrainingObserver observer, TrainingControl control, Progress progress) throws IOException {
        Path jobFile = Files.createTempFile("wb-training-job", ".json");
        try {
            TrainingEvents.JSON.writeValue(jobFile.toFile(), new TrainingEvents.Job(dataset, channels, cfg, runDir.toAbsolutePath(), resume));
            ProcessBuilder pb = new ProcessBuilder(command(jobFile));
            Process p;
            try {
                p = FreeThreads.call(pb::start);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof IOException io)) throw e;
                throw new UserException("cannot start the training process (" + pb.command().get(0) + "): " + io.getMessage()
                        + "; the workbench started with -Dwb.train.inProcess=true trains in its own process instead");
            }
            Writer commands = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
            control.onChange(() -> send(commands, control));
            send(commands, control); // a pause or stop that came before the worker started
            return follow(p, observer, progress);
        } finally {
            Files.deleteIfExists(jobFile);
        }
    }

    /** The launcher's options for the window's process alone (see {@code workbench}). */
    static final List<String> WINDOW_ONLY = List.of("-XX:TieredStopAtLevel=", "-XX:CompileThresholdScaling=", "-XX:-UsePerfData");

    /**
     * The worker's command line: this JVM, its options less agents and {@link #WINDOW_ONLY}, its class path. The
     * launcher compiles the window's process with C1 alone ({@code -XX:TieredStopAtLevel}, see {@code workbench}), at a
     * tenth of the usual thresholds, and without the JVM's performance counters; the trainer needs C2 at the command
     * line's thresholds, and so runs with exactly the command line's options.
     */
    static List<String> command(Path jobFile) {
        return command(ManagementFactory.getRuntimeMXBean().getInputArguments(), jobFile);
    }

    static List<String> command(List<String> jvmOptions, Path jobFile) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : jvmOptions) {
            if (arg.startsWith("-agentlib:") || arg.startsWith("-agentpath:") || arg.startsWith("-javaagent:")
                    || arg.startsWith("-Xrunjdwp") || arg.startsWith("-XX:StartFlightRecording") || arg.startsWith("-XX:FlightRecorderOptions")
                    || WINDOW_ONLY.stream().anyMatch(arg::startsWith)) {
                continue;
            }
            cmd.add(arg);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TrainingWorker.class.getName());
        cmd.add(jobFile.toString());
        return cmd;
    }

    /** Tells the worker the control's state; a worker that has ended cannot be told (and needs not be). */
    private static synchronized void send(Writer commands, TrainingControl control) {
        try {
            if (control.stopRequested()) {
                commands.write(TrainingEvents.STOP + "\n");
            } else {
                commands.write((control.isPaused() ? TrainingEvents.PAUSE : TrainingEvents.RESUME) + "\n");
            }
            commands.flush();
        } catch (IOException ended) {
            // the worker has exited; its last events say how the run ended
        }
    }

    /** Passes the worker's events on until it exits; returns its outcome or throws its failure. */
    static TrainingSession.Outcome follow(Process p, TrainingObserver observer, Progress progress) throws IOException {
        Deque<String> stderrTail = new ArrayDeque<>();
        Thread errors = new Thread(() -> copyStderr(p, stderrTail), "training-worker-stderr");
        errors.setDaemon(true);
        errors.start();
        TrainingSession.Outcome outcome = null;
        TrainingEvents.Failure failure = null;
        Seen seen = new Seen();
        TrainingObserver toObserver = TrainingObserver.all(List.of(seen, observer));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            while ((text = in.readLine()) != null) {
                TrainingEvents.Line line = TrainingEvents.decode(text);
                if (line == null) {
                    System.err.println(text); // a library's output: keep it where it would have gone
                    continue;
                }
                switch (line.event()) {
                    case TrainingEvents.OUTCOME -> outcome = line.as(TrainingSession.Outcome.class);
                    case TrainingEvents.FAILURE -> failure = line.as(TrainingEvents.Failure.class);
                    default -> TrainingEvents.dispatch(line, toObserver, progress);
                }
            }
        }
        int code = Uninterruptibly.get(p::waitFor); // its output has ended, so it is exiting
        joinQuietly(errors);
        if (outcome != null) return outcome;
        if (failure != null) {
            switch (failure.kind()) {
                case "user" -> throw new UserException(failure.message());
                case "cancelled" -> throw new CancelledException();
                default -> throw new IllegalStateException("training failed: " + failure.message() + "\n" + failure.detail());
            }
        }
        String why = "the training process ended unexpectedly (exit code " + code + ")"
                + (stderrTail.isEmpty() ? "" : "; its last messages:\n" + String.join("\n", snapshot(stderrTail)));
        if (seen.started && !seen.finished) {
            EpochMetrics best = seen.best;
            observer.onFinish(new RunEnd(RunEnd.Status.FAILED, seen.epochs, best == null ? 0 : best.epoch(),
                    best == null ? Double.NaN : best.validLoss(), best == null ? Double.NaN : best.validAccuracy(), why));
        }
        throw new UserException(why);
    }

    /** Notes what a run whose worker dies needs for its {@code onFinish}. */
    private static final class Seen implements TrainingObserver {
        boolean started, finished;
        int epochs;
        EpochMetrics best;

        @Override public void onStart(RunStart s) { started = true; }

        @Override public void onEpoch(EpochMetrics e) {
            epochs = e.epoch();
            if (e.improved()) best = e;
        }

        @Override public void onFinish(RunEnd e) { finished = true; }
    }

    private static void copyStderr(Process p, Deque<String> tail) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                System.err.println(line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > STDERR_TAIL) tail.removeFirst();
                }
            }
        } catch (IOException e) {
            // the worker has gone
        }
    }

    private static List<String> snapshot(Deque<String> tail) {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
