package wb.train;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import wb.common.CancelledException;
import wb.common.FreeThreads;
import wb.common.Progress;
import wb.common.UserException;

/**
 * The training process that {@link TrainingProcess} starts: {@code TrainingWorker JOB_FILE} runs
 * {@link TrainingSession#run} on the job, writes every observer callback and progress report to standard output as a
 * {@link TrainingEvents} line (batches in groups), and ends with the run's outcome or its failure. Standard input carries
 * {@code pause}, {@code resume} and {@code stop}, one per line; when it closes (the workbench has gone), the run stops
 * after the current batch and keeps what it has saved, as after the Stop button.
 * <p>
 * Libraries that print to standard output would break the stream, so {@code System.out} is pointed at standard error
 * and only this class writes to the real standard output.
 */
public final class TrainingWorker {

    private TrainingWorker() { }

    public static void main(String[] args) {
        FreeThreads.init(); // before any native library: see FreeThreads
        PrintStream events = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (args.length != 1) {
            System.err.println("usage: TrainingWorker JOB_FILE (started by the workbench, not by hand)");
            System.exit(2);
        }
        TrainingControl control = new TrainingControl();
        Emitter out = new Emitter(events);
        int code;
        try {
            TrainingEvents.Job job = TrainingEvents.JSON.readValue(Path.of(args[0]).toFile(), TrainingEvents.Job.class);
            listen(control);
            TrainingSession.Outcome o = TrainingSession.run(job.dataset(), job.channels(), job.config(), job.runDir(), job.resume(),
                    out, control, out);
            out.emit(TrainingEvents.OUTCOME, o);
            code = 0;
        } catch (UserException | IllegalArgumentException e) {
            out.emit(TrainingEvents.FAILURE, new TrainingEvents.Failure("user", e.getMessage(), ""));
            code = 2;
        } catch (CancelledException e) {
            out.emit(TrainingEvents.FAILURE, new TrainingEvents.Failure("cancelled", "cancelled", ""));
            code = 130;
        } catch (Throwable e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            out.emit(TrainingEvents.FAILURE, new TrainingEvents.Failure("error", String.valueOf(e), trace.toString()));
            code = 1;
        }
        events.flush();
        System.exit(code); // ND4J leaves non-daemon threads behind
    }

    /** Applies the commands on standard input to {@code control}, on a daemon thread. */
    private static void listen(TrainingControl control) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    switch (line.trim()) {
                        case TrainingEvents.PAUSE -> control.pause();
                        case TrainingEvents.RESUME -> control.resume();
                        case TrainingEvents.STOP -> control.stop();
                        default -> System.err.println("training worker: unknown command '" + line + "' ignored");
                    }
                }
            } catch (IOException e) {
                System.err.println("training worker: cannot read commands: " + e.getMessage());
            }
            control.stop(); // the workbench closed our input: it has gone
        }, "worker-commands");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Writes the observer's callbacks and progress as event lines; thread-safe, one flush per line. Batches travel
     * in groups, one line at most every {@link #BATCH_GROUP_NANOS} (and at an epoch's last batch and before any other
     * event, a pause's included), so that the workbench wakes a few times a second instead of at every batch.
     */
    static final class Emitter implements TrainingObserver, Progress {
        static final long BATCH_GROUP_NANOS = 250_000_000L;
        private final PrintStream out;
        private final List<BatchMetrics> batches = new ArrayList<>();
        private long groupStarted;

        Emitter(PrintStream out) { this.out = out; }

        synchronized void emit(String event, Object data) {
            flushBatches();
            write(event, data);
        }

        /** Sends the batches held back, if any. */
        private void flushBatches() {
            if (batches.isEmpty()) return;
            write(TrainingEvents.BATCHES, List.copyOf(batches));
            batches.clear();
        }

        private void write(String event, Object data) {
            out.print(TrainingEvents.encode(event, data));
            out.print('\n');
            out.flush();
        }

        @Override public void update(String message, long done, long total) {
            emit(TrainingEvents.PROGRESS, new TrainingEvents.ProgressUpdate(message, done, total));
        }

        @Override public void onStart(RunStart start) { emit(TrainingEvents.START, start); }
        @Override public void onPhase(String name, int firstEpoch) { emit(TrainingEvents.PHASE, new TrainingEvents.Phase(name, firstEpoch)); }

        @Override public synchronized void onBatch(BatchMetrics batch) {
            long now = System.nanoTime();
            if (batches.isEmpty()) groupStarted = now;
            batches.add(batch);
            if (now - groupStarted >= BATCH_GROUP_NANOS || batch.batch() >= batch.batchesPerEpoch()) flushBatches();
        }

        @Override public void onPaused() { emit(TrainingEvents.PAUSED, null); }

        @Override public void onEpoch(EpochMetrics epoch) { emit(TrainingEvents.EPOCH, epoch); }
        @Override public void onWatch(WatchFrame frame) { emit(TrainingEvents.WATCH, frame); }
        @Override public void onFinish(RunEnd end) { emit(TrainingEvents.FINISH, end); }
    }
}
