package wb.ui;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import wb.common.FreeThreads;
import wb.train.EpochMetrics;
import wb.train.TrainConfig;
import wb.ui.train.TrainScreen;
import wb.ui.train.TrainingSnapshot;

import static wb.ui.ScriptedFx.await;
import static wb.ui.ScriptedFx.fx;

/**
 * Measures training in the real window: opens a dataset, trains the default recipe for N epochs from the Train
 * screen with the live charts on screen, and prints one JSON line with the images/s of every epoch (the same
 * figures the CLI's metrics.csv holds, so the two can be compared run for run), the CPU time of the FX threads
 * and of the whole process, and the FX thread's worst stall (the longest wait of a task posted every 20 ms;
 * unlike an animation timer this does not force extra frames).
 * {@code -Dwb.bench.alternate=true} shows the Train screen during odd epochs and the Data screen during even ones, to
 * measure the window's drawing inside one process (bench/gui_window_ab.sh).
 * <p>
 * Usage (bench/gui_vs_cli.sh): {@code xvfb-run -a env WB_MAIN_CLASS=wb.ui.TrainingBenchmark ./workbench DATASET EPOCHS}
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() { }

    public static void main(String[] args) {
        FreeThreads.init(); // before any native library: see FreeThreads
        if (args.length < 1) {
            System.err.println("usage: TrainingBenchmark DATASET_FOLDER [EPOCHS]");
            System.exit(2);
        }
        Application.launch(BenchApp.class, args);
    }

    /** The workbench with a stopwatch on the Train screen. */
    public static final class BenchApp extends WorkbenchApp {
        @Override public void start(Stage stage) {
            List<String> args = getParameters().getUnnamed();
            Path dataset = Path.of(args.get(0)).toAbsolutePath();
            int epochs = args.size() > 1 ? Integer.parseInt(args.get(1)) : 4;
            Path runs;
            try {
                runs = Files.createTempDirectory("wb-bench-runs");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            MainWindow window = assemble(stage, new AppState(runs), new UiPreferences(new MemoryPreferences()), p -> { });
            window.show();
            stage.setWidth(1400);
            stage.setHeight(900);
            TrainScreen train = window.screens().stream().filter(TrainScreen.class::isInstance).map(TrainScreen.class::cast)
                    .findFirst().orElseThrow();
            Thread t = new Thread(() -> {
                int status = 0;
                try {
                    fx(() -> {
                        opener().open(dataset);
                        return null;
                    });
                    await("the dataset check", 1800, 20, () -> fx(() -> state().verification() != null));
                    fx(() -> {
                        TrainConfig c = state().trainConfigProperty().get();
                        state().trainConfigProperty().set(c.withEpochs(epochs));
                        window.select(window.screens().indexOf(train));
                        train.viewModel().start();
                        return null;
                    });
                    await("training to start", 600, 20, () -> fx(() -> train.viewModel().runningProperty().get()));
                    // -Dwb.bench.away=true: leave the Train screen once training runs, to separate the charts' cost from the rest.
                    if (Boolean.getBoolean("wb.bench.away")) fx(() -> {
                        window.select(0);
                        return null;
                    });
                    ThreadCpu cpu = new ThreadCpu();
                    Map<String, Long> native0 = nativeThreadTicks();
                    long cpu0 = processCpuNanos();
                    long wall0 = System.nanoTime();
                    AtomicLong worstStall = new AtomicLong();
                    // The probe wakes two threads 50 times a second; -Dwb.bench.probe=false measures without it.
                    Thread probe = Boolean.parseBoolean(System.getProperty("wb.bench.probe", "true")) ? stallProbe(worstStall) : null;
                    // -Dwb.bench.alternate=true: the Train screen on odd epochs, another screen on even ones (same JVM A/B).
                    boolean alternate = Boolean.getBoolean("wb.bench.alternate");
                    int shownFor = -1;
                    while (fx(() -> train.viewModel().runningProperty().get())) {
                        cpu.sample();
                        if (alternate) {
                            int done = fx(() -> {
                                TrainingSnapshot now = train.viewModel().snapshotProperty().get();
                                return now == null ? 0 : now.epochs().size();
                            });
                            if (done != shownFor) {
                                shownFor = done;
                                int screen = done % 2 == 0 ? window.screens().indexOf(train) : 0;
                                fx(() -> {
                                    window.select(screen);
                                    return null;
                                });
                            }
                        }
                        // Every 2 s: each look costs the window a wake-up of the FX thread and a pass over all threads' CPU
                        // times, which a user's window does not have (the end of the run is seen up to 2 s late; the epochs'
                        // figures come from the worker and are not affected).
                        Thread.sleep(alternate ? 100 : 2000);
                    }
                    if (probe != null) probe.interrupt();
                    cpu.sample();
                    double wall = (System.nanoTime() - wall0) / 1e9;
                    Map<String, Long> native1 = nativeThreadTicks();
                    double processCpu = (processCpuNanos() - cpu0) / 1e9;
                    TrainingSnapshot s = fx(() -> train.viewModel().snapshotProperty().get());
                    StringBuilder rates = new StringBuilder();
                    for (EpochMetrics e : s.epochs()) {
                        if (rates.length() > 0) rates.append(',');
                        rates.append(String.format(Locale.ROOT, "%.1f", e.imagesPerSecond()));
                    }
                    System.out.printf(Locale.ROOT, "{\"front_end\":\"gui\",\"run\":\"%s\",\"epochs\":%d,\"images_per_s\":[%s],"
                                    + "\"wall_s\":%.1f,\"process_cpu_s\":%.1f,\"fx_thread_cpu_s\":%.2f,\"renderer_cpu_s\":%.2f,"
                                    + "\"worst_fx_stall_ms\":%.1f,\"threads_cpu_s\":%s,\"os_threads_cpu_s\":%s}%n",
                            s.runDir(), s.epochs().size(), rates, wall, processCpu, cpu.seconds("JavaFX Application Thread"),
                            cpu.seconds("QuantumRenderer-0"), worstStall.get() / 1e6, cpu.json(), ticksJson(native0, native1));
                } catch (Throwable e) {
                    e.printStackTrace();
                    status = 1;
                }
                int exit = status;
                Platform.runLater(Platform::exit);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                System.exit(exit);
            }, "training-benchmark");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Posts a task to the FX thread every 20 ms and keeps the longest time one waited to run. */
    private static Thread stallProbe(AtomicLong worst) {
        Thread p = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long posted = System.nanoTime();
                CompletableFuture<Void> ran = new CompletableFuture<>();
                Platform.runLater(() -> {
                    worst.accumulateAndGet(System.nanoTime() - posted, Math::max);
                    ran.complete(null);
                });
                try {
                    ran.get(10, TimeUnit.SECONDS);
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    worst.accumulateAndGet(System.nanoTime() - posted, Math::max);
                }
            }
        }, "fx-stall-probe");
        p.setDaemon(true);
        p.start();
        return p;
    }

    /** CPU time per Java thread name during the run (threads that end keep their last reading). */
    private static final class ThreadCpu {
        private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        private final Map<Long, Long> start = new HashMap<>();
        private final Map<Long, Long> last = new HashMap<>();
        private final Map<Long, String> names = new HashMap<>();

        void sample() {
            for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info == null) continue;
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                if (cpu < 0) continue;
                start.putIfAbsent(info.getThreadId(), cpu);
                last.put(info.getThreadId(), cpu);
                names.put(info.getThreadId(), info.getThreadName());
            }
        }

        double seconds(String name) {
            long sum = 0;
            for (Map.Entry<Long, String> e : names.entrySet()) {
                if (e.getValue().equals(name)) sum += last.get(e.getKey()) - start.get(e.getKey());
            }
            return sum / 1e9;
        }

        /** Threads that used at least 0.05 s, by name. */
        String json() {
            Map<String, Long> byName = new TreeMap<>();
            for (Map.Entry<Long, String> e : names.entrySet()) {
                byName.merge(e.getValue(), last.get(e.getKey()) - start.get(e.getKey()), Long::sum);
            }
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<String, Long> e : byName.entrySet()) {
                if (e.getValue() < 50_000_000L) continue;
                if (sb.length() > 1) sb.append(',');
                sb.append('"').append(e.getKey().replace("\"", "'")).append("\":").append(String.format(Locale.ROOT, "%.2f", e.getValue() / 1e9));
            }
            return sb.append('}').toString();
        }
    }

    /**
     * CPU clock ticks per OS thread name (/proc/self/task/N/stat, Linux), summed over threads of the same name: covers
     * native threads the JVM does not know (OpenMP workers, a software GL rasteriser). Empty elsewhere.
     */
    private static Map<String, Long> nativeThreadTicks() {
        Map<String, Long> out = new TreeMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) return out;
        try (var dirs = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) dirs::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close).replaceAll("[0-9]+$", "#");
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime (fields 14, 15)
                    out.merge(name + "@" + t.getFileName(), ticks, Long::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return out;
        }
        return out;
    }

    /** Seconds per thread name between two readings (threads that used at least 0.1 s), assuming 100 ticks a second. */
    private static String ticksJson(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> byName = new TreeMap<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            byName.merge(e.getKey().substring(0, e.getKey().indexOf('@')), d, Long::sum);
        }
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Long> e : byName.entrySet()) {
            if (e.getValue() < 10) continue;
            if (sb.length() > 1) sb.append(',');
            sb.append('"').append(e.getKey().replace("\"", "'")).append("\":").append(String.format(Locale.ROOT, "%.2f", e.getValue() / 100.0));
        }
        return sb.append('}').toString();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
